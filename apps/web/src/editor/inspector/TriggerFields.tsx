import type { z } from 'zod';
import { TriggerEntry } from '@lifecycle/journey';
import { useSegments } from '../../api/segments';
import { CheckboxField } from './CheckboxField';
import { EnumField } from './EnumField';
import { useChoices } from './inspectorContext';
import { legacyLifecycleEntry } from './legacyEntry';
import { ObjectFields } from './ObjectFields';
import { SchemaField } from './SchemaField';
import { SegmentPicker } from './SegmentPicker';
import { StagePicker } from './StagePicker';
import { defaultFor, defOf, nodeSchemaOf } from './zodShape';
import './triggerFields.css';

type Entry = { kind?: string; [field: string]: unknown };
type Trigger = Record<string, unknown> & { entry?: Entry };

/** "Starts when …": the entry kinds in the order people think of them. */
const startsWhen = [
  { value: 'event', label: 'an event' },
  { value: 'segment', label: 'entering or leaving a segment' },
  { value: 'stage', label: 'reaching a lifecycle stage' },
  { value: 'schedule', label: 'a schedule' },
  { value: 'date_trait', label: 'a date trait (before, on, after, anniversary)' },
];

/** The fields of one entry kind, from the `TriggerEntry` schema (schedule and date-trait forms are generic). */
function entryShape(kind: string): Record<string, z.ZodType> {
  const option = (defOf(TriggerEntry).options ?? []).find((candidate) => defOf(defOf(candidate).shape?.kind ?? candidate).values?.[0] === kind);
  return option ? (defOf(option).shape ?? {}) : {};
}

/** The trigger with its entry switched to `kind`: a fresh entry of that kind; the event name only for event entries. */
function switchEntry(trigger: Trigger, kind: string): Trigger {
  const { entry: _entry, event, ...rest } = trigger;
  if (kind === 'event') return { ...rest, ...(event === undefined ? {} : { event }) };
  const option = (defOf(TriggerEntry).options ?? []).find((candidate) => defOf(defOf(candidate).shape?.kind ?? candidate).values?.[0] === kind);
  return { ...rest, entry: { ...(option ? (defaultFor(option) as Entry) : {}), kind } };
}

/** A segment entry: the segment by name, entering or leaving it, and whether those already in it enter at publish. */
function SegmentEntryFields({ entry, path, onChange }: { entry: Entry; path: string; onChange: (entry: Entry) => void }) {
  const set = (field: string, value: unknown) => onChange({ ...entry, [field]: value });
  return (
    <>
      <SegmentPicker id={`${path}-segmentId`} label="Segment" value={entry.segmentId} onChange={(value) => set('segmentId', value ?? '')} />
      <EnumField
        id={`${path}-on`}
        label="When the customer"
        value={entry.on ?? 'entered'}
        options={[
          { value: 'entered', label: 'enters the segment' },
          { value: 'exited', label: 'leaves the segment' },
        ]}
        onChange={(value) => onChange(value === 'exited' ? { ...entry, on: 'exited', includeExisting: false } : { ...entry, on: 'entered' })}
      />
      {entry.on !== 'exited' && (
        <CheckboxField id={`${path}-includeExisting`} label="Also enter everyone already in it when published" value={entry.includeExisting} onChange={(value) => set('includeExisting', value === true)} />
      )}
    </>
  );
}

/** Offers to turn a journey saved on the raw `segment_entered` / `stage_entered` event into the entry it means. */
function LegacyEntryNote({ trigger, onChange }: { trigger: Trigger; onChange: (trigger: Trigger) => void }) {
  const { readOnly } = useChoices();
  const segments = useSegments().data ?? [];
  const converted = legacyLifecycleEntry(trigger);
  if (!converted) return null;
  const { entry } = converted;
  const what =
    entry.kind === 'stage'
      ? `reaching the stage “${entry.stage}”`
      : entry.kind === 'segment'
        ? `${entry.on === 'exited' ? 'leaving' : 'entering'} “${segments.find((segment) => segment.id === entry.segmentId)?.name ?? entry.segmentId}”`
        : '';
  const convert = () => {
    const { event: _event, conditions: _conditions, ...rest } = trigger;
    onChange({ ...rest, entry, ...(converted.conditions ? { conditions: converted.conditions } : {}) });
  };
  return (
    <div className="muted" role="note">
      <p>This journey starts on the internal event “{String(trigger.event)}” with a condition on it. It keeps working as it is; it reads as starting on {what}.</p>
      <button type="button" className="button button-small" disabled={readOnly} onClick={convert}>
        Start on {what} instead
      </button>
    </div>
  );
}

/**
 * A trigger's form: "Starts when" (an event, a segment, a stage, a schedule, a date trait), that kind's fields, then
 * the conditions narrowing who enters ("Only when") and whether a customer may enter again. Segments are picked by
 * name and stages from the configured ones: never the internal events they are announced by.
 */
export function TriggerFields({ value, path, onChange }: { value: Trigger; path: string; onChange: (value: Trigger) => void }) {
  const shape = nodeSchemaOf('trigger');
  const entry = value.entry ?? { kind: 'event' };
  const kind = entry.kind ?? 'event';
  const entryPath = `${path}-entry`;
  const setEntry = (next: Entry) => onChange({ ...value, entry: { ...next, kind } });
  const field = (name: string) => (
    <SchemaField
      name={name}
      schema={shape[name]!}
      value={value[name]}
      path={`${path}-${name}`}
      onChange={(next) => {
        const { [name]: _old, ...rest } = value;
        onChange(next === undefined ? rest : { ...rest, [name]: next });
      }}
    />
  );
  return (
    <>
      <ObjectFields shape={shape} value={value} path={path} skip={['entry', 'event', 'conditions', 'reentry']} onChange={onChange} />
      <fieldset className="field trigger-entry">
        <legend>Entry</legend>
        <EnumField id={`${entryPath}-kind`} label="Starts when" value={kind} options={startsWhen} onChange={(next) => onChange(switchEntry(value, next ?? 'event'))} />
        {kind === 'event' && field('event')}
        {kind === 'event' && <LegacyEntryNote trigger={value} onChange={onChange} />}
        {kind === 'segment' && <SegmentEntryFields entry={entry} path={entryPath} onChange={setEntry} />}
        {kind === 'stage' && <StagePicker id={`${entryPath}-stage`} label="Stage" value={entry.stage} onChange={(stage) => setEntry({ ...entry, stage: stage ?? '' })} />}
        {(kind === 'schedule' || kind === 'date_trait') && <ObjectFields shape={entryShape(kind)} value={entry} path={entryPath} skip={['kind']} onChange={setEntry} />}
      </fieldset>
      {field('conditions')}
      {field('reentry')}
    </>
  );
}
