import type { DraftNode, JourneyDraft } from '@lifecycle/journey';
import { addNode, connectExit, moveNodes, pasteClipboard, pasteOffset, removeElements, replaceNode, type Clipboard } from './graphOps';
import { preselectOnlySend } from './preselectSend';
import { commit, redo, startHistory, undo, type History } from './history';

/** The editor's state: the draft with its undo history, and what is selected. */
export interface EditorState {
  history: History<JourneyDraft>;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
}

export type EditorAction =
  | { kind: 'add'; node: DraftNode }
  | { kind: 'connect'; source: string; exit: string; target: string }
  | { kind: 'remove'; nodes: ReadonlySet<string>; edges: ReadonlySet<string> }
  | { kind: 'drag'; moves: ReadonlyMap<string, { x: number; y: number }> }
  | { kind: 'settle' }
  | { kind: 'update'; node: DraftNode; field: string }
  | { kind: 'paste'; clipboard: Clipboard; times: number }
  | { kind: 'replace'; draft: JourneyDraft }
  | { kind: 'select'; nodes: ReadonlySet<string>; edges: ReadonlySet<string> }
  | { kind: 'undo' }
  | { kind: 'redo' };

const none: ReadonlySet<string> = new Set();

export function initialEditorState(draft: JourneyDraft): EditorState {
  return { history: startHistory(draft), selectedNodes: none, selectedEdges: none };
}

function withDraft(state: EditorState, draft: JourneyDraft, key: string | null = null): EditorState {
  return { ...state, history: commit(state.history, draft, key) };
}

/** Applies one editing action; every change to the graph is one undo step (drags and typing fold into one). */
export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  const draft = state.history.present;
  switch (action.kind) {
    case 'add':
      return { ...withDraft(state, addNode(draft, action.node)), selectedNodes: new Set([action.node.id]), selectedEdges: none };
    case 'connect':
      return withDraft(state, connectExit(draft, action.source, action.exit, action.target));
    case 'remove':
      return { ...withDraft(state, removeElements(draft, action.nodes, action.edges)), selectedNodes: none, selectedEdges: none };
    case 'drag':
      return withDraft(state, moveNodes(draft, action.moves), `drag:${[...action.moves.keys()].join(',')}`);
    case 'settle':
      return { ...state, history: { ...state.history, lastKey: null } };
    case 'update': {
      const node = preselectOnlySend(draft, draft.nodes.find((existing) => existing.id === action.node.id), action.node);
      return withDraft(state, replaceNode(draft, node), `update:${action.node.id}:${action.field}`);
    }
    case 'paste': {
      const { draft: next, pasted } = pasteClipboard(draft, action.clipboard, pasteOffset(action.times));
      return { ...withDraft(state, next), selectedNodes: new Set(pasted), selectedEdges: none };
    }
    case 'replace':
      return withDraft(state, action.draft);
    case 'select':
      return { ...state, selectedNodes: action.nodes, selectedEdges: action.edges };
    case 'undo':
      return { ...state, history: undo(state.history) };
    case 'redo':
      return { ...state, history: redo(state.history) };
    default: {
      const unknownAction: never = action;
      throw new Error(`unknown editor action ${JSON.stringify(unknownAction)}`);
    }
  }
}
