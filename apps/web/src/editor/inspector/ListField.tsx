import { FieldProblem } from './FieldProblem';
import { useFieldProblems } from './fieldProblems';
import type { z } from 'zod';
import { freshId } from '../newNode';
import { defaultFor, defOf } from './zodShape';
import { useChoices } from './inspectorContext';
import { ObjectFields } from './ObjectFields';

/** A list of objects (condition branches, A/B arms): each item's fields, with add and remove. */
export function ListField({ id, label, schema, value, onChange }: { id: string; label: string; schema: z.ZodType; value: unknown; onChange: (value: unknown) => void }) {
  const { readOnly } = useChoices();
  const problems = useFieldProblems(id);
  const element = defOf(schema).element;
  const items = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  if (!element) return null;
  const singular = label.replace(/es$|s$/, '').toLowerCase();
  const add = () => {
    const item = defaultFor(element) as Record<string, unknown>;
    if ('id' in (defOf(element).shape ?? {})) {
      const taken = new Set(items.map((existing) => String(existing.id)));
      item.id = freshId(singular, taken);
      item.label = `${singular.charAt(0).toUpperCase()}${singular.slice(1)} ${items.length + 1}`;
    }
    onChange([...items, item]);
  };
  return (
    <fieldset className="field list-field">
      <legend>{label}</legend>
      <FieldProblem id={problems.problemId} messages={problems.messages} />
      {items.map((item, index) => (
        <div className="list-item" key={index} role="group" aria-label={`${singular} ${index + 1}`}>
          <ObjectFields shape={defOf(element).shape ?? {}} value={item} path={`${id}-${index}`} onChange={(next) => onChange(items.map((old, at) => (at === index ? next : old)))} />
          {!readOnly && (
            <button type="button" className="button button-small" onClick={() => onChange(items.filter((_, at) => at !== index))}>
              Remove {singular}
            </button>
          )}
        </div>
      ))}
      {!readOnly && (
        <button type="button" className="button button-small" onClick={add}>
          + Add {singular}
        </button>
      )}
    </fieldset>
  );
}
