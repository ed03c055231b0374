-- The Postgres form of SQLite migration 0016 (journey_stats): the triggers that keep the journey rollups (goals, daily
-- runs, goal windows, conversion times, node visits, send stats) current. The view journey_goal_rows is in 0001.
-- Deliberate differences: a step's two visit rows ('' and its exit) are upserted by two statements, not one INSERT …
-- SELECT, because Postgres refuses an upsert that meets the same key twice (an exit of '') where SQLite adds twice;
-- julianday() is computed as SQLite does (integer milliseconds / 86400000.0 in double precision), so a conversion's
-- seconds carry the same floating error on both backends; journey_goals.goal is jsonb's text of the goal (the same
-- JSON, spaced and ordered as jsonb prints it, where SQLite keeps it minified as written).
CREATE FUNCTION "journey_goals_on_publish"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "journey_goals" ("version_id", "journey_id", "goal", "goal_event", "window_seconds")
		SELECT version_id, journey_id, goal::text, goal_event, window_seconds FROM "journey_goal_rows" WHERE version_id = NEW."id" AND goal_event IS NOT NULL
		ON CONFLICT ("version_id") DO UPDATE SET "journey_id" = EXCLUDED."journey_id", "goal" = EXCLUDED."goal", "goal_event" = EXCLUDED."goal_event",
			"window_seconds" = EXCLUDED."window_seconds";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "journey_goals_on_publish" AFTER INSERT ON "journey_versions" FOR EACH ROW EXECUTE FUNCTION "journey_goals_on_publish"();
