import { NodeType } from '@lifecycle/journey';
import { NodeIcon } from '../canvas/NodeIcon';
import { nodeTitle } from '../canvas/nodeTitle';

/** The drag-and-drop data type the canvas accepts. */
export const paletteMime = 'application/x-lifecycle-node';

/** Every node type of the schema; drag one onto the canvas, or press Enter to add it in the middle of the view. */
export function Palette({ onAdd, disabled }: { onAdd: (type: NodeType) => void; disabled: boolean }) {
  return (
    <nav className="palette" aria-label="Node palette">
      <h2>Add a step</h2>
      <ul>
        {NodeType.options.map((type) => (
          <li key={type}>
            <button
              type="button"
              className={`palette-item journey-node-${type}`}
              draggable={!disabled}
              disabled={disabled}
              data-node-type={type}
              onDragStart={(event) => {
                event.dataTransfer.setData(paletteMime, type);
                event.dataTransfer.effectAllowed = 'move';
              }}
              onClick={() => onAdd(type)}
              title={`Drag onto the canvas, or press to add a ${nodeTitle[type]} step`}
            >
              <NodeIcon type={type} />
              {nodeTitle[type]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
