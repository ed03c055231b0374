import { afterAnalyticsBatch, changeStage, recordAnalyticsEvent, type AnalyticsEvent, type Db } from '@lifecycle/db';
import type { AnalyticsSettings } from '@lifecycle/journey';

/** Events handed to the analytics hook per `afterAnalyticsBatch` call (ingest calls it once per /v1/batch of ≤ a few hundred). */
const HOOK_BATCH = 500;
/** Events per SQLite transaction: big transactions are what makes a raw build fast. */
const COMMIT_EVERY = 200_000;

/**
 * Where the bench's generated events go: a raw prepared insert into `events` (the ingest path's row, minus
 * identity linking, stage rules and segments) and then THE analytics hook ingest calls for every stored event
 * (`recordAnalyticsEvent`), with `afterAnalyticsBatch` once per batch for the customers it touched. Every rollup
 * any slice adds to that hook is therefore filled exactly as ingest fills it. Stage moves go through `changeStage`,
 * the one function that moves a customer (and that the stages rollup hooks).
 */
export class EventSink {
  private readonly insert;
  private readonly touched = new Set<string>();
  private sinceHook = 0;
  private sinceCommit = 0;
  private counter = 0;
  written = 0;
  stageMoves = 0;

  constructor(
    private readonly db: Db,
    private readonly settings: AnalyticsSettings,
  ) {
    this.insert = db.$client.prepare(
      `INSERT INTO events (id, message_id, write_key_id, type, name, customer_id, properties, traits, context, timestamp, received_at, dispatched_at)
       VALUES (?, ?, 'wk_bench', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    db.$client.exec('BEGIN');
  }

  write(event: Omit<AnalyticsEvent, 'id'>): void {
    const at = Date.parse(event.timestamp);
    const id = `evt_${at.toString(36).padStart(9, '0')}${(this.counter++).toString(16).padStart(16, '0')}`;
    // Stored as received when it happened and already dispatched, so the API's journey dispatcher has nothing to do.
    this.insert.run(id, `bench-${id}`, event.type, event.name, event.customerId, JSON.stringify(event.properties), event.traits ? JSON.stringify(event.traits) : null, event.context ? JSON.stringify(event.context) : null, event.timestamp, event.timestamp, event.timestamp);
    recordAnalyticsEvent(this.db, this.settings, { id, ...event });
    this.touched.add(event.customerId);
    this.written++;
    if (++this.sinceHook >= HOOK_BATCH) this.afterBatch();
    if (++this.sinceCommit >= COMMIT_EVERY) this.commit();
  }

  /** A stage change at `at`, as the stage rules would make it. */
  moveStage(customerId: string, to: string, at: string): void {
    if (changeStage(this.db, { customerId, to, cause: 'bench', at }).changed) this.stageMoves++;
  }

  private afterBatch(): void {
    // Ingest passes the time it received the batch: now, even for backfilled history.
    afterAnalyticsBatch(this.db, this.settings, this.touched, new Date());
    this.touched.clear();
    this.sinceHook = 0;
  }

  commit(): void {
    if (this.touched.size > 0) this.afterBatch();
    this.db.$client.exec('COMMIT');
    this.db.$client.exec('BEGIN');
    this.sinceCommit = 0;
  }

  close(): void {
    if (this.touched.size > 0) this.afterBatch();
    this.db.$client.exec('COMMIT');
  }
}