--> statement-breakpoint
CREATE FUNCTION "journey_stats_run_started"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "journey_daily_runs" ("version_id", "journey_id", "day", "status", "runs") VALUES (NEW."version_id", NEW."journey_id", substr(NEW."started_at", 1, 10), NEW."status", 1)
		ON CONFLICT ("version_id", "day", "status") DO UPDATE SET "runs" = "journey_daily_runs"."runs" + 1;
	INSERT INTO "journey_run_windows" ("workflow_id", "journey_id", "version_id", "customer_id", "goal_event", "started_at", "window_ends_at")
		SELECT NEW."workflow_id", NEW."journey_id", NEW."version_id", NEW."customer_id", g."goal_event", NEW."started_at",
			to_char((NEW."started_at"::timestamptz + g."window_seconds" * interval '1 second') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
		FROM "journey_goals" g WHERE g."version_id" = NEW."version_id"
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "journey_stats_run_started" AFTER INSERT ON "runs" FOR EACH ROW EXECUTE FUNCTION "journey_stats_run_started"();
--> statement-breakpoint
CREATE FUNCTION "journey_stats_run_status"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "journey_daily_runs" SET "runs" = "runs" - 1 WHERE "version_id" = OLD."version_id" AND "day" = substr(OLD."started_at", 1, 10) AND "status" = OLD."status";
	INSERT INTO "journey_daily_runs" ("version_id", "journey_id", "day", "status", "runs") VALUES (NEW."version_id", NEW."journey_id", substr(NEW."started_at", 1, 10), NEW."status", 1)
		ON CONFLICT ("version_id", "day", "status") DO UPDATE SET "runs" = "journey_daily_runs"."runs" + 1;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "journey_stats_run_status" AFTER UPDATE OF "status" ON "runs" FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status")
	EXECUTE FUNCTION "journey_stats_run_status"();
--> statement-breakpoint
-- SQLite's julianday(x) is x's integer milliseconds since the Julian epoch / 86400000.0; the seconds are computed from
-- it the same way, so both backends store the same double.
CREATE FUNCTION "journey_stats_conversion"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "journey_conversion_times" ("workflow_id", "journey_id", "version_id", "started_at", "seconds")
		VALUES (NEW."workflow_id", NEW."journey_id", NEW."version_id", NEW."started_at",
			greatest(0, (((extract(epoch FROM NEW."converted_at"::timestamptz) * 1000)::bigint + 210866760000000)::double precision / 86400000.0::double precision
				- ((extract(epoch FROM NEW."started_at"::timestamptz) * 1000)::bigint + 210866760000000)::double precision / 86400000.0::double precision) * 86400))
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "journey_stats_conversion" AFTER INSERT ON "run_conversions" FOR EACH ROW EXECUTE FUNCTION "journey_stats_conversion"();
--> statement-breakpoint
CREATE FUNCTION "journey_stats_step_recorded"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "journey_node_stats" ("version_id", "node_id", "exit", "visits")
		SELECT r."version_id", NEW."node_id", '', 1 FROM "runs" r WHERE r."workflow_id" = NEW."workflow_id"
		ON CONFLICT ("version_id", "node_id", "exit") DO UPDATE SET "visits" = "journey_node_stats"."visits" + 1;
	IF NEW."exit" IS NOT NULL THEN
		INSERT INTO "journey_node_stats" ("version_id", "node_id", "exit", "visits")
			SELECT r."version_id", NEW."node_id", NEW."exit", 1 FROM "runs" r WHERE r."workflow_id" = NEW."workflow_id"
			ON CONFLICT ("version_id", "node_id", "exit") DO UPDATE SET "visits" = "journey_node_stats"."visits" + 1;
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "journey_stats_step_recorded" AFTER INSERT ON "run_steps" FOR EACH ROW EXECUTE FUNCTION "journey_stats_step_recorded"();
--> statement-breakpoint
CREATE FUNCTION "journey_stats_step_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "journey_node_stats" SET "visits" = "visits" - 1
		WHERE "version_id" = (SELECT "version_id" FROM "runs" WHERE "workflow_id" = OLD."workflow_id") AND "node_id" = OLD."node_id"
		AND ((OLD."exit" IS NOT NULL AND "exit" = OLD."exit") OR ("exit" = '' AND OLD."node_id" IS DISTINCT FROM NEW."node_id"));
	IF OLD."node_id" IS DISTINCT FROM NEW."node_id" THEN
		INSERT INTO "journey_node_stats" ("version_id", "node_id", "exit", "visits")
			SELECT r."version_id", NEW."node_id", '', 1 FROM "runs" r WHERE r."workflow_id" = NEW."workflow_id"
			ON CONFLICT ("version_id", "node_id", "exit") DO UPDATE SET "visits" = "journey_node_stats"."visits" + 1;
	END IF;
	IF NEW."exit" IS NOT NULL THEN
		INSERT INTO "journey_node_stats" ("version_id", "node_id", "exit", "visits")
			SELECT r."version_id", NEW."node_id", NEW."exit", 1 FROM "runs" r WHERE r."workflow_id" = NEW."workflow_id"
			ON CONFLICT ("version_id", "node_id", "exit") DO UPDATE SET "visits" = "journey_node_stats"."visits" + 1;
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "journey_stats_step_changed" AFTER UPDATE OF "node_id", "exit" ON "run_steps"
	FOR EACH ROW WHEN (OLD."node_id" IS DISTINCT FROM NEW."node_id" OR OLD."exit" IS DISTINCT FROM NEW."exit") EXECUTE FUNCTION "journey_stats_step_changed"();
--> statement-breakpoint
CREATE FUNCTION "journey_stats_delivery_created"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "journey_send_stats" ("version_id", "node_id", "template_id", "journey_id", "sent", "delivered", "failed", "skipped", "opened", "clicked")
		VALUES (coalesce((SELECT "version_id" FROM "runs" WHERE "workflow_id" = NEW."workflow_id"), ''), NEW."node_id", NEW."template_id", NEW."journey_id",
			(NEW."status" IN ('sent', 'failed', 'uncertain'))::int, (NEW."status" = 'sent')::int, (NEW."status" = 'failed')::int, (NEW."status" = 'skipped')::int,
			(NEW."opened_at" IS NOT NULL)::int, (NEW."clicked_at" IS NOT NULL)::int)
		ON CONFLICT ("version_id", "node_id", "template_id") DO UPDATE SET "sent" = "journey_send_stats"."sent" + EXCLUDED."sent",
			"delivered" = "journey_send_stats"."delivered" + EXCLUDED."delivered", "failed" = "journey_send_stats"."failed" + EXCLUDED."failed",
			"skipped" = "journey_send_stats"."skipped" + EXCLUDED."skipped", "opened" = "journey_send_stats"."opened" + EXCLUDED."opened",
			"clicked" = "journey_send_stats"."clicked" + EXCLUDED."clicked";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "journey_stats_delivery_created" AFTER INSERT ON "deliveries" FOR EACH ROW WHEN (NEW."journey_id" IS NOT NULL) EXECUTE FUNCTION "journey_stats_delivery_created"();
--> statement-breakpoint
CREATE FUNCTION "journey_stats_delivery_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "journey_send_stats" ("version_id", "node_id", "template_id", "journey_id", "sent", "delivered", "failed", "skipped", "opened", "clicked")
		VALUES (coalesce((SELECT "version_id" FROM "runs" WHERE "workflow_id" = NEW."workflow_id"), ''), NEW."node_id", NEW."template_id", NEW."journey_id",
			(NEW."status" IN ('sent', 'failed', 'uncertain'))::int - (OLD."status" IN ('sent', 'failed', 'uncertain'))::int,
			(NEW."status" = 'sent')::int - (OLD."status" = 'sent')::int, (NEW."status" = 'failed')::int - (OLD."status" = 'failed')::int,
			(NEW."status" = 'skipped')::int - (OLD."status" = 'skipped')::int, (NEW."opened_at" IS NOT NULL)::int - (OLD."opened_at" IS NOT NULL)::int,
			(NEW."clicked_at" IS NOT NULL)::int - (OLD."clicked_at" IS NOT NULL)::int)
		ON CONFLICT ("version_id", "node_id", "template_id") DO UPDATE SET "sent" = "journey_send_stats"."sent" + EXCLUDED."sent",
			"delivered" = "journey_send_stats"."delivered" + EXCLUDED."delivered", "failed" = "journey_send_stats"."failed" + EXCLUDED."failed",
			"skipped" = "journey_send_stats"."skipped" + EXCLUDED."skipped", "opened" = "journey_send_stats"."opened" + EXCLUDED."opened",
			"clicked" = "journey_send_stats"."clicked" + EXCLUDED."clicked";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "journey_stats_delivery_changed" AFTER UPDATE OF "status", "opened_at", "clicked_at" ON "deliveries" FOR EACH ROW
	WHEN (NEW."journey_id" IS NOT NULL AND (OLD."status" IS DISTINCT FROM NEW."status" OR (OLD."opened_at" IS NULL) <> (NEW."opened_at" IS NULL)
		OR (OLD."clicked_at" IS NULL) <> (NEW."clicked_at" IS NULL)))
	EXECUTE FUNCTION "journey_stats_delivery_changed"();
--> statement-breakpoint
CREATE FUNCTION "journey_stats_unsubscribed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "journey_send_stats" SET "unsubscribed" = "unsubscribed" + 1
		WHERE ("version_id", "node_id", "template_id") = (SELECT coalesce(r."version_id", ''), d."node_id", d."template_id" FROM "deliveries" d
			LEFT JOIN "runs" r ON r."workflow_id" = d."workflow_id" WHERE d."id" = NEW."delivery_id");
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "journey_stats_unsubscribed" AFTER INSERT ON "delivery_unsubscribes" FOR EACH ROW EXECUTE FUNCTION "journey_stats_unsubscribed"();
