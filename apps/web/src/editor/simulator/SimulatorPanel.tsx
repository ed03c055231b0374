import { useId, useMemo, useState } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useRoute } from '../../router/useRoute';
import { CustomerChoice, type CustomerSource } from './CustomerChoice';
import { ScriptEditor } from './ScriptEditor';
import { scriptOf, type ScriptRow } from './scriptRows';
import { SimulatedCalls } from './SimulatedCalls';
import { SimulatedEmails } from './SimulatedEmails';
import { STATUS_TEXT, useSimulation, type SimulationRequest, type SimulationResult, type StepsOf } from './simulationApi';
import { SimulationPath } from './SimulationPath';
import './simulator.css';

const SAMPLE_TRAITS = '{\n  "first_name": "Ada",\n  "plan": "pro"\n}';

/**
 * "Test this journey": runs the saved draft (or `versionId`) for a sample or real customer and a script, with time
 * skipped, and shows the path with its reasons and every rendered email. Nothing is sent or written.
 * `journeyId` defaults to the journey of the page (the editor's route). `onProblems` hears the problems of each test
 * (none when a new test starts or the panel closes), so the canvas can mark the steps that failed.
 */
export function SimulatorPanel({
  journeyId,
  versionId,
  graph,
  onPick,
  onProblems,
}: {
  journeyId?: string;
  versionId: string | null;
  graph: StepsOf;
  onPick?: (nodeId: string) => void;
  onProblems?: (problems: SimulationResult['problems']) => void;
}) {
  const route = useRoute();
  const id = journeyId ?? (route.page === 'journey' ? route.journeyId : '');
  const [open, setOpen] = useState(false);
  const [source, setSource] = useState<CustomerSource>('sample');
  const [customerId, setCustomerId] = useState('');
  const [traits, setTraits] = useState(SAMPLE_TRAITS);
  const [rows, setRows] = useState<ScriptRow[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const simulation = useSimulation(id);
  const headingId = useId();
  const names = useMemo(() => new Map(graph.nodes.map((node) => [node.id, node.label?.trim() || node.id])), [graph]);

  function run() {
    const script = scriptOf(rows);
    if ('error' in script) return setFormError(script.error);
    let customer: SimulationRequest['customer'];
    if (source === 'customer') {
      if (!customerId.trim()) return setFormError('Choose a customer, or use sample traits');
      customer = { id: customerId.trim() };
    } else {
      try {
        const parsed: unknown = JSON.parse(traits || '{}');
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return setFormError('Sample traits must be a JSON object, like {"plan": "pro"}');
        customer = { traits: parsed as Record<string, unknown> };
      } catch {
        return setFormError('Sample traits are not valid JSON');
      }
    }
    setFormError(null);
    onProblems?.([]);
    simulation.mutate({ ...(versionId ? { version: versionId } : {}), customer, script: script.script }, { onSuccess: (result) => onProblems?.(result.status === 'invalid' ? [] : result.problems) });
  }

  if (!open) {
    return (
      <button type="button" className="button sim-open" onClick={() => setOpen(true)}>
        Test this journey
      </button>
    );
  }
  const result = simulation.data;
  return (
    <section className="sim-panel" aria-labelledby={headingId}>
      <header className="sim-panel-head">
        <h2 id={headingId}>Test this journey</h2>
        <button
          type="button"
          className="sim-link"
          onClick={() => {
            setOpen(false);
            onProblems?.([]);
          }}
        >
          Close<span className="visually-hidden"> the test panel</span>
        </button>
      </header>
      <p className="hint">
        Runs {versionId ? 'this version' : 'the draft as last saved'} with time skipped. Nothing is sent, no run is recorded, no customer is changed, no offer code is used.
      </p>
      <CustomerChoice source={source} customerId={customerId} traits={traits} onSource={setSource} onCustomerId={setCustomerId} onTraits={setTraits} />
      <ScriptEditor rows={rows} graph={graph} onChange={setRows} />
      {formError && (
        <p className="sim-form-error" role="alert">
          {formError}
        </p>
      )}
      <button type="button" className="button button-primary sim-run" onClick={run} disabled={simulation.isPending}>
        {simulation.isPending ? 'Running…' : 'Run the test'}
      </button>
      {simulation.error && <ErrorBanner error={simulation.error} />}
      {result && !simulation.isPending && (
        <div className="sim-result" aria-live="polite">
          <p className={`sim-status sim-status-${result.status}`}>{STATUS_TEXT[result.status]}</p>
          {result.problems.length > 0 && (
            <ul className="sim-problems" aria-label="Problems">
              {result.problems.map((problem) => (
                <li key={`${problem.nodeId ?? ''}-${problem.message}`}>
                  {problem.nodeId && <strong>{names.get(problem.nodeId) ?? problem.nodeId}: </strong>}
                  {problem.message}
                </li>
              ))}
            </ul>
          )}
          {result.path.length > 0 && (
            <>
              <h3>Path</h3>
              <SimulationPath path={result.path} startedAt={result.startedAt} onPick={onPick} />
              <h3>Emails</h3>
              <SimulatedEmails emails={result.emails} startedAt={result.startedAt} names={names} />
              <SimulatedCalls calls={result.outbound ?? []} names={names} />
            </>
          )}
        </div>
      )}
    </section>
  );
}
