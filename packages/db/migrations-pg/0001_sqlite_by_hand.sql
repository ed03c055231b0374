-- Hand-written, as in the SQLite migrations: what drizzle's schema does not say (generated columns, expression and
-- partial indexes, the indexes added by SQLite migrations 0009–0047) and the views the rollup triggers read.
-- Postgres forms of SQLite's: json_extract(x, '$.k') → x ->> 'k'; instr → strpos; printf('%02d', n) → lpad (never
-- truncating); char → chr; `a IS NOT b` → `a IS DISTINCT FROM b`. A generated column cannot read another one in
-- Postgres, so name_sort repeats display_name's expression; the sort keys compare byte-wise (COLLATE "C"), as SQLite's
-- BINARY does, whatever the database's locale.
ALTER TABLE "customers" ADD COLUMN "display_name" text GENERATED ALWAYS AS (coalesce(nullif(trim(("traits" ->> 'name')), ''), nullif(trim(coalesce(("traits" ->> 'firstName'), ("traits" ->> 'first_name'), '') || ' ' || coalesce(("traits" ->> 'lastName'), ("traits" ->> 'last_name'), '')), ''))) STORED;
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "id_sort" text COLLATE "C" GENERATED ALWAYS AS (rtrim(lower("id"), '0123456789') || lpad(length(ltrim(substr(lower("id"), length(rtrim(lower("id"), '0123456789')) + 1), '0'))::text, greatest(2, length(length(ltrim(substr(lower("id"), length(rtrim(lower("id"), '0123456789')) + 1), '0'))::text)), '0') || ltrim(substr(lower("id"), length(rtrim(lower("id"), '0123456789')) + 1), '0')) STORED;
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "name_sort" text COLLATE "C" GENERATED ALWAYS AS (coalesce(rtrim(lower(coalesce(nullif(trim(("traits" ->> 'name')), ''), nullif(trim(coalesce(("traits" ->> 'firstName'), ("traits" ->> 'first_name'), '') || ' ' || coalesce(("traits" ->> 'lastName'), ("traits" ->> 'last_name'), '')), ''))), '0123456789') || lpad(length(ltrim(substr(lower(coalesce(nullif(trim(("traits" ->> 'name')), ''), nullif(trim(coalesce(("traits" ->> 'firstName'), ("traits" ->> 'first_name'), '') || ' ' || coalesce(("traits" ->> 'lastName'), ("traits" ->> 'last_name'), '')), ''))), length(rtrim(lower(coalesce(nullif(trim(("traits" ->> 'name')), ''), nullif(trim(coalesce(("traits" ->> 'firstName'), ("traits" ->> 'first_name'), '') || ' ' || coalesce(("traits" ->> 'lastName'), ("traits" ->> 'last_name'), '')), ''))), '0123456789')) + 1), '0'))::text, greatest(2, length(length(ltrim(substr(lower(coalesce(nullif(trim(("traits" ->> 'name')), ''), nullif(trim(coalesce(("traits" ->> 'firstName'), ("traits" ->> 'first_name'), '') || ' ' || coalesce(("traits" ->> 'lastName'), ("traits" ->> 'last_name'), '')), ''))), length(rtrim(lower(coalesce(nullif(trim(("traits" ->> 'name')), ''), nullif(trim(coalesce(("traits" ->> 'firstName'), ("traits" ->> 'first_name'), '') || ' ' || coalesce(("traits" ->> 'lastName'), ("traits" ->> 'last_name'), '')), ''))), '0123456789')) + 1), '0'))::text)), '0') || ltrim(substr(lower(coalesce(nullif(trim(("traits" ->> 'name')), ''), nullif(trim(coalesce(("traits" ->> 'firstName'), ("traits" ->> 'first_name'), '') || ' ' || coalesce(("traits" ->> 'lastName'), ("traits" ->> 'last_name'), '')), ''))), length(rtrim(lower(coalesce(nullif(trim(("traits" ->> 'name')), ''), nullif(trim(coalesce(("traits" ->> 'firstName'), ("traits" ->> 'first_name'), '') || ' ' || coalesce(("traits" ->> 'lastName'), ("traits" ->> 'last_name'), '')), ''))), '0123456789')) + 1), '0'), chr(1114111))) STORED;
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "email_sort" text COLLATE "C" GENERATED ALWAYS AS (coalesce(CASE WHEN strpos(lower("email"), '@') > 0 THEN rtrim(substr(lower("email"), 1, strpos(lower("email"), '@') - 1), '0123456789') || lpad(length(ltrim(substr(substr(lower("email"), 1, strpos(lower("email"), '@') - 1), length(rtrim(substr(lower("email"), 1, strpos(lower("email"), '@') - 1), '0123456789')) + 1), '0'))::text, greatest(2, length(length(ltrim(substr(substr(lower("email"), 1, strpos(lower("email"), '@') - 1), length(rtrim(substr(lower("email"), 1, strpos(lower("email"), '@') - 1), '0123456789')) + 1), '0'))::text)), '0') || ltrim(substr(substr(lower("email"), 1, strpos(lower("email"), '@') - 1), length(rtrim(substr(lower("email"), 1, strpos(lower("email"), '@') - 1), '0123456789')) + 1), '0') || substr(lower("email"), strpos(lower("email"), '@')) ELSE rtrim(lower("email"), '0123456789') || lpad(length(ltrim(substr(lower("email"), length(rtrim(lower("email"), '0123456789')) + 1), '0'))::text, greatest(2, length(length(ltrim(substr(lower("email"), length(rtrim(lower("email"), '0123456789')) + 1), '0'))::text)), '0') || ltrim(substr(lower("email"), length(rtrim(lower("email"), '0123456789')) + 1), '0') END, chr(1114111))) STORED;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "runs_started_id" ON "runs" ("started_at","workflow_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "runs_updated_id" ON "runs" ("updated_at","workflow_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "runs_status_started" ON "runs" ("status","started_at","workflow_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "runs_status_updated" ON "runs" ("status","updated_at","workflow_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "runs_journey_started" ON "runs" ("journey_id","started_at","workflow_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "runs_journey_status_started" ON "runs" ("journey_id","status","started_at","workflow_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "runs_version_status_started" ON "runs" ("version_id","status","started_at","workflow_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "runs_version_started" ON "runs" ("version_id","started_at","workflow_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "runs_node_started" ON "runs" ("current_node_id","started_at","workflow_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "deliveries_sent" ON "deliveries" ("sent_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "deliveries_opened" ON "deliveries" ("opened_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "deliveries_clicked" ON "deliveries" ("clicked_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "deliveries_status" ON "deliveries" ("status");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "runs_ended" ON "runs" ("ended_at","status");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "events_customer_name" ON "events" ("customer_id","name","timestamp");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "offer_codes_customer" ON "offer_codes" ("customer_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customers_stage_id" ON "customers" ("lifecycle_stage","id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "runs_customer_started" ON "runs" ("customer_id","started_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "stage_history_left" ON "stage_history" ("left_at", "at", "to_stage");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "stage_history_entered" ON "stage_history" ("to_stage", "at", "customer_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "stage_history_at" ON "stage_history" ("at", "from_stage", "to_stage", "customer_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "stage_history_path" ON "stage_history" ("customer_id", "at", "to_stage");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "stage_history_to_stage" ON "stage_history" ("to_stage","at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "stage_history_from_stage" ON "stage_history" ("from_stage","at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "deliveries_customer_opened" ON "deliveries" ("customer_id","opened_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "deliveries_customer_clicked" ON "deliveries" ("customer_id","clicked_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "offer_codes_by_code" ON "offer_codes" ("code");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "offer_codes_issued" ON "offer_codes" ("offer_id", "granted_at") WHERE "granted_at" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "journeys_updated" ON "journeys" ("updated_at","id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "journey_daily_runs_status" ON "journey_daily_runs" ("journey_id","status","runs");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customers_id_sort" ON "customers" ("id_sort","id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customers_name_sort" ON "customers" ("name_sort","id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customers_email_sort" ON "customers" ("email_sort","id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customers_created" ON "customers" ("created_at","id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "events_customer_activity" ON "events" ("customer_id", "timestamp", "type") WHERE "type" IN ('track', 'page', 'screen');
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "health_history_moves" ON "health_history" ("at", "band", "from_band", "customer_id") WHERE "band" IS DISTINCT FROM "from_band";
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "topics_name" ON "topics" (lower("name"));
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "suppressions_active_address" ON "suppressions" ("address") WHERE "removed_at" IS NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "suppressions_created" ON "suppressions" ("created_at", "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customers_email_lower" ON "customers" (lower("email"));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "outbound_calls_workflow" ON "outbound_calls" ("workflow_id", "node_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "survey_answer_rows_commented" ON "survey_answer_rows" ("filter_key","kind","answered_at") WHERE "comment" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "survey_answer_rows_customer" ON "survey_answer_rows" ("customer_id", "filter_key");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customer_revenue_days_customer" ON "customer_revenue_days" ("customer_id", "day", "revenue");
--> statement-breakpoint
CREATE VIEW "journey_goal_rows" AS
SELECT v."id" AS version_id, v."journey_id" AS journey_id, v."graph" -> 'goal' AS goal,
	CASE v."graph" #>> '{goal,kind}' WHEN 'segment_entered' THEN 'segment_entered' WHEN 'segment_exited' THEN 'segment_exited' ELSE v."graph" #>> '{goal,event}' END AS goal_event,
	coalesce(trunc((v."graph" #>> '{goal,window,amount}')::double precision * CASE v."graph" #>> '{goal,window,unit}' WHEN 'seconds' THEN 1 WHEN 'minutes' THEN 60 WHEN 'hours' THEN 3600 WHEN 'days' THEN 86400 WHEN 'weeks' THEN 604800 END)::bigint, 604800) AS window_seconds
FROM "journey_versions" v WHERE v."graph" -> 'goal' IS NOT NULL AND v."graph" -> 'goal' <> 'null'::jsonb;
--> statement-breakpoint
CREATE VIEW "stage_customer_keys" AS
SELECT f."customer_id", '' AS "segment_id", f."channel" AS "channel" FROM "customer_facts" f WHERE f."channel" IS NOT NULL
UNION ALL SELECT m."customer_id", m."segment_id", '' FROM "segment_memberships" m
UNION ALL SELECT m."customer_id", m."segment_id", f."channel" FROM "segment_memberships" m JOIN "customer_facts" f ON f."customer_id" = m."customer_id" WHERE f."channel" IS NOT NULL;
--> statement-breakpoint
CREATE VIEW "analytics_filter_keys" AS
SELECT "customer_id", 'c:' || "channel" AS filter_key FROM "customer_facts" WHERE "channel" IS NOT NULL
UNION ALL SELECT "customer_id", 's:' || "segment_id" FROM "segment_memberships"
UNION ALL SELECT m."customer_id", 's:' || m."segment_id" || '|c:' || f."channel" FROM "segment_memberships" m JOIN "customer_facts" f ON f."customer_id" = m."customer_id" WHERE f."channel" IS NOT NULL;
--> statement-breakpoint
CREATE VIEW "health_customer_keys" AS
SELECT f."customer_id", '' AS "segment_id", f."channel" AS "channel" FROM "customer_facts" f WHERE f."channel" IS NOT NULL
UNION ALL SELECT m."customer_id", m."segment_id", '' FROM "segment_memberships" m
UNION ALL SELECT m."customer_id", m."segment_id", f."channel" FROM "segment_memberships" m JOIN "customer_facts" f ON f."customer_id" = m."customer_id" WHERE f."channel" IS NOT NULL;
--> statement-breakpoint
-- The rows the SQLite migrations seed (0017, 0036, 0039), as a fresh database has them: the global control group's
-- salt (32 random hex digits, as SQLite's hex(randomblob(16))) and the default stages' roles.
INSERT INTO "global_control_state" ("id", "salt") VALUES (1, replace(gen_random_uuid()::text, '-', '')) ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "stage_funnel_state" ("id", "stages", "churn_stages", "building")
	VALUES (1, '["awareness","acquisition","onboarding","engagement","retention","advocacy","at_risk","churned"]', '["churned"]', 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "retention_stage_roles" ("stage", "customer", "churn") VALUES ('retention', 1, 0), ('advocacy', 1, 0), ('at_risk', 1, 0), ('churned', 0, 1) ON CONFLICT DO NOTHING;
