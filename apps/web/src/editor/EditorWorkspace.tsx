import { useCallback, useMemo, useState, type Dispatch } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { NodeType, Problem } from '@lifecycle/journey';
import type { NodeCounts } from '../api/journeyEdits';
import { EditorCanvas } from './EditorCanvas';
import type { EditorAction, EditorState } from './editorReducer';
import { GoalPanel } from './GoalPanel';
import { JourneySendingPanel } from './JourneySendingPanel';
import { freeSpotNear, nodeIds } from './graphOps';
import { ExitTargets } from './inspector/ExitTargets';
import { Inspector } from './inspector/Inspector';
import { InspectorContext } from './inspector/inspectorContext';
import { newNode } from './newNode';
import { Palette } from './Palette';
import { ProblemsPanel } from './ProblemsPanel';
import { useEditorShortcuts } from './useEditorShortcuts';
import { useInspectorChoices } from './useInspectorChoices';
import { usePanelPrefs } from './usePanelPrefs';
import { problemsByNode } from './useLiveValidation';
import { SimulatorPanel } from './simulator/SimulatorPanel';
import type { SimulationResult } from './simulator/simulationApi';

type SimulationProblem = SimulationResult['problems'][number];

/** The step problems with a test run's failures added to the steps they happened on. */
function withTestProblems(byNode: Map<string, string[]>, tested: readonly SimulationProblem[]): Map<string, string[]> {
  for (const problem of tested) {
    if (problem.nodeId === null) continue;
    byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), `In the test run: ${problem.message}`]);
  }
  return byNode;
}

interface Props {
  state: EditorState;
  dispatch: Dispatch<EditorAction>;
  problems: Problem[];
  problemSource: 'live' | 'api';
  counts: NodeCounts | undefined;
  readOnly: boolean;
  journeyId: string;
  layoutCount: number;
  /** Whose folded panels to remember. */
  userId: string;
}

/** Palette, canvas, and the side panel (inspector of the selected step, problems); lives inside ReactFlowProvider. */
export function EditorWorkspace({ journeyId, state, dispatch, problems, problemSource, counts, readOnly, layoutCount, userId }: Props) {
  const { prefs, toggle } = usePanelPrefs(userId);
  const draft = state.history.present;
  const flow = useReactFlow();
  useEditorShortcuts(state, dispatch, !readOnly);
  // A test run's failures are marked on their steps for as long as the draft is the one that was tested.
  const [tested, setTested] = useState<{ draft: typeof draft; problems: SimulationProblem[] } | null>(null);
  const byNode = useMemo(() => withTestProblems(problemsByNode(problems), tested?.draft === draft ? tested.problems : []), [problems, tested, draft]);
  const choices = useInspectorChoices(draft, readOnly);
  const selected = state.selectedNodes.size === 1 ? draft.nodes.find((node) => state.selectedNodes.has(node.id)) : undefined;

  const addInView = useCallback(
    (type: NodeType) => {
      const box = document.querySelector('.editor-canvas')?.getBoundingClientRect();
      const centre = box ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
      dispatch({ kind: 'add', node: newNode(type, freeSpotNear(draft, { x: centre.x - 125, y: centre.y - 48 }), nodeIds(draft)) });
    },
    [dispatch, draft, flow],
  );
  const connectOrCut = useCallback(
    (source: string, exit: string, target: string | null) => {
      if (target) return dispatch({ kind: 'connect', source, exit, target });
      const cut = draft.edges.filter((edge) => edge.source === source && edge.sourceExit === exit).map((edge) => edge.id);
      dispatch({ kind: 'remove', nodes: new Set(), edges: new Set(cut) });
      dispatch({ kind: 'select', nodes: new Set([source]), edges: new Set() });
    },
    [dispatch, draft],
  );
  const pick = useCallback(
    (nodeId: string) => {
      dispatch({ kind: 'select', nodes: new Set([nodeId]), edges: new Set() });
      const node = flow.getNode(nodeId);
      if (node) void flow.setCenter(node.position.x + 125, node.position.y + 48, { zoom: Math.max(flow.getZoom(), 0.8), duration: 300 });
    },
    [dispatch, flow],
  );

  const classes = ['editor-workspace', readOnly ? 'no-palette' : '', prefs.paletteCollapsed ? 'palette-collapsed' : '', prefs.sideCollapsed ? 'side-collapsed' : ''];
  const sideLabel = prefs.sideCollapsed ? `Show settings and problems${problems.length ? ` (${problems.length} problem${problems.length === 1 ? '' : 's'})` : ''}` : 'Hide settings and problems';

  return (
    <div className={classes.filter(Boolean).join(' ')}>
      {!readOnly && <Palette onAdd={addInView} disabled={readOnly} collapsed={prefs.paletteCollapsed} onToggle={() => toggle('paletteCollapsed')} />}
      <EditorCanvas state={state} dispatch={dispatch} problemsByNode={byNode} counts={counts} readOnly={readOnly} layoutCount={layoutCount} />
      <aside className="editor-side" aria-label="Settings and problems">
        <div className="panel-head side-head">
          <button type="button" className="panel-toggle" aria-expanded={!prefs.sideCollapsed} aria-controls="editor-side-body" onClick={() => toggle('sideCollapsed')} title={sideLabel}>
            <span aria-hidden="true">{prefs.sideCollapsed ? '«' : '»'}</span>
            <span className="visually-hidden">{sideLabel}</span>
          </button>
          {prefs.sideCollapsed && problems.length > 0 && (
            <span className="side-problem-count" aria-hidden="true">
              {problems.length}
            </span>
          )}
        </div>
        <div id="editor-side-body" className="editor-side-body" hidden={prefs.sideCollapsed}>
          <InspectorContext.Provider value={choices}>
            {selected ? (
              <>
                <Inspector key={selected.id} node={selected} problems={byNode.get(selected.id) ?? []} onChange={(node, field) => dispatch({ kind: 'update', node, field })} />
                <ExitTargets node={selected} draft={draft} readOnly={readOnly} onConnect={(exit, target) => connectOrCut(selected.id, exit, target)} />
              </>
            ) : (
              <>
                <p className="hint inspector-empty">{readOnly ? 'Select a step to see its settings.' : 'Select a step to edit its settings.'}</p>
                <GoalPanel goal={draft.goal} onChange={(goal) => dispatch({ kind: 'replace', draft: { ...draft, goal } })} />
                <JourneySendingPanel journeyId={journeyId} />
              </>
            )}
          </InspectorContext.Provider>
          {/* Publishing is not a viewer's business: they see problems only when there are some. */}
          {(!readOnly || problems.length > 0) && <ProblemsPanel problems={problems} source={problemSource} onPick={pick} />}
          <SimulatorPanel versionId={null} graph={draft} onPick={pick} onProblems={(found) => setTested(found.length ? { draft, problems: found } : null)} />
        </div>
      </aside>
    </div>
  );
}
