import type { Db } from '@lifecycle/db';

// Where an event's time goes on its way to SMTP, from timestamps the platform already stores: the event row (stored),
// the run row (written by the dispatcher once Temporal accepted the start), the run's trigger step (entered at the
// time of its first workflow task: workflow time is the task's start), the delivery row (claimed when the send activity
// begins, before rendering) and the mail catcher's acceptance. One query over the step's events, read beside the API's
// writes (WAL).

/** The stored moments of one event's path, in ms since the epoch (NaN when the row is missing). */
export type EventPath = { messageId: string; stored: number; runStarted: number; firstTask: number; sendStarted: number; dispatched: number };

/** The stages, in path order: each is the time from the previous moment to this one. */
export const STAGES = [
  ['answered', 'stored → answered (API commit to HTTP answer)'],
  ['runStarted', 'stored → run started (dispatcher pickup + Temporal start accepted)'],
  ['firstTask', 'run started → first workflow task'],
  ['sendStarted', 'first workflow task → send activity started'],
  ['smtp', 'send activity started → SMTP accepted'],
] as const;

export type Stage = (typeof STAGES)[number][0];

const at = (iso: string | null) => (iso ? Date.parse(iso) : Number.NaN);

/** The stored path of every event whose message id starts with `prefix`. */
export async function eventPaths(db: Db, prefix: string): Promise<EventPath[]> {
  const rows = await db
    .prepare(
      `select e.message_id as messageId, e.received_at as stored, e.dispatched_at as dispatched, r.started_at as runStarted,
              (select s.entered_at from run_steps s where s.workflow_id = r.workflow_id and s.node_type = 'trigger' order by s.seq limit 1) as firstTask,
              (select d.created_at from deliveries d where d.workflow_id = r.workflow_id order by d.created_at limit 1) as sendStarted
         from events e left join runs r on r.trigger_event_id = e.id
        where e.message_id >= ? and e.message_id < ?`,
    )
    .all<{ messageId: string; stored: string; dispatched: string | null; runStarted: string | null; firstTask: string | null; sendStarted: string | null }>(prefix, `${prefix}\uffff`);
  return rows.map((row) => ({
    messageId: row.messageId,
    stored: at(row.stored),
    runStarted: at(row.runStarted),
    firstTask: at(row.firstTask),
    sendStarted: at(row.sendStarted),
    dispatched: at(row.dispatched),
  }));
}

/** Each event's stage durations (ms), given when the API answered it and when SMTP accepted its email. */
export function stageDurations(path: EventPath, answered: number, smtp: number): Record<Stage, number> {
  return {
    answered: answered - path.stored,
    runStarted: path.runStarted - path.stored,
    firstTask: path.firstTask - path.runStarted,
    sendStarted: path.sendStarted - path.firstTask,
    smtp: smtp - path.sendStarted,
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * One line per stage: p50/p95/p99 of that stage over all events, and its mean share of the slowest 1% of events' total
 * (what a p99 is made of).
 */
export function stageLines(durations: Record<Stage, number>[], totals: number[]): string[] {
  const complete = durations.map((d, i) => ({ d, total: totals[i] ?? Number.NaN })).filter(({ d, total }) => Number.isFinite(total) && Object.values(d).every(Number.isFinite));
  if (complete.length === 0) return ['  stages: no event with a complete stored path'];
  const slowest = [...complete].sort((a, b) => b.total - a.total).slice(0, Math.max(1, Math.ceil(complete.length / 100)));
  const ms = (value: number) => `${Math.round(value)}`.padStart(6);
  return STAGES.map(([stage, label]) => {
    const sorted = complete.map(({ d }) => d[stage]).sort((a, b) => a - b);
    const slowMean = slowest.reduce((sum, { d }) => sum + d[stage], 0) / slowest.length;
    return `  ${label.padEnd(70)} p50 ${ms(percentile(sorted, 50))}  p95 ${ms(percentile(sorted, 95))}  p99 ${ms(percentile(sorted, 99))} ms; slowest 1%: ${ms(slowMean)} ms`;
  });
}
