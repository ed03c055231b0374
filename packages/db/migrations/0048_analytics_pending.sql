-- Analytics apply after ingest (issue 11). Ingest stores each event and one row here, in the same transaction; the
-- applier (packages/db/src/analytics/pendingEvents.ts) later passes the queued events through the rollup hooks and
-- deletes their rows in one transaction with the rollup writes, so an event is counted exactly once even if a process
-- dies half-way. A queue, not a cursor over event ids: ids from two processes (or two transactions in the same
-- millisecond) need not commit in id order, and a cursor would skip the one that commits late.
CREATE TABLE IF NOT EXISTS `analytics_pending` (
  `seq` integer PRIMARY KEY,
  `event_id` text NOT NULL,
  `queued_at` text NOT NULL
);
--> statement-breakpoint
-- A merge replays only the events the hooks already counted; the queued ones are counted later, under the new owner.
CREATE UNIQUE INDEX IF NOT EXISTS `analytics_pending_event` ON `analytics_pending` (`event_id`);
