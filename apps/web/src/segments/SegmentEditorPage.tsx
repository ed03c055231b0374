import { useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { humanIssues, SegmentGroup } from '@lifecycle/journey';
import { ApiError } from '../api/client';
import { useLifecycleConfig } from '../api/lifecycle';
import { deleteSegment, previewSegment, saveSegment, useSegment, useSegments, type SegmentPreview } from '../api/segments';
import { ErrorBanner } from '../components/ErrorBanner';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { href } from '../router/href';
import { useOffers } from '../api/offers';
import { useEventNames } from '../api/journeyEdits';
import { ConditionChoicesContext } from '../conditions/conditionChoices';
import { ConditionGroupEditor } from '../conditions/ConditionGroupEditor';
import { FieldProblemsContext } from '../editor/inspector/fieldProblems';
import './segments.css';

/**
 * Each condition's problems, in words: the browser's own check as the definition is edited, and the fields the API
 * named when it refused a save (`definition.conditions[0].event` → `conditions.0.event`).
 */
function definitionProblems(issues: Parameters<typeof humanIssues>[0], definition: SegmentGroup, error: unknown): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  const add = (field: string, message: string) => problems.set(field, [...new Set([...(problems.get(field) ?? []), message])]);
  for (const issue of humanIssues(issues, definition)) add(issue.path.map(String).join('.'), issue.message);
  const refused = error instanceof ApiError ? ((error.body as { issues?: { path: string; message: string }[] } | null)?.issues ?? []) : [];
  for (const issue of refused) if (issue.path.startsWith('definition.')) add(issue.path.slice('definition.'.length).replace(/\[(\d+)\]/g, '.$1'), issue.message);
  return problems;
}

// Creating a segment moves to its own URL, which mounts a fresh editor: the confirmation is carried over here.
let createdNotice: string | null = null;

/** The segment editor: name, the condition builder, and the live size and sample of who matches as you edit. */
export function SegmentEditorPage({ segmentId }: { segmentId: string | null }) {
  const existing = useSegment(segmentId);
  if (segmentId !== null && existing.isPending) return <Loading what="the segment" />;
  if (segmentId !== null && !existing.data) return <ErrorBanner error={existing.error} />;
  return <SegmentForm segmentId={segmentId} initial={existing.data ?? { name: '', description: null, definition: { match: 'all', conditions: [] } }} />;
}

function SegmentForm({ segmentId, initial }: { segmentId: string | null; initial: { name: string; description: string | null; definition: SegmentGroup } }) {
  const [name, setName] = useState(initial.name);
  const [definition, setDefinition] = useState<SegmentGroup>(initial.definition);
  const [preview, setPreview] = useState<SegmentPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(() => (segmentId !== null ? createdNotice : null));
  const stages = useLifecycleConfig().data?.stages ?? [];
  const segments = (useSegments().data ?? []).filter((segment) => segment.id !== segmentId);
  const offers = useOffers().data ?? [];
  const eventNames = useEventNames().data ?? [];
  const choices = { mode: 'segment' as const, stages, segments, offers, eventNames, sendNodes: [], readOnly: false };
  const queryClient = useQueryClient();
  const checked = useMemo(() => SegmentGroup.safeParse(definition), [definition]);
  const valid = checked.success;
  const problems = useMemo(() => definitionProblems(checked.success ? [] : checked.error.issues, definition, error), [checked, definition, error]);

  useEffect(() => {
    createdNotice = null;
  }, []);

  useEffect(() => {
    if (!valid) return;
    // Debounced: the count runs over every customer, so only after typing pauses.
    const timer = setTimeout(() => previewSegment(definition).then(setPreview, setError), 400);
    return () => clearTimeout(timer);
  }, [definition, valid]);

  const save = () =>
    saveSegment(segmentId, { name, description: initial.description, definition }).then((segment) => {
      void queryClient.invalidateQueries({ queryKey: ['segments'] });
      void queryClient.invalidateQueries({ queryKey: ['segment', segment.id] });
      setSaved(`Saved ${segment.name}.`);
      if (segmentId !== null) return;
      createdNotice = `Saved ${segment.name}.`;
      window.location.hash = href.segment(segment.id);
    }, setError);

  return (
    <>
      <PageHeader title={segmentId ? `Segment: ${initial.name}` : 'New segment'} back={{ href: href.segments(), label: 'Segments' }}>
        {segmentId && <button type="button" className="button button-danger" onClick={() => void deleteSegment(segmentId).then(() => { window.location.hash = href.segments(); }, setError)}>Delete</button>}
        <button type="button" className="button button-primary" disabled={!valid || name.trim() === ''} onClick={() => void save()}>Save segment</button>
      </PageHeader>
      <ErrorBanner error={error} />
      {saved && <div className="banner banner-info" role="status">{saved}</div>}
      <div className="form-card"><div className="field"><label htmlFor="segment-name">Name</label><input id="segment-name" value={name} onChange={(e) => setName(e.target.value)} /></div></div>
      <ConditionChoicesContext.Provider value={choices}>
        <FieldProblemsContext.Provider value={{ prefix: 'segment', byField: problems }}>
          <ConditionGroupEditor id="segment" label="Who is in it" group={definition} onChange={(next) => { setDefinition(next as SegmentGroup); setError(null); }} />
        </FieldProblemsContext.Provider>
      </ConditionChoicesContext.Provider>
      {!valid && <p className="muted">Fix the conditions marked above to see who matches.</p>}
      <section className="segment-preview" aria-label="Preview" aria-live="polite">
        <h2>Matching now: <span data-testid="segment-size">{preview ? preview.size : '…'}</span></h2>
        <ul>{(preview?.sample ?? []).map((row) => <li key={row.id}><a href={href.customer(row.id)}>{row.id}</a> {row.email && <span className="muted">{row.email}</span>} {row.lifecycleStage && <span className="muted">· {row.lifecycleStage}</span>}</li>)}</ul>
        <p className="muted">When saved, membership is kept current as events arrive; entering or leaving emits <code>segment_entered</code> / <code>segment_exited</code>, which can start a journey.</p>
      </section>
    </>
  );
}
