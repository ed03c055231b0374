-- The Postgres form of SQLite migration 0047_forget_and_merge_keys: the trigger filter_keys_channel_removed (a
-- customer's first-touch facts deleted, by a forget or a merge, take their runs, arm passes, conversions and survey
-- answers out of the channel keys of migration 0030). The migration's DROP TABLE health_band_days has nothing to drop
-- here: the table is not in the drizzle schema, so 0000 never created it.
CREATE FUNCTION "filter_keys_channel_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "journey_filtered_runs" ("filter_key", "day", "version_id", "journey_id", "status", "runs")
	SELECT k."filter_key", substr(r."started_at", 1, 10), r."version_id", r."journey_id", r."status", -count(*)
	FROM "runs" r, (SELECT 'c:' || OLD."channel" AS "filter_key" UNION ALL SELECT 's:' || m."segment_id" || '|c:' || OLD."channel" FROM "segment_memberships" m WHERE m."customer_id" = OLD."customer_id") k
	WHERE r."customer_id" = OLD."customer_id"
	GROUP BY k."filter_key", substr(r."started_at", 1, 10), r."version_id", r."journey_id", r."status"
	ON CONFLICT ("filter_key", "day", "version_id", "status") DO UPDATE SET "runs" = "journey_filtered_runs"."runs" + EXCLUDED."runs";
	INSERT INTO "experiment_arm_days" ("filter_key", "journey_id", "node_id", "day", "arm", "entered", "converted")
	SELECT k."filter_key", a."journey_id", a."node_id", a."day", a."arm", -count(*), -sum(a."converted")
	FROM "experiment_arm_runs" a, (SELECT 'c:' || OLD."channel" AS "filter_key" UNION ALL SELECT 's:' || m."segment_id" || '|c:' || OLD."channel" FROM "segment_memberships" m WHERE m."customer_id" = OLD."customer_id") k
	WHERE a."customer_id" = OLD."customer_id"
	GROUP BY k."filter_key", a."journey_id", a."node_id", a."day", a."arm"
	ON CONFLICT ("filter_key", "journey_id", "node_id", "day", "arm") DO UPDATE SET "entered" = "experiment_arm_days"."entered" + EXCLUDED."entered", "converted" = "experiment_arm_days"."converted" + EXCLUDED."converted";
	DELETE FROM "journey_conversion_rows" WHERE "customer_id" = OLD."customer_id" AND "filter_key" IN (SELECT 'c:' || OLD."channel" UNION ALL SELECT 's:' || m."segment_id" || '|c:' || OLD."channel" FROM "segment_memberships" m WHERE m."customer_id" = OLD."customer_id");
	DELETE FROM "survey_answer_rows" WHERE "customer_id" = OLD."customer_id" AND "filter_key" IN (SELECT 'c:' || OLD."channel" UNION ALL SELECT 's:' || m."segment_id" || '|c:' || OLD."channel" FROM "segment_memberships" m WHERE m."customer_id" = OLD."customer_id");
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "filter_keys_channel_removed" AFTER DELETE ON "customer_facts"
FOR EACH ROW WHEN (OLD."channel" IS NOT NULL) EXECUTE FUNCTION "filter_keys_channel_removed"();
