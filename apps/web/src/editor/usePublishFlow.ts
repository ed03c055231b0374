import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { InFlightPolicy, JourneyDraft, Problem } from '@lifecycle/journey';
import type { JourneySave } from '../api/journeyEdits';
import { problemsOf } from '../api/journeyEdits';
import { usePublishWithPolicy } from './publish/publishApi';

/**
 * Publishing in two steps: `run(completed)` saves (`completed`, the draft with the editor's additions, instead of the
 * draft shown) and opens the review (`reviewing`); `confirm(inFlight)` publishes, `cancel()` closes the review. A
 * refusal from the API is kept with the draft it was about, so its problems show until the next edit.
 */
export function usePublishFlow(journeyId: string, draft: JourneyDraft, flush: (next?: JourneySave) => Promise<boolean>) {
  const publish = usePublishWithPolicy(journeyId);
  const queryClient = useQueryClient();
  const [reviewed, setReviewed] = useState<JourneyDraft | null>(null);
  const [refused, setRefused] = useState<{ draft: JourneyDraft; problems: Problem[] } | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const run = async (completed?: JourneySave) => {
    setMessage(null);
    if (!(await flush(completed))) {
      setMessage({ kind: 'error', text: 'The draft could not be saved, so it was not published. Retrying the save…' });
      return;
    }
    setReviewed(completed?.draft ?? draft);
  };
  const confirm = async (inFlight: InFlightPolicy) => {
    const published = reviewed ?? draft;
    try {
      const version = await publish.mutateAsync(inFlight);
      setRefused(null);
      setMessage({ kind: 'ok', text: `Published version ${version.version}.` });
    } catch (error) {
      const problems = problemsOf(error);
      if (problems) {
        setRefused({ draft: published, problems });
        // The server knew something the browser did not (a template or offer gone): catch the live check up.
        void queryClient.invalidateQueries({ queryKey: ['templates'] });
        void queryClient.invalidateQueries({ queryKey: ['offers'] });
      }
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setReviewed(null);
    }
  };
  const apiProblems = refused && refused.draft === draft ? refused.problems : null;
  return { run, confirm, cancel: () => setReviewed(null), reviewing: reviewed !== null, pending: publish.isPending, apiProblems, message };
}
