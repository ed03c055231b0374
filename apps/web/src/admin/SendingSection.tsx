import { WEEKDAYS, describeFrequencyCap, type SendPolicy, type Weekday } from '@lifecycle/journey';
import { useEffect, useState } from 'react';
import { saveSendPolicy, useSendPolicy } from '../api/sending';
import { ErrorBanner } from '../components/ErrorBanner';
import { ActionMessage, useAdminAction } from './useAdminAction';
import './sending.css';

const dayNames: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/** The form's state: every field kept even while its rule is off, so turning a rule back on restores what was there. */
interface Draft {
  capOn: boolean;
  limit: string;
  window: string;
  windowUnit: 'hours' | 'days';
  quietOn: boolean;
  start: string;
  end: string;
  days: Weekday[];
}

function draftOf(policy: SendPolicy): Draft {
  const cap = policy.frequencyCap;
  const byDays = cap ? cap.windowHours % 24 === 0 : true;
  return {
    capOn: cap !== null,
    limit: String(cap?.limit ?? 3),
    window: String(cap ? (byDays ? cap.windowHours / 24 : cap.windowHours) : 7),
    windowUnit: byDays ? 'days' : 'hours',
    quietOn: policy.quietHours !== null,
    start: policy.quietHours?.start ?? '21:00',
    end: policy.quietHours?.end ?? '08:00',
    days: policy.quietHours?.days ?? [],
  };
}

function policyOf(draft: Draft): SendPolicy {
  const window = Number(draft.window);
  return {
    frequencyCap: draft.capOn ? { limit: Number(draft.limit), windowHours: draft.windowUnit === 'days' ? window * 24 : window } : null,
    quietHours: draft.quietOn ? { start: draft.start, end: draft.end, days: draft.days } : null,
  };
}

function savedWords(policy: SendPolicy): string {
  const cap = policy.frequencyCap ? `at most ${describeFrequencyCap(policy.frequencyCap)}` : 'no frequency cap';
  const quiet = policy.quietHours ? `quiet hours ${policy.quietHours.start}–${policy.quietHours.end}` : 'no quiet hours';
  return `Sending rules saved: ${cap}, ${quiet}.`;
}

/**
 * The workspace's sending rules for marketing email: a frequency cap per customer and quiet hours in the customer's
 * time zone. Transactional sends are exempt; a journey may override either rule.
 */
export function SendingSection() {
  const policy = useSendPolicy();
  const { run, message } = useAdminAction('send-policy');
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (policy.data) setDraft(draftOf(policy.data));
  }, [policy.data]);
  const change = (patch: Partial<Draft>) => setDraft((current) => (current ? { ...current, ...patch } : current));
  const toggleDay = (day: Weekday) => change({ days: draft?.days.includes(day) ? draft.days.filter((one) => one !== day) : WEEKDAYS.filter((one) => one === day || draft?.days.includes(one)) });
  return (
    <section aria-labelledby="sending-rules-title">
      <h2 id="sending-rules-title">Sending rules</h2>
      <ErrorBanner error={policy.error} />
      <ActionMessage message={message} />
      {draft && (
        <form
          className="form-card sending-rules"
          aria-label="Sending rules"
          onSubmit={(event) => {
            event.preventDefault();
            run(async () => savedWords(await saveSendPolicy(policyOf(draft))));
          }}
        >
          <fieldset>
            <legend>Frequency cap</legend>
            <label className="checkbox">
              <input type="checkbox" checked={draft.capOn} onChange={(event) => change({ capOn: event.target.checked })} /> Limit marketing emails per customer
            </label>
            <div className="field-row">
              <div className="field">
                <label htmlFor="cap-limit">At most (emails)</label>
                <input id="cap-limit" type="number" min={1} max={1000} required disabled={!draft.capOn} value={draft.limit} onChange={(event) => change({ limit: event.target.value })} />
              </div>
              <div className="field">
                <label htmlFor="cap-window">In any rolling</label>
                <input id="cap-window" type="number" min={1} required disabled={!draft.capOn} value={draft.window} onChange={(event) => change({ window: event.target.value })} />
              </div>
              <div className="field">
                <label htmlFor="cap-window-unit">Window unit</label>
                <select id="cap-window-unit" disabled={!draft.capOn} value={draft.windowUnit} onChange={(event) => change({ windowUnit: event.target.value as Draft['windowUnit'] })}>
                  <option value="hours">hours</option>
                  <option value="days">days</option>
                </select>
              </div>
            </div>
            <p className="hint">A send over the cap waits until the cap frees (or is skipped, if its send step says so); the run shows which and why.</p>
          </fieldset>
          <fieldset>
            <legend>Quiet hours</legend>
            <label className="checkbox">
              <input type="checkbox" checked={draft.quietOn} onChange={(event) => change({ quietOn: event.target.checked })} /> No marketing emails during quiet hours
            </label>
            <div className="field-row">
              <div className="field">
                <label htmlFor="quiet-start">From</label>
                <input id="quiet-start" type="time" required disabled={!draft.quietOn} value={draft.start} onChange={(event) => change({ start: event.target.value })} />
              </div>
              <div className="field">
                <label htmlFor="quiet-end">Until</label>
                <input id="quiet-end" type="time" required disabled={!draft.quietOn} value={draft.end} onChange={(event) => change({ end: event.target.value })} />
              </div>
            </div>
            <div role="group" aria-label="Quiet hours start on" className="field-row">
              {WEEKDAYS.map((day) => (
                <label key={day} className="checkbox">
                  <input type="checkbox" disabled={!draft.quietOn} checked={draft.days.includes(day)} onChange={() => toggleDay(day)} /> {dayNames[day]}
                </label>
              ))}
            </div>
            <p className="hint">
              Read on the customer's clock (their <code>timezone</code> trait, else the workspace time zone). An end earlier than the start ends the next
              morning. No day ticked: every day. A send due inside quiet hours waits until they end.
            </p>
          </fieldset>
          <p className="hint">Transactional sends (receipts, password resets) are exempt from both rules. A journey can override them.</p>
          <button type="submit" className="button button-primary">Save sending rules</button>
        </form>
      )}
    </section>
  );
}
