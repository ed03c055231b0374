import { useContext } from 'react';
import { fieldOfId, FieldProblemsContext } from '../editor/inspector/fieldProblems';

/** The problems of the field a widget id edits and of every field inside it, in words. */
export function useProblemsWithin(id: string, exact = false): string[] {
  const { prefix, byField } = useContext(FieldProblemsContext);
  const field = fieldOfId(prefix, id);
  if (field === null) return [];
  const messages = [...byField].filter(([key]) => key === field || (!exact && key.startsWith(`${field}.`))).flatMap(([, list]) => list);
  return [...new Set(messages)];
}
