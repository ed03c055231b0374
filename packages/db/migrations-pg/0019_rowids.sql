-- Hand-written: SQLite's rowid, as a column, on the tables whose queries walk or order by it (issue 13). In SQLite
-- every table has one, counting up as rows are inserted: the inactivity sweep pages customer_activity by
-- (last_seen_at, rowid), the global-control sweep walks customers by rowid once, and the variable catalog samples the
-- newest customers and events by it. An identity column counts up the same way, and the text of those queries stays
-- one for both backends. SQLite ends every index with the rowid; customer_activity_seen says so here. The schema
-- parity test reads these columns and the rowid in an index as SQLite's own.
ALTER TABLE "customers" ADD COLUMN "rowid" bigint GENERATED ALWAYS AS IDENTITY;
--> statement-breakpoint
CREATE UNIQUE INDEX "customers_rowid" ON "customers" ("rowid");
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "rowid" bigint GENERATED ALWAYS AS IDENTITY;
--> statement-breakpoint
CREATE UNIQUE INDEX "events_rowid" ON "events" ("rowid");
--> statement-breakpoint
ALTER TABLE "customer_activity" ADD COLUMN "rowid" bigint GENERATED ALWAYS AS IDENTITY;
--> statement-breakpoint
DROP INDEX "customer_activity_seen";
--> statement-breakpoint
CREATE INDEX "customer_activity_seen" ON "customer_activity" ("last_seen_at", "rowid");
