import type { DiffNode, JourneyDiff } from '@lifecycle/journey';

function NodeList({ title, nodes }: { title: string; nodes: DiffNode[] }) {
  if (nodes.length === 0) return null;
  return (
    <section className="diff-group" aria-label={title}>
      <h3>
        {title} ({nodes.length})
      </h3>
      <ul>
        {nodes.map((node) => (
          <li key={node.nodeId}>{node.name}</li>
        ))}
      </ul>
    </section>
  );
}

/** A journey diff in words: steps added, removed and changed (each field before → after), exits rewired, the goal. */
export function DiffSummary({ diff }: { diff: JourneyDiff }) {
  return (
    <div className="diff-summary">
      <NodeList title="Added" nodes={diff.added} />
      <NodeList title="Removed" nodes={diff.removed} />
      {diff.changed.length > 0 && (
        <section className="diff-group" aria-label="Changed">
          <h3>Changed ({diff.changed.length})</h3>
          <ul>
            {diff.changed.map((node) => (
              <li key={node.nodeId}>
                {node.name}
                <ul className="diff-fields">
                  {node.fields.map((field) => (
                    <li key={field.field}>
                      <span className="diff-label">{field.label}:</span> <del>{field.before}</del> → <ins>{field.after}</ins>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.rewired.length > 0 && (
        <section className="diff-group" aria-label="Rewired">
          <h3>Rewired ({diff.rewired.length})</h3>
          <ul>
            {diff.rewired.map((exit) => (
              <li key={`${exit.nodeId}:${exit.exit}`}>
                {exit.name} ({exit.exit}): <del>{exit.before ?? 'nowhere'}</del> → <ins>{exit.after ?? 'nowhere'}</ins>
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.goal && (
        <section className="diff-group" aria-label="Goal">
          <h3>Goal</h3>
          <p>
            <del>{diff.goal.before ?? 'none'}</del> → <ins>{diff.goal.after ?? 'none'}</ins>
          </p>
        </section>
      )}
    </div>
  );
}
