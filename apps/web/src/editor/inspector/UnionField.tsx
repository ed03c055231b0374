import { FieldProblem } from './FieldProblem';
import { useFieldProblems } from './fieldProblems';
import type { z } from 'zod';
import { EnumField } from './EnumField';
import { ObjectFields } from './ObjectFields';
import { defaultFor, defOf, unionOption } from './zodShape';

const kindLabel: Record<string, string> = {
  event: 'an event',
  email_opened: 'an open of an email',
  email_clicked: 'a click in an email',
  once: 'once per customer',
  always: 'every time',
  cooldown: 'again after a cool-down',
  step_entry: 'after reaching this step',
  run_start: 'since the run started',
  look_back: 'within a look-back window',
  segment: 'entering or leaving a segment',
  stage: 'reaching a lifecycle stage',
  schedule: 'a schedule',
  date_trait: 'a date trait (before, on, after, anniversary)',
  weekday_time: 'a weekday and time of day',
  date: 'a date',
  trait_date: 'a date trait',
  before: 'before',
  after: 'after',
  on: 'on the day',
  anniversary: 'every year on the day',
  address: 'an address',
  trait: 'the address in a customer trait',
};

/** A recurrence's choices (`once` here is a day, not the re-entry policy). */
const everyLabel: Record<string, string> = { once: 'once, on a date', day: 'every day', week: 'every week on chosen days', month: 'every month', cron: 'a cron expression' };

/** What the choice of kind is called, where "Kind" would not say it. */
const discriminatorLabel: Record<string, string> = { from: 'Count events', every: 'Repeats', policy: 'Policy' };

/** A discriminated union: choose the kind, then fill in that kind's fields. */
export function UnionField({ id, label, schema, value, onChange }: { id: string; label: string; schema: z.ZodType; value: unknown; onChange: (value: unknown) => void }) {
  const current = (value ?? {}) as Record<string, unknown>;
  const key = defOf(schema).discriminator ?? 'kind';
  const option = unionOption(schema, current[key]);
  const problems = useFieldProblems(id);
  if (!option) return null;
  const switchTo = (kind: string | undefined) => {
    const chosen = defOf(schema).options?.[option.values.indexOf(kind ?? '')];
    if (chosen) onChange({ ...(defaultFor(chosen) as Record<string, unknown>), [key]: kind });
  };
  return (
    <fieldset className="field union-field">
      <legend>{label}</legend>
      <FieldProblem id={problems.problemId} messages={problems.messages} />
      <EnumField id={`${id}-${key}`} label={discriminatorLabel[key] ?? 'Kind'} value={current[key] ?? option.values[0]} options={option.values.map((v) => ({ value: v, label: (key === 'every' ? everyLabel[v] : kindLabel[v]) ?? v }))} onChange={switchTo} />
      <ObjectFields shape={option.shape} value={current} path={id} skip={[key]} onChange={(next) => onChange({ ...next, [key]: current[key] ?? option.values[0] })} />
    </fieldset>
  );
}
