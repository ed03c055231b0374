import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api/client';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatTime } from '../components/formatTime';
import type { SurveyAnswer } from '../analytics/surveys/surveyTypes';

/** The customer's survey answers (their latest to each survey, with comments), from GET /api/customers/:id/surveys. */
export function CustomerSurveys({ customerId }: { customerId: string }) {
  const answers = useQuery({
    queryKey: ['customers', customerId, 'surveys'],
    queryFn: () => getJson<{ answers: SurveyAnswer[] }>(`/api/customers/${encodeURIComponent(customerId)}/surveys`),
  });
  return (
    <section aria-label="Survey answers">
      <h2>Survey answers</h2>
      <ErrorBanner error={answers.error} />
      {answers.data && answers.data.answers.length === 0 && <p className="muted">No survey answers.</p>}
      {answers.data && answers.data.answers.length > 0 && (
        <table className="table">
          <thead><tr><th scope="col">Answered</th><th scope="col">Survey</th><th scope="col" className="numeric">Score</th><th scope="col">Comment</th></tr></thead>
          <tbody>
            {answers.data.answers.map((answer) => (
              <tr key={answer.survey} data-testid={`survey-answer-${answer.survey}`}>
                <td>{formatTime(answer.answeredAt)}</td>
                <td>{answer.survey} ({answer.kind.toUpperCase()})</td>
                <td className="numeric">{answer.score}</td>
                <td>{answer.comment ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
