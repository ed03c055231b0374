// The bench's workflow bundle: the real journey interpreter beside an empty workflow, so both run on one worker.
export { journeyRun } from '../workflows/src/journeyRun';

/** Does nothing: the floor a journey run is compared against. */
export async function emptyWorkflow(): Promise<void> {}
