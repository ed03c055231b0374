import type { z } from 'zod';
import type { WaitUntil } from '@lifecycle/journey';
import { DurationField } from './DurationField';
import { EnumField } from './EnumField';
import { useChoices } from './inspectorContext';
import { LocalTimeField } from './LocalTimeField';
import { MomentField } from './MomentField';
import { ObjectFields } from './ObjectFields';
import { SchemaField } from './SchemaField';
import { TextField } from './TextField';
import { TimeZoneField } from './TimeZoneField';
import { WeekdaysField } from './WeekdaysField';
import { unionOption, unwrap } from './zodShape';

type UntilKind = WaitUntil['kind'];

const untilKinds: { value: UntilKind; label: string }[] = [
  { value: 'weekday_time', label: 'a day of the week and time' },
  { value: 'date', label: 'a date' },
  { value: 'trait_date', label: 'a date in the customer’s traits' },
];

/** What a wait until a moment starts as when the marketer picks that kind: the common case, ready to publish. */
const untilDefaults: Record<UntilKind, Partial<WaitUntil>> = {
  weekday_time: { kind: 'weekday_time', weekdays: ['mon'], time: '09:00', zone: { kind: 'customer' } },
  date: { kind: 'date' },
  trait_date: { kind: 'trait_date', trait: '', when: { kind: 'before', offset: { amount: 1, unit: 'days' } }, time: '09:00', zone: { kind: 'customer' } },
};

/**
 * A wait's form: "for a length of time" or "until a moment", then that choice's fields. A drop-in for ObjectFields
 * (same props) so the inspector picks it for wait nodes; the node's other fields (id, label) render as usual.
 */
export function WaitFields({ shape, value, path, onChange }: { shape: Record<string, z.ZodType>; value: Record<string, unknown>; path: string; onChange: (value: Record<string, unknown>) => void }) {
  const { readOnly } = useChoices();
  const { duration: _duration, until: _until, ...rest } = value;
  const untilMode = value.until !== undefined;
  const until = (value.until ?? {}) as Partial<WaitUntil> & Record<string, unknown>;
  const setUntil = (next: Record<string, unknown>) => onChange({ ...rest, until: next });
  const field = (key: string, next: unknown) => setUntil(next === undefined ? omit(until, key) : { ...until, [key]: next });
  const id = (key: string) => `${path}-until-${key}`;
  const whenSchema = shape.until ? unionOption(unwrap(shape.until).inner, 'trait_date')?.shape.when : undefined;
  return (
    <>
      <ObjectFields shape={shape} value={value} path={path} skip={['duration', 'until']} onChange={(next) => onChange({ ...next, ...pick(value, ['duration', 'until']) })} />
      <fieldset className="field wait-mode">
        <legend>Wait</legend>
        <label>
          <input type="radio" name={`${path}-mode`} checked={!untilMode} disabled={readOnly} onChange={() => onChange({ ...rest, duration: { amount: 1, unit: 'days' } })} />
          for a length of time
        </label>
        <label>
          <input type="radio" name={`${path}-mode`} checked={untilMode} disabled={readOnly} onChange={() => setUntil(untilDefaults.weekday_time)} />
          until a moment
        </label>
      </fieldset>
      {!untilMode && <DurationField id={`${path}-duration`} label="Wait for" value={value.duration} onChange={(next) => onChange({ ...rest, duration: next })} />}
      {untilMode && (
        <fieldset className="field">
          <legend>Wait until</legend>
          <EnumField id={id('kind')} label="Until" value={until.kind ?? 'weekday_time'} options={untilKinds} onChange={(kind) => kind && setUntil(untilDefaults[kind as UntilKind])} />
          {until.kind === 'weekday_time' && (
            <>
              <WeekdaysField id={id('weekdays')} label="On (any day when none is ticked)" value={until.weekdays} onChange={(next) => field('weekdays', next)} />
              <LocalTimeField id={id('time')} label="At" value={until.time} onChange={(next) => field('time', next)} />
              <TimeZoneField id={id('zone')} label="Time zone" value={until.zone} onChange={(next) => field('zone', next)} />
            </>
          )}
          {until.kind === 'date' && <MomentField id={id('at')} label="Date and time" value={until.at} onChange={(next) => field('at', next)} />}
          {until.kind === 'trait_date' && (
            <>
              <TextField id={id('trait')} label="Date trait" value={until.trait} onChange={(next) => field('trait', next)} />
              {whenSchema && <SchemaField name="when" schema={whenSchema} value={until.when} path={id('when')} onChange={(next) => field('when', next)} />}
              <LocalTimeField id={id('time')} label="At (local time)" optional value={until.time} onChange={(next) => field('time', next)} />
              <TimeZoneField id={id('zone')} label="Time zone" value={until.zone} onChange={(next) => field('zone', next)} />
            </>
          )}
        </fieldset>
      )}
    </>
  );
}

function omit(value: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}

function pick(value: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => value[key] !== undefined).map((key) => [key, value[key]]));
}
