import { NodeType } from '@lifecycle/journey';
import { NodeIcon } from '../canvas/NodeIcon';
import { nodeTitle } from '../canvas/nodeTitle';

/** The drag-and-drop data type the canvas accepts. */
export const paletteMime = 'application/x-lifecycle-node';

interface Props {
  onAdd: (type: NodeType) => void;
  disabled: boolean;
  /** Folded to a column of icons (names kept for screen readers and tooltips), giving the canvas the width. */
  collapsed: boolean;
  onToggle: () => void;
}

/** Every node type of the schema; drag one onto the canvas, or press Enter to add it in the middle of the view. */
export function Palette({ onAdd, disabled, collapsed, onToggle }: Props) {
  return (
    <nav className={collapsed ? 'palette is-collapsed' : 'palette'} aria-label="Node palette" id="editor-palette">
      <div className="panel-head">
        <h2 className={collapsed ? 'visually-hidden' : undefined}>Add a step</h2>
        <button type="button" className="panel-toggle" aria-expanded={!collapsed} aria-controls="editor-palette-steps" onClick={onToggle} title={collapsed ? 'Show step names' : 'Fold the palette to icons'}>
          <span aria-hidden="true">{collapsed ? '»' : '«'}</span>
          <span className="visually-hidden">{collapsed ? 'Expand the palette' : 'Collapse the palette'}</span>
        </button>
      </div>
      <ul id="editor-palette-steps">
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
              <span className={collapsed ? 'visually-hidden' : undefined}>{nodeTitle[type]}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
