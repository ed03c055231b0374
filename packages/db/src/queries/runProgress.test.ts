import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDatabase } from '../testing/tempDatabase';
import { recordRunProgress } from './runProgress';

describe('recording a run step again (an activity retried after its first attempt committed)', () => {
  let scratch: ReturnType<typeof tempDatabase>;
  beforeEach(() => {
    scratch = tempDatabase('run-progress');
  });
  afterEach(() => scratch.close());

  const run = {
    workflowId: 'journey/j1/c1/1',
    journeyId: 'j1',
    versionId: 'v1',
    customerId: 'c1',
    status: 'running' as const,
    startedAt: '2026-11-01T10:00:00.000Z',
  };
  const splitStep = {
    seq: 1,
    nodeId: 'split',
    nodeType: 'random_split',
    enteredAt: '2026-11-01T10:00:00.000Z',
    leftAt: '2026-11-01T10:00:00.000Z',
    exit: 'b',
  };

  it('records a random split taken twice once, and counts its arm once', async () => {
    await recordRunProgress(scratch.db, run, splitStep);
    // SQLite lets the outer upsert's conflict policy override the trigger's OR IGNORE: before migration 0050 this threw
    // "UNIQUE constraint failed: experiment_arm_runs…", so the retried activity failed every time.
    await expect(recordRunProgress(scratch.db, run, splitStep)).resolves.toBeUndefined();
    const arms = await scratch.db.prepare('SELECT workflow_id, node_id, arm FROM experiment_arm_runs').all();
    expect(arms).toEqual([{ workflow_id: run.workflowId, node_id: 'split', arm: 'b' }]);
    const entered = (await scratch.db.prepare('SELECT sum(entered) AS entered FROM experiment_arm_days WHERE filter_key = ?').get('*')) as {
      entered: number;
    };
    expect(entered.entered).toBe(1);
  });
});
