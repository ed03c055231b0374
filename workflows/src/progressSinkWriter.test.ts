import { describe, expect, it } from 'vitest';
import type { WorkflowInfo } from '@temporalio/workflow';
import type { ProgressRecord } from './activities';
import { progressSinks } from './progressSinkWriter';

const record = { run: { workflowId: 'journey/j/c/once', status: 'completed' } } as unknown as ProgressRecord;

describe("the worker's progress sink", () => {
  it('retries a failed write until it is stored, and answers only then (the run’s next command waits for it)', async () => {
    const stored: ProgressRecord[][] = [];
    const failures: number[] = [];
    let outages = 2;
    let recoveredAfter = 0;
    const sinks = progressSinks(
      async (records) => {
        if (outages-- > 0) throw new Error('database is locked');
        stored.push(records);
      },
      {
        failed: (_info, _records, _error, attempt) => void failures.push(attempt),
        recovered: (_info, _records, attempts) => void (recoveredAfter = attempts),
      },
    );
    await sinks.runProgress.write.fn({} as WorkflowInfo, [record]);
    expect(failures).toEqual([1, 2]);
    expect(stored).toEqual([[record]]);
    expect(recoveredAfter).toBe(3);
  });

  it('is not called for activations replayed from history: their records were written when they first ran', () => {
    expect(progressSinks(() => Promise.resolve()).runProgress.write.callDuringReplay).toBe(false);
  });
});
