import { describeFrequencyCap, type FrequencyCap, type JourneySendPolicy, type QuietHours, type SendPolicy } from '@lifecycle/journey';
import { useEffect, useState } from 'react';
import { saveJourneySending, useJourneySending } from '../api/sending';
import { ErrorBanner } from '../components/ErrorBanner';
import { ActionMessage, useAdminAction } from '../admin/useAdminAction';
import { useChoices } from './inspector/inspectorContext';

type Mode = 'workspace' | 'off' | 'custom';
interface Draft {
  capMode: Mode;
  limit: string;
  windowHours: string;
  quietMode: Mode;
  start: string;
  end: string;
}

function draftOf(own: JourneySendPolicy, effective: SendPolicy): Draft {
  const cap: FrequencyCap | null = own.frequencyCap.mode === 'custom' ? own.frequencyCap.value : effective.frequencyCap;
  const quiet: QuietHours | null = own.quietHours.mode === 'custom' ? own.quietHours.value : effective.quietHours;
  return {
    capMode: own.frequencyCap.mode,
    limit: String(cap?.limit ?? 1),
    windowHours: String(cap?.windowHours ?? 24),
    quietMode: own.quietHours.mode,
    start: quiet?.start ?? '21:00',
    end: quiet?.end ?? '08:00',
  };
}

function policyOf(draft: Draft): JourneySendPolicy {
  return {
    frequencyCap: draft.capMode === 'custom' ? { mode: 'custom', value: { limit: Number(draft.limit), windowHours: Number(draft.windowHours) } } : { mode: draft.capMode },
    // A journey's own quiet hours apply every day; the workspace's keep their days.
    quietHours: draft.quietMode === 'custom' ? { mode: 'custom', value: { start: draft.start, end: draft.end, days: [] } } : { mode: draft.quietMode },
  };
}

const capWords = (cap: FrequencyCap | null) => (cap ? `at most ${describeFrequencyCap(cap)}` : 'no frequency cap');
const quietWords = (quiet: QuietHours | null) => (quiet ? `quiet hours ${quiet.start}–${quiet.end}` : 'no quiet hours');

/**
 * This journey's sending rules: the workspace's frequency cap and quiet hours, none, or its own. Saved on its own
 * (not with the draft): runs in flight follow it from their next send.
 */
export function JourneySendingPanel({ journeyId }: { journeyId: string }) {
  const { readOnly } = useChoices();
  const answer = useJourneySending(journeyId);
  const { run, message } = useAdminAction('journey-sending');
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (answer.data) setDraft(draftOf(answer.data.journey, answer.data.effective));
  }, [answer.data]);
  const change = (patch: Partial<Draft>) => setDraft((current) => (current ? { ...current, ...patch } : current));
  const workspace = answer.data?.workspace;
  return (
    <section className="goal-panel" aria-labelledby="journey-sending-title">
      <h2 id="journey-sending-title">Sending rules</h2>
      <ErrorBanner error={answer.error} />
      <ActionMessage message={message} />
      {draft && workspace && (
        <form
          aria-label="Journey sending rules"
          onSubmit={(event) => {
            event.preventDefault();
            run(async () => {
              const saved = await saveJourneySending(journeyId, policyOf(draft));
              return `This journey follows ${capWords(saved.effective.frequencyCap)}, ${quietWords(saved.effective.quietHours)}.`;
            });
          }}
        >
          <div className="field">
            <label htmlFor="journey-cap-mode">Frequency cap</label>
            <select id="journey-cap-mode" value={draft.capMode} disabled={readOnly} onChange={(event) => change({ capMode: event.target.value as Mode })}>
              <option value="workspace">Workspace default ({capWords(workspace.frequencyCap)})</option>
              <option value="off">No cap for this journey</option>
              <option value="custom">This journey's own cap</option>
            </select>
          </div>
          {draft.capMode === 'custom' && (
            <div className="field-row">
              <div className="field">
                <label htmlFor="journey-cap-limit">At most (emails)</label>
                <input id="journey-cap-limit" type="number" min={1} max={1000} value={draft.limit} disabled={readOnly} onChange={(event) => change({ limit: event.target.value })} />
              </div>
              <div className="field">
                <label htmlFor="journey-cap-window">In any rolling (hours)</label>
                <input id="journey-cap-window" type="number" min={1} max={720} value={draft.windowHours} disabled={readOnly} onChange={(event) => change({ windowHours: event.target.value })} />
              </div>
            </div>
          )}
          <div className="field">
            <label htmlFor="journey-quiet-mode">Quiet hours</label>
            <select id="journey-quiet-mode" value={draft.quietMode} disabled={readOnly} onChange={(event) => change({ quietMode: event.target.value as Mode })}>
              <option value="workspace">Workspace default ({quietWords(workspace.quietHours)})</option>
              <option value="off">No quiet hours for this journey</option>
              <option value="custom">This journey's own quiet hours (every day)</option>
            </select>
          </div>
          {draft.quietMode === 'custom' && (
            <div className="field-row">
              <div className="field">
                <label htmlFor="journey-quiet-start">Quiet from</label>
                <input id="journey-quiet-start" type="time" value={draft.start} disabled={readOnly} onChange={(event) => change({ start: event.target.value })} />
              </div>
              <div className="field">
                <label htmlFor="journey-quiet-end">Quiet until</label>
                <input id="journey-quiet-end" type="time" value={draft.end} disabled={readOnly} onChange={(event) => change({ end: event.target.value })} />
              </div>
            </div>
          )}
          {!readOnly && <button type="submit">Save sending rules</button>}
          <p className="hint">Transactional send steps are exempt. Runs in flight follow a change from their next send.</p>
        </form>
      )}
    </section>
  );
}
