import { useState } from 'react';
import { DEFAULT_GOAL_WINDOW, JourneyGoal, type ConditionGroup, type GoalWindow } from '@lifecycle/journey';
import { useSegments } from '../api/segments';
import { ConditionBuilder } from './inspector/ConditionBuilder';
import { DurationField } from './inspector/DurationField';
import { EventNameField } from './inspector/EventNameField';
import { useChoices } from './inspector/inspectorContext';

type GoalKind = 'none' | 'event' | 'segment_entered' | 'segment_exited';
type GoalForm = { kind: GoalKind; event: string; conditions: ConditionGroup | undefined; segmentId: string; window: Partial<GoalWindow> };

function formOf(goal: JourneyGoal | undefined): GoalForm {
  if (!goal) return { kind: 'none', event: '', conditions: undefined, segmentId: '', window: DEFAULT_GOAL_WINDOW };
  const window = goal.window ?? DEFAULT_GOAL_WINDOW;
  if ('segmentId' in goal) return { kind: goal.kind, event: '', conditions: undefined, segmentId: goal.segmentId, window };
  return { kind: 'event', event: goal.event, conditions: goal.conditions, segmentId: '', window };
}

function goalOf(form: GoalForm): unknown {
  switch (form.kind) {
    case 'none':
      return undefined;
    case 'event':
      return { event: form.event, ...(form.conditions ? { conditions: form.conditions } : {}), window: form.window };
    case 'segment_entered':
    case 'segment_exited':
      return { kind: form.kind, segmentId: form.segmentId, window: form.window };
    default: {
      const unknownKind: never = form.kind;
      throw new Error(`unknown goal kind ${String(unknownKind)}`);
    }
  }
}

/**
 * The journey's goal: an event (with conditions) or entering/leaving a segment, and the conversion window. The draft
 * only takes a complete goal, so a half-typed one stays in the form (with a hint) instead of failing the autosave.
 */
export function GoalPanel({ goal, onChange }: { goal: JourneyGoal | undefined; onChange: (goal: JourneyGoal | undefined) => void }) {
  const { readOnly } = useChoices();
  const segments = useSegments();
  const [form, setForm] = useState<GoalForm>(() => formOf(goal));
  const candidate = goalOf(form);
  const parsed = candidate === undefined ? null : JourneyGoal.safeParse(candidate);
  const update = (patch: Partial<GoalForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    const value = goalOf(next);
    if (value === undefined) return onChange(undefined);
    const result = JourneyGoal.safeParse(value);
    if (result.success) onChange(result.data);
  };
  return (
    <section className="goal-panel" aria-label="Journey goal">
      <h2>Goal</h2>
      <div className="field">
        <label htmlFor="goal-kind">A run converts when the customer</label>
        <select id="goal-kind" value={form.kind} disabled={readOnly} onChange={(event) => update({ kind: event.target.value as GoalKind })}>
          <option value="none">(no goal)</option>
          <option value="event">does an event</option>
          <option value="segment_entered">enters a segment</option>
          <option value="segment_exited">leaves a segment</option>
        </select>
      </div>
      {form.kind === 'event' && (
        <>
          <EventNameField id="goal-event" label="Goal event" value={form.event} onChange={(value) => update({ event: typeof value === 'string' ? value : '' })} />
          <ConditionBuilder id="goal-conditions" label="Goal conditions" value={form.conditions} onChange={(conditions) => update({ conditions })} />
        </>
      )}
      {(form.kind === 'segment_entered' || form.kind === 'segment_exited') && (
        <div className="field">
          <label htmlFor="goal-segment">Segment</label>
          <select id="goal-segment" value={form.segmentId} disabled={readOnly} onChange={(event) => update({ segmentId: event.target.value })}>
            <option value="">Choose a segment…</option>
            {(segments.data ?? []).map((segment) => (
              <option key={segment.id} value={segment.id}>
                {segment.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {form.kind !== 'none' && (
        <>
          <DurationField id="goal-window" label="Conversion window (from entering the journey)" value={form.window} onChange={(value) => update({ window: value as Partial<GoalWindow> })} />
          <p className="hint">
            Reaching the goal ends the run as converted. It also counts after the run has ended, up to the end of the window.
          </p>
          {parsed && !parsed.success && <p className="hint goal-incomplete">Not saved yet: {parsed.error.issues[0]?.message ?? 'complete the goal'}.</p>}
        </>
      )}
    </section>
  );
}
