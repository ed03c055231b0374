import { FieldProblem } from '../../editor/inspector/FieldProblem';
import type { StageCounts } from './useStageCounts';
import type { StageProblems } from './stageProblems';

type Props = {
  stages: string[];
  counts: StageCounts | undefined;
  problems: StageProblems;
  readOnly: boolean;
  /** The new list; `renamed` when one stage's name changed, so rules naming it can follow. */
  onChange: (stages: string[], renamed?: { from: string; to: string }) => void;
};

const customers = (count: number) => `${count.toLocaleString('en-US')} customer${count === 1 ? '' : 's'}`;

/** The ordered stages, each with how many customers are in it now: rename, reorder, add and remove. */
export function StageList({ stages, counts, problems, readOnly, onChange }: Props) {
  const countOf = (stage: string) => counts?.stages.find((row) => row.stage === stage)?.customers;
  const move = (index: number, by: -1 | 1) => {
    const next = [...stages];
    const [moved] = next.splice(index, 1);
    if (moved !== undefined) next.splice(index + by, 0, moved);
    onChange(next);
  };
  return (
    <>
      <ol className="stage-list">
        {stages.map((stage, index) => {
          const messages = problems.get(`stages.${index}`) ?? [];
          const count = countOf(stage);
          return (
            <li key={index} className="stage-row">
              <label htmlFor={`stage-${index}`} className="visually-hidden">{`Stage ${index + 1} name`}</label>
              <input
                id={`stage-${index}`}
                value={stage}
                readOnly={readOnly}
                placeholder="e.g. trial"
                {...(messages.length > 0 ? { 'aria-invalid': true, 'aria-describedby': `stage-${index}-problem` } : {})}
                onChange={(event) => onChange(stages.map((old, at) => (at === index ? event.target.value : old)), { from: stage, to: event.target.value })}
              />
              <span className="stage-count">{count === undefined ? '' : customers(count)}</span>
              {!readOnly && (
                <span className="stage-actions">
                  <button type="button" className="button button-small" aria-label={`Move stage ${index + 1} up`} disabled={index === 0} onClick={() => move(index, -1)}>↑</button>
                  <button type="button" className="button button-small" aria-label={`Move stage ${index + 1} down`} disabled={index === stages.length - 1} onClick={() => move(index, 1)}>↓</button>
                  <button type="button" className="button button-small" aria-label={`Remove stage ${index + 1}`} onClick={() => onChange(stages.filter((_, at) => at !== index))}>Remove</button>
                </span>
              )}
              <FieldProblem id={`stage-${index}-problem`} messages={messages} />
            </li>
          );
        })}
      </ol>
      <FieldProblem id="stages-problem" messages={problems.get('stages') ?? []} />
      {!readOnly && (
        <button type="button" className="button button-small" onClick={() => onChange([...stages, ''])}>
          + Add stage
        </button>
      )}
      {counts && counts.unlisted.length > 0 && (
        <p className="muted">Customers in stages no longer listed: {counts.unlisted.map((row) => `${row.stage} (${customers(row.customers)})`).join(', ')}.</p>
      )}
    </>
  );
}
