import { useState } from 'react';
import type { AnalyticsParams } from './analyticsParams';
import { Figure } from './Figure';
import { Formula } from './Formula';
import { Kpis } from './Kpis';
import { formatCount } from './format';
import { ScoreChart } from './surveys/ScoreChart';
import { AnswersTable, BreakdownTable } from './surveys/SurveyTables';
import { formatScore, GROUP_NAMES, type SurveyAnswer, type SurveyBreakdown, type SurveyKind, type SurveyNames, type SurveyScores } from './surveys/surveyTypes';
import { csvHref, useAnalytics } from './useAnalytics';

const FORMULAS: Record<SurveyKind, string> = {
  nps: 'NPS = % promoters (scores 9–10) − % detractors (0–6), over each customer’s latest answer in the period (a customer who answered twice counts once, with the later score). From −100 to +100.',
  csat: 'CSAT = % of answers that are 4 or 5, over each customer’s latest answer in the period (a customer who answered twice counts once, with the later score).',
};

/** The NPS & CSAT tab: the score per period, by stage, journey and segment, and the latest answers with comments. */
export function SurveysTab({ params }: { params: AnalyticsParams }) {
  const [kind, setKind] = useState<SurveyKind>('nps');
  const [survey, setSurvey] = useState('');
  const [by, setBy] = useState<SurveyBreakdown['by']>('stage');
  const extra = { kind, survey: survey || undefined };
  const names = useAnalytics<SurveyNames>('/api/analytics/surveys/names', params);
  const scores = useAnalytics<SurveyScores>('/api/analytics/surveys/scores', params, extra);
  const breakdown = useAnalytics<SurveyBreakdown>('/api/analytics/surveys/breakdown', params, { ...extra, by });
  const answers = useAnalytics<{ answers: SurveyAnswer[] }>('/api/analytics/surveys/answers', params, { ...extra, limit: 50 });
  const groups = GROUP_NAMES[kind];
  const total = scores.data?.total;

  return (
    <>
      <div className="toolbar">
        <label>
          Survey type{' '}
          <select value={kind} onChange={(event) => { setKind(event.target.value as SurveyKind); setSurvey(''); }}>
            <option value="nps">NPS (0–10)</option>
            <option value="csat">CSAT (1–5)</option>
          </select>
        </label>{' '}
        <label>
          Survey{' '}
          <select value={survey} onChange={(event) => setSurvey(event.target.value)}>
            <option value="">All {kind.toUpperCase()} surveys</option>
            {names.data?.surveys.filter((name) => name.kind === kind).map((name) => <option key={name.survey} value={name.survey}>{name.survey}</option>)}
          </select>
        </label>
      </div>
      <Figure title={groups.score} loading={scores.isPending} error={scores.error}>
        {total && (
          <Kpis
            items={[
              { label: groups.score, value: formatScore(kind, total.score), testId: 'survey-score', detail: 'over the whole range' },
              { label: 'Answers', value: formatCount(total.answers), testId: 'survey-answers' },
              { label: groups.positive, value: formatCount(total.positive), testId: 'survey-positive' },
              { label: groups.neutral, value: formatCount(total.neutral) },
              { label: groups.negative, value: formatCount(total.negative), testId: 'survey-negative' },
            ]}
          />
        )}
        {scores.data && <ScoreChart data={scores.data} />}
        <Formula>{FORMULAS[kind]} Add the survey to an email with {kind === 'nps' ? "{% survey 'nps' 'q4-2026' %}" : "{% survey 'csat' 'onboarding' %}"}.</Formula>
      </Figure>
      <Figure title={`${groups.score} by ${by}`} loading={breakdown.isPending} error={breakdown.error}>
        <label>
          Group by{' '}
          <select value={by} onChange={(event) => setBy(event.target.value as SurveyBreakdown['by'])}>
            <option value="stage">Stage when answering</option>
            <option value="journey">Journey that sent it</option>
            <option value="segment">Segment (now)</option>
          </select>
        </label>
        {breakdown.data && <BreakdownTable data={breakdown.data} csv={csvHref('/api/analytics/surveys/breakdown', params, { ...extra, by })} />}
        <Formula>The same formula per group, over the whole range; a customer in several segments counts in each.</Formula>
      </Figure>
      <Figure title="Latest answers" loading={answers.isPending} error={answers.error}>
        {answers.data && <AnswersTable caption="Latest answers and comments" answers={answers.data.answers} csv={csvHref('/api/analytics/surveys/answers', params, { ...extra, limit: 500 })} />}
      </Figure>
    </>
  );
}
