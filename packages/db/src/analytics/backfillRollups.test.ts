import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTransaction } from '../writeTransaction';
import { tempDatabase } from '../testing/tempDatabase';
import { pauseRollupTriggers, refillPausedRollups } from './backfillRollups';

const triggers = (scratch: ReturnType<typeof tempDatabase>) =>
  scratch.db.$client.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as {
    name: string;
    sql: string;
  }[];

describe('pausing and refilling the trigger-kept rollups (bulk loads: bench/analytics, imports)', () => {
  let scratch: ReturnType<typeof tempDatabase>;
  beforeEach(() => {
    scratch = tempDatabase('backfill-rollups');
  });
  afterEach(() => scratch.close());

  it('leaves every trigger as the migrations made it, a redefined one (0050) in its newest form', () => {
    const before = triggers(scratch);
    writeTransaction(scratch.db, () => {
      pauseRollupTriggers(scratch.db);
      refillPausedRollups(scratch.db);
    });
    expect(triggers(scratch)).toEqual(before);
    expect(before.find((trigger) => trigger.name === 'experiment_arm_step_changed')?.sql).toContain('NOT EXISTS');
  });
});
