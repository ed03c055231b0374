import type { AnalyticsParams } from '../analyticsParams';
import { DataTable } from '../DataTable';
import { Figure } from '../Figure';
import { formatCount, formatPercent } from '../format';
import { Formula } from '../Formula';
import { csvHref, useAnalytics } from '../useAnalytics';
import { STAGES_API, type StageTransition } from './stagesTypes';

const path = `${STAGES_API}/transitions`;

const KIND_LABEL: Record<StageTransition['kind'], string> = {
  first: 'first stage',
  forward: 'forward',
  back: 'back',
  churn: 'into churn',
  other: 'unlisted stage',
};

/** Every from → to stage change in the range, most frequent first. */
export function TransitionsFigure({ params }: { params: AnalyticsParams }) {
  const answer = useAnalytics<{ transitions: StageTransition[] }>(path, params);
  return (
    <Figure title="Stage transitions" loading={answer.isPending} error={answer.error}>
      <Formula>
        Every recorded stage change in the range, by its own timestamp, grouped by from → to. “Back” moves to an earlier stage of the
        configured order; “into churn” enters a churn stage (analytics settings); “first stage” is a customer’s first recorded stage. Share
        = the move’s count ÷ all moves out of the same stage in the range.
      </Formula>
      <DataTable
        caption="Stage transitions"
        csv={csvHref(path, params)}
        rows={answer.data?.transitions ?? []}
        rowKey={(row) => `${row.from ?? ''}>${row.to}`}
        columns={[
          { title: 'From', cell: (row) => row.from ?? '(no stage)' },
          { title: 'To', cell: (row) => row.to },
          { title: 'Kind', cell: (row) => KIND_LABEL[row.kind] },
          { title: 'Moves', cell: (row) => formatCount(row.moves), numeric: true },
          { title: 'Share of moves out', cell: (row) => formatPercent(row.shareOfFrom), numeric: true },
        ]}
      />
    </Figure>
  );
}
