import { pino, type Logger } from 'pino';

/** The worker's structured JSON log (one object a line on stdout); LOG_LEVEL sets the level, tests default to silent. */
export const log: Logger = pino({
  name: 'worker',
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  base: { service: 'worker' },
  timestamp: pino.stdTimeFunctions.isoTime,
});
