import { afterAnalyticsBatch, changeStage, recordAnalyticsEvent, type AnalyticsEvent, type Db } from '@lifecycle/db';
import type { AnalyticsSettings } from '@lifecycle/journey';

/** Events handed to the analytics hook per `afterAnalyticsBatch` call (ingest calls it once per /v1/batch of ≤ a few hundred). */
const HOOK_BATCH = 500;

/** What the sink has made so far: kept with each committed chunk, so a resumed build numbers events on from there. */
export type SinkCounters = { counter: number; written: number; stageMoves: number };

/**
 * Where the bench's generated events go: a raw prepared insert into `events` (the ingest path's row, minus
 * identity linking, stage rules and segments) and then THE analytics hook ingest calls for every stored event
 * (`recordAnalyticsEvent`), with `afterAnalyticsBatch` once per batch for the customers it touched. Every rollup
 * any slice adds to that hook is therefore filled exactly as ingest fills it. Stage moves go through `changeStage`,
 * the one function that moves a customer (and that the stages rollup hooks). The caller owns the transactions: it
 * calls `flush` before each commit.
 */
export class EventSink {
  private readonly insert;
  private readonly touched = new Set<string>();
  private sinceHook = 0;
  counters: SinkCounters;

  constructor(
    private readonly db: Db,
    private readonly settings: AnalyticsSettings,
    /** The instant the data ends at: ingest passes the time it received a batch, the build the instant it stands at. */
    private readonly now: Date,
    counters: SinkCounters = { counter: 0, written: 0, stageMoves: 0 },
  ) {
    this.counters = { ...counters };
    this.insert = db.prepare(
      `INSERT INTO events (id, message_id, write_key_id, type, name, customer_id, properties, traits, context, timestamp, received_at, dispatched_at)
       VALUES (?, ?, 'wk_bench', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  async write(event: Omit<AnalyticsEvent, 'id'>): Promise<void> {
    const at = Date.parse(event.timestamp);
    const id = `evt_${at.toString(36).padStart(9, '0')}${(this.counters.counter++).toString(16).padStart(16, '0')}`;
    // Stored as received when it happened and already dispatched, so the API's journey dispatcher has nothing to do.
    await this.insert.run(id, `bench-${id}`, event.type, event.name, event.customerId, JSON.stringify(event.properties), event.traits ? JSON.stringify(event.traits) : null, event.context ? JSON.stringify(event.context) : null, event.timestamp, event.timestamp, event.timestamp);
    await recordAnalyticsEvent(this.db, this.settings, { id, ...event });
    this.touched.add(event.customerId);
    this.counters.written++;
    if (++this.sinceHook >= HOOK_BATCH) await this.afterBatch();
  }

  /** A stage change at `at`, as the stage rules would make it. */
  async moveStage(customerId: string, to: string, at: string): Promise<void> {
    if ((await changeStage(this.db, { customerId, to, cause: 'bench', at })).changed) this.counters.stageMoves++;
  }

  private async afterBatch(): Promise<void> {
    await afterAnalyticsBatch(this.db, this.settings, this.touched, this.now);
    this.touched.clear();
    this.sinceHook = 0;
  }

  /** Ends the open hook batch (before a chunk commits, so no batch spans two transactions). */
  async flush(): Promise<void> {
    if (this.touched.size > 0) await this.afterBatch();
  }
}
