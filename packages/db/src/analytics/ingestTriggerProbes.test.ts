import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabase, onPostgres } from '../testing/testDatabase';

const dir = mkdtempSync(join(tmpdir(), 'ingest-probes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// SQLite only: SQLite's query plans of its triggers.
describe.skipIf(onPostgres())('migration 0042: the filter-key triggers probe one customer', () => {
  it("reads a customer's '*' answers by (customer, filter key), not by walking every '*' answer", async () => {
    const db = openTestDatabase(join(dir, 'probes.db'));
    // The lookup the segment-entered and channel-set triggers of 0030 run for every new membership (word for word).
    const plan = (await db
      .prepare(`EXPLAIN QUERY PLAN SELECT s.customer_id FROM survey_answer_rows s WHERE s.customer_id = ? AND s.filter_key = '*'`)
      .all<{ detail: string }>('c1'));
    expect(plan.map((row) => row.detail).join('\n')).toContain('survey_answer_rows_customer (customer_id=? AND filter_key=?)');
    await db.close();
  });

  it('a customer entering a segment copies only their own answers into the segment key', async () => {
    const db = openTestDatabase(join(dir, 'copy.db'));
    const answer = db.prepare(
      `INSERT INTO survey_answers (customer_id, survey, kind, score, event_id, answered_at) VALUES (?, 'q', 'nps', ?, ?, '2026-11-01T00:00:00.000Z')`,
    );
    await db.prepare(`INSERT INTO segments (id, name, definition, created_at, updated_at) VALUES ('s1', 'S', '{"match":"all","conditions":[]}', '2026-11-01', '2026-11-01')`).run();
    for (let n = 0; n < 50; n++) {
      await db.prepare('INSERT INTO customers (id) VALUES (?)').run(`c${n}`);
      await answer.run(`c${n}`, n % 11, `e${n}`);
    }
    await db.prepare(`INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES ('s1', 'c7', '2026-11-02')`).run();
    const copied = await db.prepare(`SELECT customer_id AS customerId, score FROM survey_answer_rows WHERE filter_key = 's:s1'`).all();
    expect(copied).toEqual([{ customerId: 'c7', score: 7 }]);
    await db.close();
  });
});
