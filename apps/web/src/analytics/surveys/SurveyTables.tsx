import { formatTime } from '../../components/formatTime';
import { href } from '../../router/href';
import { DataTable, type Column } from '../DataTable';
import { formatCount } from '../format';
import { formatScore, GROUP_NAMES, type SurveyAnswer, type SurveyBreakdown, type SurveyKind, type SurveyScore } from './surveyTypes';

const NONE: Record<SurveyBreakdown['by'], string> = { stage: 'No stage', journey: 'Not sent by a journey', segment: '—' };

/** Columns every score table shares: answers, the three groups and the score. */
export function scoreColumns<Row extends SurveyScore>(kind: SurveyKind): Column<Row>[] {
  const names = GROUP_NAMES[kind];
  return [
    { title: 'Answers', numeric: true, cell: (row) => formatCount(row.answers) },
    { title: names.positive, numeric: true, cell: (row) => formatCount(row.positive) },
    { title: names.neutral, numeric: true, cell: (row) => formatCount(row.neutral) },
    { title: names.negative, numeric: true, cell: (row) => formatCount(row.negative) },
    { title: names.score, numeric: true, cell: (row) => formatScore(kind, row.score) },
  ];
}

/** The score per stage, journey or segment. */
export function BreakdownTable({ data, csv }: { data: SurveyBreakdown; csv: string }) {
  type Row = SurveyBreakdown['rows'][number];
  const first: Column<Row> = { title: data.by[0]!.toUpperCase() + data.by.slice(1), cell: (row) => row.label ?? row.key ?? NONE[data.by] };
  return <DataTable caption={`${GROUP_NAMES[data.kind].score} by ${data.by}`} columns={[first, ...scoreColumns<Row>(data.kind)]} rows={data.rows} rowKey={(row) => row.key ?? '(none)'} csv={csv} />;
}

/** The latest answers, with their comments. */
export function AnswersTable({ answers, csv, caption }: { answers: SurveyAnswer[]; csv?: string; caption: string }) {
  const columns: Column<SurveyAnswer>[] = [
    { title: 'Answered', cell: (row) => formatTime(row.answeredAt) },
    { title: 'Customer', cell: (row) => <a href={href.customer(row.customerId)}>{row.customerId}</a> },
    { title: 'Survey', cell: (row) => `${row.survey} (${row.kind.toUpperCase()})` },
    { title: 'Score', numeric: true, cell: (row) => row.score },
    { title: 'Comment', cell: (row) => row.comment ?? '' },
  ];
  return <DataTable caption={caption} columns={columns} rows={answers} rowKey={(row) => `${row.customerId}/${row.survey}`} csv={csv} empty="No answers in this range." />;
}
