import type { DraftNode } from '@lifecycle/journey';
import { nodeTitle } from '../../canvas/nodeTitle';
import { ObjectFields } from './ObjectFields';
import { nodeSchemaOf } from './zodShape';

/** The settings of the selected node, as a form generated from its zod schema, with its problems on top. */
export function Inspector({ node, problems, onChange }: { node: DraftNode; problems: string[]; onChange: (node: DraftNode, field: string) => void }) {
  const shape = nodeSchemaOf(node.type);
  const value = node as Record<string, unknown>;
  return (
    <section className="inspector" aria-label={`Settings of ${node.label || node.id}`}>
      <h2>{nodeTitle[node.type]}</h2>
      {problems.length > 0 && (
        <ul className="inspector-problems" aria-label="Problems with this step">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <form onSubmit={(event) => event.preventDefault()}>
        <ObjectFields
          shape={shape}
          value={value}
          path={`inspector-${node.id}`}
          onChange={(next) => {
            const field = Object.keys({ ...value, ...next }).find((key) => next[key] !== value[key]) ?? 'node';
            onChange({ ...(next as DraftNode), id: node.id, type: node.type, ...(node.position ? { position: node.position } : {}) }, field);
          }}
        />
      </form>
    </section>
  );
}
