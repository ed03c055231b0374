import { pino, type Logger } from 'pino';

/** The API's structured JSON log (one object a line on stdout); LOG_LEVEL sets the level, tests default to silent. */
export const log: Logger = pino({
  name: 'api',
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  base: { service: 'api' },
  timestamp: pino.stdTimeFunctions.isoTime,
});

/** A logger whose every line carries the run's id (the workflow id) and customer. */
export function runLog(run: { workflowId: string; customerId: string }): Logger {
  return log.child({ runId: run.workflowId, customerId: run.customerId });
}
