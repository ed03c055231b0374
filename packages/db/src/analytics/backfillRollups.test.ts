import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDatabase } from '../testing/tempDatabase';
import { pauseRollupTriggers, refillPausedRollups } from './backfillRollups';
import { onPostgres } from '../testing/testDatabase';

const triggers = async (scratch: ReturnType<typeof tempDatabase>) =>
  await scratch.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all<{ name: string; sql: string }>();

describe('pausing and refilling the trigger-kept rollups (bulk loads: bench/analytics, imports)', () => {
  let scratch: ReturnType<typeof tempDatabase>;
  beforeEach(() => {
    scratch = tempDatabase('backfill-rollups');
  });
  afterEach(() => scratch.close());

  // SQLite only: reads SQLite's trigger definitions.
  it.skipIf(onPostgres())('leaves every trigger as the migrations made it, a redefined one (0050) in its newest form', async () => {
    const before = await triggers(scratch);
    await scratch.db.transaction(async () => {
      await pauseRollupTriggers(scratch.db);
      await refillPausedRollups(scratch.db);
    });
    expect(await triggers(scratch)).toEqual(before);
    expect(before.find((trigger) => trigger.name === 'experiment_arm_step_changed')?.sql).toContain('NOT EXISTS');
  });
});
