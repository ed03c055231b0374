import { getRun, insertRunIfAbsent, type Db } from '@lifecycle/db';
import { describe, expect, it, vi } from 'vitest';
import type { RunStarter } from '../runStarter';
import { auditRuns, newRunAuditState, startRunAudit } from './runAudit';
import { openTestDatabase } from '@lifecycle/db/testing';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const HOUR = 3_600_000;

async function run(db: Db, workflowId: string, status: 'running' | 'waiting' | 'completed', updatedHoursAgo: number) {
  const at = new Date(NOW.getTime() - updatedHoursAgo * HOUR).toISOString();
  await insertRunIfAbsent(db, { workflowId, journeyId: 'j1', versionId: 'v1', customerId: `c-${workflowId}`, status, startedAt: at, updatedAt: at, waitingUntil: status === 'waiting' ? NOW.toISOString() : null });
}

/** What Temporal says of each run (a real server in tests/e2e/lostRuns.test.ts); records which it was asked about. */
function temporalSaying(answers: Record<string, { status: string; closedAt: string | null } | 'not_found'>) {
  const asked: string[] = [];
  const runs: RunStarter = {
    startRun: async () => 'started',
    signalRun: async () => 'signalled',
    describeRun: async (workflowId) => {
      asked.push(workflowId);
      return answers[workflowId] ?? { status: 'RUNNING', closedAt: null };
    },
  };
  return { runs, asked };
}

describe('the run audit', () => {
  it('ends the runs Temporal terminated, timed out or lost with what happened, and leaves running and fresh ones alone', async () => {
    const db = openTestDatabase(':memory:');
    await run(db, 'terminated', 'waiting', 48);
    await run(db, 'lost', 'running', 3);
    await run(db, 'timed-out', 'waiting', 5);
    await run(db, 'still-waiting', 'waiting', 30);
    await run(db, 'fresh', 'waiting', 0);
    await run(db, 'ended-here', 'completed', 50);
    const { runs, asked } = temporalSaying({
      terminated: { status: 'TERMINATED', closedAt: '2026-06-01T11:00:00.000Z' },
      lost: 'not_found',
      'timed-out': { status: 'TIMED_OUT', closedAt: null },
    });
    expect(await auditRuns({ db, runs }, newRunAuditState(), { now: NOW, staleMs: HOUR })).toEqual({ checked: 4, closed: 3 });
    expect(asked.sort()).toEqual(['lost', 'still-waiting', 'terminated', 'timed-out']);
    expect(await getRun(db, 'terminated')).toMatchObject({ status: 'failed', error: expect.stringMatching(/^terminated in Temporal at 2026-06-01T11:00:00.000Z/), waitingUntil: null, endedAt: expect.any(String) });
    expect(await getRun(db, 'lost')).toMatchObject({ status: 'failed', error: expect.stringMatching(/^lost: Temporal no longer knows this run/) });
    expect(await getRun(db, 'timed-out')).toMatchObject({ status: 'failed', error: expect.stringMatching(/^timed out in Temporal/) });
    expect(await getRun(db, 'still-waiting')).toMatchObject({ status: 'waiting', error: null });
    expect(await getRun(db, 'fresh')).toMatchObject({ status: 'waiting' });
    expect(await getRun(db, 'ended-here')).toMatchObject({ status: 'completed' });
  });

  it('walks every stale run over successive passes, a page at a time, and starts again from the oldest', async () => {
    const db = openTestDatabase(':memory:');
    for (let i = 0; i < 25; i++) await run(db, `w${String(i).padStart(2, '0')}`, 'waiting', 100 - i);
    const { runs, asked } = temporalSaying({});
    const state = newRunAuditState();
    for (let pass = 0; pass < 3; pass++) await auditRuns({ db, runs }, state, { now: NOW, staleMs: HOUR, limit: 20 });
    // Ten waiting runs a pass (half the limit for each active status): 10 + 10 + 5, each once, oldest first.
    expect(asked).toEqual(Array.from({ length: 25 }, (_, i) => `w${String(i).padStart(2, '0')}`));
    await auditRuns({ db, runs }, state, { now: NOW, staleMs: HOUR, limit: 20 });
    expect(asked.slice(25)).toEqual(Array.from({ length: 10 }, (_, i) => `w${String(i).padStart(2, '0')}`));
  });

  it('changes nothing when Temporal cannot be reached', async () => {
    const db = openTestDatabase(':memory:');
    await run(db, 'w1', 'waiting', 10);
    const runs: RunStarter = { startRun: async () => 'started', signalRun: async () => 'signalled', describeRun: async () => Promise.reject(new Error('connect ECONNREFUSED')) };
    await expect(auditRuns({ db, runs }, newRunAuditState(), { now: NOW, staleMs: HOUR })).rejects.toThrow(/ECONNREFUSED/);
    expect(await getRun(db, 'w1')).toMatchObject({ status: 'waiting', error: null });
  });

  it('stops only once the pass in progress has ended', async () => {
    const db = openTestDatabase(':memory:');
    await run(db, 'terminated', 'waiting', 48);
    let asked = 0;
    let answer = () => undefined as void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const runs: RunStarter = {
      startRun: async () => 'started',
      signalRun: async () => 'signalled',
      describeRun: async () => {
        asked += 1;
        await answered; // Temporal takes its time
        return { status: 'TERMINATED', closedAt: null };
      },
    };
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const stop = startRunAudit({ db, runs, log: () => undefined }, { intervalMs: 10, staleMs: HOUR });
      vi.advanceTimersByTime(10);
      await vi.waitFor(() => expect(asked).toBe(1));
      const stopped = stop();
      answer();
      await stopped;
      expect(await getRun(db, 'terminated')).toMatchObject({ status: 'failed' });
      await db.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
