import { useMemo, useReducer, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { useNodeCounts } from '../api/journeyEdits';
import type { JourneyDetail } from '../api/journeys';
import { canEdit, userOf, useSession } from '../api/session';
import { PageHeader } from '../components/PageHeader';
import { StatusBadge } from '../components/StatusBadge';
import { href } from '../router/href';
import { autoLayout, withPositions } from './autoLayout';
import { editorReducer, initialEditorState } from './editorReducer';
import { EditorToolbar } from './EditorToolbar';
import { EditorWorkspace } from './EditorWorkspace';
import { JourneyNameFields } from './JourneyNameFields';
import { withImplicitExits } from './implicitExits';
import { forgetLocal, readLocal } from './localDraft';
import { SaveIndicator } from './SaveBanner';
import { useAutosave } from './useAutosave';
import { useLiveValidation } from './useLiveValidation';
import { usePublishFlow } from './usePublishFlow';
import { VersionMenu } from './VersionMenu';
import { DraftDiffBadge } from './publish/DraftDiffBadge';
import { ExportButton } from './publish/ExportButton';
import { PublishReviewDialog } from './publish/PublishReviewDialog';

/**
 * The journey builder: edit the draft, see its problems live, save automatically, publish. `onReload` loads the
 * server's draft afresh (a new editor), for "discard mine".
 */
export function EditorPage({ journey, onReload }: { journey: JourneyDetail; onReload: () => void }) {
  const user = userOf(useSession().data);
  const readOnly = !canEdit(user);
  // A draft this browser could not save last time wins over the server's older copy.
  const [restored] = useState(() => readLocal(journey.id, journey.updatedAt));
  const start = restored ?? { name: journey.name, lifecycleStage: journey.lifecycleStage, draft: journey.draft };
  const [state, dispatch] = useReducer(editorReducer, start.draft, (draft) => initialEditorState(withPositions(draft)));
  const [name, setName] = useState(start.name);
  const [stage, setStage] = useState(start.lifecycleStage ?? '');
  const [layoutCount, setLayoutCount] = useState(0);
  const draft = state.history.present;
  const save = useMemo(() => ({ name: name.trim() || 'Untitled journey', lifecycleStage: stage.trim() || null, draft }), [name, stage, draft]);
  const autosave = { enabled: !readOnly, startUnsaved: restored !== null, revision: restored?.baseRevision ?? journey.revision };
  const { status, flush, overwrite } = useAutosave(journey.id, save, autosave);
  // Discarding this browser's changes (a restored copy, or "Reload theirs" after a conflict) opens the server's draft.
  const discardMine = () => {
    forgetLocal(journey.id);
    onReload();
  };
  // Exits that lead nowhere end the journey: checked as if their Exit steps were there, which publishing adds.
  const completed = useMemo(() => withImplicitExits(draft), [draft]);
  const live = useLiveValidation(completed);
  const publish = usePublishFlow(journey.id, draft, flush);
  const counts = useNodeCounts(journey.id, journey.status === 'live' ? journey.liveVersionId : null);
  const problems = publish.apiProblems ?? live.problems;
  const blocked = !live.ready ? 'Checking the journey…' : live.problems.length > 0 ? `Fix ${live.problems.length} problem(s) before publishing` : null;

  return (
    <div className="editor-page">
      <PageHeader title={<JourneyNameFields name={name} stage={stage} readOnly={readOnly} onName={setName} onStage={setStage} />} back={{ href: href.journeys(), label: 'Journeys' }}>
        <StatusBadge status={journey.status} />
        <VersionMenu journey={journey} />
        <a className="button" href={href.runs({ journeyId: journey.id })}>
          Runs
        </a>
        <ExportButton journeyId={journey.id} flush={readOnly ? null : flush} />
      </PageHeader>
      {restored && (
        <div className="banner banner-info restored-banner" role="status">
          Restored the changes this browser kept while the server could not save them (from {new Date(restored.at).toLocaleString()}); they are being saved now.{' '}
          <button type="button" className="button button-small" onClick={discardMine}>
            Discard them and use the server’s copy
          </button>
        </div>
      )}
      <EditorToolbar
        canUndo={state.history.past.length > 0}
        canRedo={state.history.future.length > 0}
        readOnly={readOnly}
        publishBlocked={blocked}
        publishing={publish.pending}
        onUndo={() => dispatch({ kind: 'undo' })}
        onRedo={() => dispatch({ kind: 'redo' })}
        onLayout={() => {
          dispatch({ kind: 'replace', draft: autoLayout(draft) });
          setLayoutCount((count) => count + 1);
        }}
        onPublish={() => {
          if (completed === draft) return void publish.run();
          dispatch({ kind: 'replace', draft: completed });
          void publish.run({ ...save, draft: completed });
        }}
      >
        {/* In the toolbar's row, beside the buttons it explains, rather than a row of its own taken from the canvas. */}
        {readOnly && (
          <span className="read-only-note" role="status">
            You can view this journey; your role cannot change it.
          </span>
        )}
        {!readOnly && <SaveIndicator status={status} onRetry={() => void flush()} onReload={discardMine} onOverwrite={() => void overwrite()} />}
        <DraftDiffBadge journeyId={journey.id} liveVersionId={journey.liveVersionId} draft={completed} />
      </EditorToolbar>
      {publish.reviewing && <PublishReviewDialog journeyId={journey.id} busy={publish.pending} onConfirm={(inFlight) => void publish.confirm(inFlight)} onCancel={publish.cancel} />}
      {publish.message && (
        <div className={`banner ${publish.message.kind === 'ok' ? 'banner-ok' : 'banner-error'}`} role={publish.message.kind === 'ok' ? 'status' : 'alert'}>
          {publish.message.text}
        </div>
      )}
      <ReactFlowProvider>
        <EditorWorkspace journeyId={journey.id} state={state} dispatch={dispatch} problems={problems} problemSource={publish.apiProblems ? 'api' : 'live'} counts={counts.data} readOnly={readOnly} layoutCount={layoutCount} userId={user?.id ?? 'anonymous'} />
      </ReactFlowProvider>
    </div>
  );
}
