import parser from 'cron-parser';
import type { CronNext } from '@lifecycle/journey';

/** Longest cron expression read (the schema allows 200 characters; anything longer is refused before parsing). */
const MAX_LENGTH = 200;

/** Reads a cron expression in an IANA zone (cron-parser, DST-aware through luxon); null when it cannot be read. */
export function cronProblem(expression: string): string | null {
  if (expression.length > MAX_LENGTH) return 'the cron expression is too long';
  try {
    parser.parseExpression(expression, { tz: 'UTC' });
    return null;
  } catch (error) {
    return `the cron expression cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The first instant strictly after `afterMs` the expression fires in `zone`, or null (unreadable, or never again). */
export const cronNext: CronNext = (expression, afterMs, zone) => {
  if (cronProblem(expression) !== null) return null;
  try {
    const next = parser.parseExpression(expression, { currentDate: new Date(afterMs), tz: zone }).next().getTime();
    return next > afterMs ? next : null;
  } catch {
    return null; // an expression that never fires again (a past year) ends the schedule
  }
};
