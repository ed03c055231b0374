import { FieldProblem } from './FieldProblem';
import { useFieldProblems } from './fieldProblems';
import type { ConditionGroup, Rule } from '@lifecycle/journey';
import { useChoices } from './inspectorContext';
import { RuleRow } from './RuleRow';

type Item = ConditionGroup['conditions'][number];
const isGroup = (item: Item): item is ConditionGroup => 'match' in item;
const newRule: Rule = { source: 'trait', path: '', op: 'eq', value: '' };

/** Rules and nested groups joined by all (AND) or any (OR). */
export function ConditionBuilder({ id, label, value, onChange, onRemove }: { id: string; label: string; value: unknown; onChange: (group: ConditionGroup | undefined) => void; onRemove?: () => void }) {
  const { readOnly } = useChoices();
  const group = (value ?? { match: 'all', conditions: [] }) as ConditionGroup;
  const items = group.conditions ?? [];
  const problems = useFieldProblems(id, `${id}-match`, `${id}-conditions`);
  const setItem = (index: number, item: Item | null) =>
    onChange({ ...group, conditions: item === null ? items.filter((_, at) => at !== index) : items.map((old, at) => (at === index ? item : old)) });
  return (
    <fieldset className="field condition-group">
      <legend>{label}</legend>
      <FieldProblem id={problems.problemId} messages={problems.messages} />
      <div className="condition-match">
        <label htmlFor={`${id}-match`}>Match</label>
        <select id={`${id}-match`} value={group.match} disabled={readOnly} onChange={(event) => onChange({ ...group, match: event.target.value as ConditionGroup['match'] })}>
          <option value="all">all of these</option>
          <option value="any">any of these</option>
        </select>
        {onRemove && !readOnly && <button type="button" className="icon-button" aria-label="Remove group" onClick={onRemove}>×</button>}
      </div>
      {items.map((item, index) =>
        isGroup(item) ? (
          <ConditionBuilder key={index} id={`${id}-conditions-${index}`} label={`Group ${index + 1}`} value={item} onChange={(next) => setItem(index, next ?? null)} onRemove={() => setItem(index, null)} />
        ) : (
          <RuleRow key={index} id={`${id}-conditions-${index}`} name={`Condition ${index + 1}`} rule={item} onChange={(rule) => setItem(index, rule as Rule)} onRemove={() => setItem(index, null)} />
        ),
      )}
      {items.length === 0 && <p className="hint">No rules: everyone matches.</p>}
      {!readOnly && (
        <div className="row-actions">
          <button type="button" className="button button-small" onClick={() => onChange({ ...group, conditions: [...items, newRule] })}>+ Rule</button>
          <button type="button" className="button button-small" onClick={() => onChange({ ...group, conditions: [...items, { match: 'any', conditions: [newRule] }] })}>+ Group</button>
        </div>
      )}
    </fieldset>
  );
}
