import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { JourneyDraft, Problem } from '@lifecycle/journey';
import type { JourneySave } from '../api/journeyEdits';
import { problemsOf, usePublish } from '../api/journeyEdits';

/** Saves, then publishes; a refusal from the API is kept with the draft it was about, so its problems show until the next edit. */
/** `run(completed)` publishes `completed` (the draft with the editor's additions) instead of the draft shown. */
export function usePublishFlow(journeyId: string, draft: JourneyDraft, flush: (next?: JourneySave) => Promise<boolean>) {
  const publish = usePublish(journeyId);
  const queryClient = useQueryClient();
  const [refused, setRefused] = useState<{ draft: JourneyDraft; problems: Problem[] } | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const run = async (completed?: JourneySave) => {
    setMessage(null);
    const published = completed?.draft ?? draft;
    if (!(await flush(completed))) {
      setMessage({ kind: 'error', text: 'The draft could not be saved, so it was not published. Retrying the save…' });
      return;
    }
    try {
      const version = await publish.mutateAsync();
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
    }
  };
  const apiProblems = refused && refused.draft === draft ? refused.problems : null;
  return { run, pending: publish.isPending, apiProblems, message };
}
