import { createContext, useContext } from 'react';

/**
 * The selected step's problems by field (`awaited.event`, `branches.1.condition.conditions.0.path`). A widget's DOM id
 * is `prefix` followed by the same keys joined by `-`, so each widget finds its own problems from its id alone.
 */
export interface FieldProblemMap {
  prefix: string;
  byField: ReadonlyMap<string, string[]>;
}

export const FieldProblemsContext = createContext<FieldProblemMap>({ prefix: '', byField: new Map() });

/** The field a widget id edits: `inspector-w1-awaited-event` → `awaited.event` (null outside the inspector). */
export function fieldOfId(prefix: string, id: string): string | null {
  if (prefix === '' || !id.startsWith(`${prefix}-`)) return null;
  return id.slice(prefix.length + 1).split('-').join('.');
}

/** The DOM id of the widget editing `field`. */
export function idOfField(prefix: string, field: string): string {
  return `${prefix}-${field.split('.').join('-')}`;
}

/** The problems of the fields with these widget ids, and the attributes that tie an input to them. */
export function useFieldProblems(...ids: string[]): { messages: string[]; problemId: string; invalid: (id: string) => { 'aria-invalid'?: true; 'aria-describedby'?: string } } {
  const { prefix, byField } = useContext(FieldProblemsContext);
  const messagesOf = (id: string) => {
    const field = fieldOfId(prefix, id);
    return field === null ? [] : (byField.get(field) ?? []);
  };
  const messages = [...new Set(ids.flatMap(messagesOf))];
  const problemId = `${ids[0] ?? 'field'}-problem`;
  return {
    messages,
    problemId,
    invalid: (id) => (messagesOf(id).length > 0 ? { 'aria-invalid': true, 'aria-describedby': problemId } : {}),
  };
}
