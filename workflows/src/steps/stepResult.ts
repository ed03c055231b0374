/** What a step reports: the exit the run leaves by (null: the run goes no further), a sentence, and the evidence. */
export interface StepResult {
  exit: string | null;
  outcome: string;
  detail: Record<string, unknown> | null;
  /** The step's side effect failed for good (a send that failed): the run goes on, marked as having a failed step. */
  failed?: true;
}
