import type { Problem } from '@lifecycle/journey';

/** The problems standing in the way of publishing; choosing one selects its node. */
export function ProblemsPanel({ problems, source, onPick }: { problems: Problem[]; source: 'live' | 'api'; onPick: (nodeId: string) => void }) {
  return (
    <section className="problems-panel" aria-label="Problems" aria-live="polite">
      <h2>
        {problems.length === 0 ? 'No problems' : `${problems.length} problem${problems.length === 1 ? '' : 's'}`}
        {source === 'api' && <span className="hint"> · from the server</span>}
      </h2>
      {problems.length === 0 ? (
        <p className="hint">Ready to publish.</p>
      ) : (
        <ul>
          {problems.map((problem, index) => (
            <li key={`${problem.nodeId ?? ''}:${problem.code}:${index}`}>
              {problem.nodeId ? (
                <button type="button" className="problem-link" onClick={() => onPick(problem.nodeId ?? '')}>
                  <code>{problem.nodeId}</code> {problem.message}
                </button>
              ) : (
                <span className="problem-journey">{problem.message}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
