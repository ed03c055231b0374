import { Counter } from '@lifecycle/metrics';

/** Events stored by the event API (identify, track, batch); rate() of it is the ingest rate. */
export const eventsIngested = new Counter('lifecycle_events_ingested_total', 'Events stored by the event API');
/** Events this process handed to journeys (runs started, runs signalled); summed over API processes, each event counts once. */
export const eventsDispatched = new Counter('lifecycle_events_dispatched_total', 'Events dispatched to journeys by this API process');
/** Admin actions on runs (cancel, skip wait, retry), by action and outcome. */
export const runActions = new Counter('lifecycle_run_actions_total', 'Admin actions on runs, by action and outcome');
