-- The Postgres form of SQLite migration 0028 (stage_keyed_rollups): the triggers that keep the stage figures keyed by
-- (segment, channel) current — customers per stage now, moves, first seen, stays begun and ended. The view
-- stage_customer_keys is in 0001. Deliberate differences: each INSERT … SELECT sums its rows per key (GROUP BY) before
-- the upsert, because Postgres refuses an upsert that meets the same key twice where SQLite adds each row in turn (the
-- totals are the same; keys only repeat with an empty segment id or channel, which the app never writes); the stay
-- bucket is one function, stage_stays_bucket, that computes julianday() as SQLite does (integer milliseconds /
-- 86400000.0 in double precision), so a stay on a bucket's edge lands in the same bucket on both backends.
CREATE FUNCTION "stage_stays_bucket"("started" text, "ended" text) RETURNS bigint LANGUAGE sql STABLE AS $$
	SELECT CASE WHEN d * 86400000.0::double precision < 60000 THEN 0
		ELSE 1 + trunc(ln(d * 86400000.0::double precision / 60000.0::double precision) / ln(1.05::double precision))::bigint END
	FROM (SELECT ((extract(epoch FROM "ended"::timestamptz) * 1000)::bigint + 210866760000000)::double precision / 86400000.0::double precision
		- ((extract(epoch FROM "started"::timestamptz) * 1000)::bigint + 210866760000000)::double precision / 86400000.0::double precision AS d) x
$$;
--> statement-breakpoint
-- A stage move (changeStage), a history row deleted with its customer, or moved to another by a merge.
CREATE FUNCTION "stage_keyed_history_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "stage_moves_keyed" ("segment_id", "channel", "day", "from_stage", "to_stage", "moves")
	SELECT k."segment_id", k."channel", substr(NEW."at", 1, 10), coalesce(NEW."from_stage", ''), NEW."to_stage", count(*)
	FROM "stage_customer_keys" k WHERE k."customer_id" = NEW."customer_id" GROUP BY 1, 2
	ON CONFLICT ("segment_id", "channel", "day", "from_stage", "to_stage") DO UPDATE SET "moves" = "stage_moves_keyed"."moves" + EXCLUDED."moves";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "stage_keyed_history_insert" AFTER INSERT ON "stage_history" FOR EACH ROW EXECUTE FUNCTION "stage_keyed_history_insert"();
--> statement-breakpoint
CREATE FUNCTION "stage_keyed_history_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "stage_moves_keyed" ("segment_id", "channel", "day", "from_stage", "to_stage", "moves")
	SELECT k."segment_id", k."channel", substr(OLD."at", 1, 10), coalesce(OLD."from_stage", ''), OLD."to_stage", -count(*)
	FROM "stage_customer_keys" k WHERE k."customer_id" = OLD."customer_id" GROUP BY 1, 2
	ON CONFLICT ("segment_id", "channel", "day", "from_stage", "to_stage") DO UPDATE SET "moves" = "stage_moves_keyed"."moves" + EXCLUDED."moves";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "stage_keyed_history_delete" AFTER DELETE ON "stage_history" FOR EACH ROW EXECUTE FUNCTION "stage_keyed_history_delete"();
--> statement-breakpoint
CREATE FUNCTION "stage_keyed_history_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "stage_moves_keyed" ("segment_id", "channel", "day", "from_stage", "to_stage", "moves")
	SELECT k."segment_id", k."channel", substr(OLD."at", 1, 10), coalesce(OLD."from_stage", ''), OLD."to_stage", -count(*)
	FROM "stage_customer_keys" k WHERE k."customer_id" = OLD."customer_id" GROUP BY 1, 2
	ON CONFLICT ("segment_id", "channel", "day", "from_stage", "to_stage") DO UPDATE SET "moves" = "stage_moves_keyed"."moves" + EXCLUDED."moves";
	INSERT INTO "stage_moves_keyed" ("segment_id", "channel", "day", "from_stage", "to_stage", "moves")
	SELECT k."segment_id", k."channel", substr(NEW."at", 1, 10), coalesce(NEW."from_stage", ''), NEW."to_stage", count(*)
	FROM "stage_customer_keys" k WHERE k."customer_id" = NEW."customer_id" GROUP BY 1, 2
	ON CONFLICT ("segment_id", "channel", "day", "from_stage", "to_stage") DO UPDATE SET "moves" = "stage_moves_keyed"."moves" + EXCLUDED."moves";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "stage_keyed_history_update" AFTER UPDATE OF "customer_id", "at", "from_stage", "to_stage" ON "stage_history" FOR EACH ROW
	WHEN (OLD."customer_id" IS DISTINCT FROM NEW."customer_id" OR OLD."at" IS DISTINCT FROM NEW."at" OR OLD."from_stage" IS DISTINCT FROM NEW."from_stage"
		OR OLD."to_stage" IS DISTINCT FROM NEW."to_stage")
	EXECUTE FUNCTION "stage_keyed_history_update"();
--> statement-breakpoint
-- A customer's current stage.
CREATE FUNCTION "stage_keyed_customer_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "stage_now_keyed" ("segment_id", "channel", "stage", "customers")
	SELECT k."segment_id", k."channel", coalesce(NEW."lifecycle_stage", ''), count(*)
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT v."segment_id", v."channel" FROM "stage_customer_keys" v WHERE v."customer_id" = NEW."id") k GROUP BY 1, 2
	ON CONFLICT ("segment_id", "channel", "stage") DO UPDATE SET "customers" = "stage_now_keyed"."customers" + EXCLUDED."customers";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "stage_keyed_customer_insert" AFTER INSERT ON "customers" FOR EACH ROW EXECUTE FUNCTION "stage_keyed_customer_insert"();
--> statement-breakpoint
CREATE FUNCTION "stage_keyed_customer_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "stage_now_keyed" ("segment_id", "channel", "stage", "customers")
	SELECT k."segment_id", k."channel", coalesce(OLD."lifecycle_stage", ''), -count(*)
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT v."segment_id", v."channel" FROM "stage_customer_keys" v WHERE v."customer_id" = OLD."id") k GROUP BY 1, 2
	ON CONFLICT ("segment_id", "channel", "stage") DO UPDATE SET "customers" = "stage_now_keyed"."customers" + EXCLUDED."customers";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "stage_keyed_customer_delete" AFTER DELETE ON "customers" FOR EACH ROW EXECUTE FUNCTION "stage_keyed_customer_delete"();
--> statement-breakpoint
CREATE FUNCTION "stage_keyed_customer_stage"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "stage_now_keyed" ("segment_id", "channel", "stage", "customers")
	SELECT k."segment_id", k."channel", coalesce(OLD."lifecycle_stage", ''), -count(*)
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT v."segment_id", v."channel" FROM "stage_customer_keys" v WHERE v."customer_id" = OLD."id") k GROUP BY 1, 2
	ON CONFLICT ("segment_id", "channel", "stage") DO UPDATE SET "customers" = "stage_now_keyed"."customers" + EXCLUDED."customers";
	INSERT INTO "stage_now_keyed" ("segment_id", "channel", "stage", "customers")
	SELECT k."segment_id", k."channel", coalesce(NEW."lifecycle_stage", ''), count(*)
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT v."segment_id", v."channel" FROM "stage_customer_keys" v WHERE v."customer_id" = NEW."id") k GROUP BY 1, 2
	ON CONFLICT ("segment_id", "channel", "stage") DO UPDATE SET "customers" = "stage_now_keyed"."customers" + EXCLUDED."customers";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "stage_keyed_customer_stage" AFTER UPDATE OF "lifecycle_stage" ON "customers" FOR EACH ROW
	WHEN (OLD."lifecycle_stage" IS DISTINCT FROM NEW."lifecycle_stage") EXECUTE FUNCTION "stage_keyed_customer_stage"();
--> statement-breakpoint
-- A customer joins or leaves a segment (one by one, or set-based when a segment is saved).
CREATE FUNCTION "stage_keyed_member_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "stage_now_keyed" ("segment_id", "channel", "stage", "customers")
	SELECT k.s, k.ch, coalesce(c."lifecycle_stage", ''), count(*)
	FROM (SELECT NEW."segment_id" AS s, '' AS ch UNION ALL SELECT NEW."segment_id", f."channel" FROM "customer_facts" f WHERE f."customer_id" = NEW."customer_id" AND f."channel" IS NOT NULL) k
	JOIN "customers" c ON c."id" = NEW."customer_id" GROUP BY 1, 2, 3
	ON CONFLICT ("segment_id", "channel", "stage") DO UPDATE SET "customers" = "stage_now_keyed"."customers" + EXCLUDED."customers";
	INSERT INTO "stage_moves_keyed" ("segment_id", "channel", "day", "from_stage", "to_stage", "moves")
	SELECT k.s, k.ch, substr(h."at", 1, 10), coalesce(h."from_stage", ''), h."to_stage", count(*)
	FROM (SELECT NEW."segment_id" AS s, '' AS ch UNION ALL SELECT NEW."segment_id", f."channel" FROM "customer_facts" f WHERE f."customer_id" = NEW."customer_id" AND f."channel" IS NOT NULL) k
	JOIN "stage_history" h ON h."customer_id" = NEW."customer_id" GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "day", "from_stage", "to_stage") DO UPDATE SET "moves" = "stage_moves_keyed"."moves" + EXCLUDED."moves";
	INSERT INTO "stage_seen_keyed" ("segment_id", "channel", "day", "customers")
	SELECT k.s, k.ch, substr(f."first_seen_at", 1, 10), count(*)
	FROM (SELECT NEW."segment_id" AS s, '' AS ch UNION ALL SELECT NEW."segment_id", f."channel" FROM "customer_facts" f WHERE f."customer_id" = NEW."customer_id" AND f."channel" IS NOT NULL) k
	JOIN "customer_facts" f ON f."customer_id" = NEW."customer_id" GROUP BY 1, 2, 3
	ON CONFLICT ("segment_id", "channel", "day") DO UPDATE SET "customers" = "stage_seen_keyed"."customers" + EXCLUDED."customers";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "stage_keyed_member_insert" AFTER INSERT ON "segment_memberships" FOR EACH ROW EXECUTE FUNCTION "stage_keyed_member_insert"();
--> statement-breakpoint
CREATE FUNCTION "stage_keyed_member_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "stage_now_keyed" ("segment_id", "channel", "stage", "customers")
	SELECT k.s, k.ch, coalesce(c."lifecycle_stage", ''), -count(*)
	FROM (SELECT OLD."segment_id" AS s, '' AS ch UNION ALL SELECT OLD."segment_id", f."channel" FROM "customer_facts" f WHERE f."customer_id" = OLD."customer_id" AND f."channel" IS NOT NULL) k
	JOIN "customers" c ON c."id" = OLD."customer_id" GROUP BY 1, 2, 3
	ON CONFLICT ("segment_id", "channel", "stage") DO UPDATE SET "customers" = "stage_now_keyed"."customers" + EXCLUDED."customers";
	INSERT INTO "stage_moves_keyed" ("segment_id", "channel", "day", "from_stage", "to_stage", "moves")
	SELECT k.s, k.ch, substr(h."at", 1, 10), coalesce(h."from_stage", ''), h."to_stage", -count(*)
	FROM (SELECT OLD."segment_id" AS s, '' AS ch UNION ALL SELECT OLD."segment_id", f."channel" FROM "customer_facts" f WHERE f."customer_id" = OLD."customer_id" AND f."channel" IS NOT NULL) k
	JOIN "stage_history" h ON h."customer_id" = OLD."customer_id" GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "day", "from_stage", "to_stage") DO UPDATE SET "moves" = "stage_moves_keyed"."moves" + EXCLUDED."moves";
	INSERT INTO "stage_seen_keyed" ("segment_id", "channel", "day", "customers")
	SELECT k.s, k.ch, substr(f."first_seen_at", 1, 10), -count(*)
	FROM (SELECT OLD."segment_id" AS s, '' AS ch UNION ALL SELECT OLD."segment_id", f."channel" FROM "customer_facts" f WHERE f."customer_id" = OLD."customer_id" AND f."channel" IS NOT NULL) k
	JOIN "customer_facts" f ON f."customer_id" = OLD."customer_id" GROUP BY 1, 2, 3
	ON CONFLICT ("segment_id", "channel", "day") DO UPDATE SET "customers" = "stage_seen_keyed"."customers" + EXCLUDED."customers";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "stage_keyed_member_delete" AFTER DELETE ON "segment_memberships" FOR EACH ROW EXECUTE FUNCTION "stage_keyed_member_delete"();
--> statement-breakpoint
-- First seen and first-touch channel: set by the first event, moved by a backfilled earlier one, deleted with the customer.
CREATE FUNCTION "stage_keyed_facts_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "stage_now_keyed" ("segment_id", "channel", "stage", "customers")
	SELECT k.s, k.ch, coalesce(c."lifecycle_stage", ''), count(*)
	FROM (SELECT '' AS s, NEW."channel" AS ch WHERE NEW."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", NEW."channel" FROM "segment_memberships" m WHERE m."customer_id" = NEW."customer_id" AND NEW."channel" IS NOT NULL) k
	JOIN "customers" c ON c."id" = NEW."customer_id" GROUP BY 1, 2, 3
	ON CONFLICT ("segment_id", "channel", "stage") DO UPDATE SET "customers" = "stage_now_keyed"."customers" + EXCLUDED."customers";
	INSERT INTO "stage_moves_keyed" ("segment_id", "channel", "day", "from_stage", "to_stage", "moves")
	SELECT k.s, k.ch, substr(h."at", 1, 10), coalesce(h."from_stage", ''), h."to_stage", count(*)
	FROM (SELECT '' AS s, NEW."channel" AS ch WHERE NEW."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", NEW."channel" FROM "segment_memberships" m WHERE m."customer_id" = NEW."customer_id" AND NEW."channel" IS NOT NULL) k
	JOIN "stage_history" h ON h."customer_id" = NEW."customer_id" GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "day", "from_stage", "to_stage") DO UPDATE SET "moves" = "stage_moves_keyed"."moves" + EXCLUDED."moves";
	INSERT INTO "stage_seen_keyed" ("segment_id", "channel", "day", "customers")
	SELECT k.s, k.ch, substr(NEW."first_seen_at", 1, 10), count(*)
	FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT '', NEW."channel" WHERE NEW."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", NEW."channel" FROM "segment_memberships" m WHERE m."customer_id" = NEW."customer_id" AND NEW."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", '' FROM "segment_memberships" m WHERE m."customer_id" = NEW."customer_id") k GROUP BY 1, 2
	ON CONFLICT ("segment_id", "channel", "day") DO UPDATE SET "customers" = "stage_seen_keyed"."customers" + EXCLUDED."customers";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "stage_keyed_facts_insert" AFTER INSERT ON "customer_facts" FOR EACH ROW EXECUTE FUNCTION "stage_keyed_facts_insert"();
--> statement-breakpoint
CREATE FUNCTION "stage_keyed_facts_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "stage_now_keyed" ("segment_id", "channel", "stage", "customers")
	SELECT k.s, k.ch, coalesce(c."lifecycle_stage", ''), -count(*)
	FROM (SELECT '' AS s, OLD."channel" AS ch WHERE OLD."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", OLD."channel" FROM "segment_memberships" m WHERE m."customer_id" = OLD."customer_id" AND OLD."channel" IS NOT NULL) k
	JOIN "customers" c ON c."id" = OLD."customer_id" GROUP BY 1, 2, 3
	ON CONFLICT ("segment_id", "channel", "stage") DO UPDATE SET "customers" = "stage_now_keyed"."customers" + EXCLUDED."customers";
	INSERT INTO "stage_moves_keyed" ("segment_id", "channel", "day", "from_stage", "to_stage", "moves")
	SELECT k.s, k.ch, substr(h."at", 1, 10), coalesce(h."from_stage", ''), h."to_stage", -count(*)
	FROM (SELECT '' AS s, OLD."channel" AS ch WHERE OLD."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", OLD."channel" FROM "segment_memberships" m WHERE m."customer_id" = OLD."customer_id" AND OLD."channel" IS NOT NULL) k
	JOIN "stage_history" h ON h."customer_id" = OLD."customer_id" GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "day", "from_stage", "to_stage") DO UPDATE SET "moves" = "stage_moves_keyed"."moves" + EXCLUDED."moves";
	INSERT INTO "stage_seen_keyed" ("segment_id", "channel", "day", "customers")
	SELECT k.s, k.ch, substr(OLD."first_seen_at", 1, 10), -count(*)
	FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT '', OLD."channel" WHERE OLD."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", OLD."channel" FROM "segment_memberships" m WHERE m."customer_id" = OLD."customer_id" AND OLD."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", '' FROM "segment_memberships" m WHERE m."customer_id" = OLD."customer_id") k GROUP BY 1, 2
	ON CONFLICT ("segment_id", "channel", "day") DO UPDATE SET "customers" = "stage_seen_keyed"."customers" + EXCLUDED."customers";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "stage_keyed_facts_delete" AFTER DELETE ON "customer_facts" FOR EACH ROW EXECUTE FUNCTION "stage_keyed_facts_delete"();
--> statement-breakpoint
CREATE FUNCTION "stage_keyed_facts_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "stage_now_keyed" ("segment_id", "channel", "stage", "customers")
	SELECT k.s, k.ch, coalesce(c."lifecycle_stage", ''), -count(*)
	FROM (SELECT '' AS s, OLD."channel" AS ch WHERE OLD."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", OLD."channel" FROM "segment_memberships" m WHERE m."customer_id" = OLD."customer_id" AND OLD."channel" IS NOT NULL) k
	JOIN "customers" c ON c."id" = OLD."customer_id" GROUP BY 1, 2, 3
	ON CONFLICT ("segment_id", "channel", "stage") DO UPDATE SET "customers" = "stage_now_keyed"."customers" + EXCLUDED."customers";
	INSERT INTO "stage_moves_keyed" ("segment_id", "channel", "day", "from_stage", "to_stage", "moves")
	SELECT k.s, k.ch, substr(h."at", 1, 10), coalesce(h."from_stage", ''), h."to_stage", -count(*)
	FROM (SELECT '' AS s, OLD."channel" AS ch WHERE OLD."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", OLD."channel" FROM "segment_memberships" m WHERE m."customer_id" = OLD."customer_id" AND OLD."channel" IS NOT NULL) k
	JOIN "stage_history" h ON h."customer_id" = OLD."customer_id" GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "day", "from_stage", "to_stage") DO UPDATE SET "moves" = "stage_moves_keyed"."moves" + EXCLUDED."moves";
	INSERT INTO "stage_seen_keyed" ("segment_id", "channel", "day", "customers")
	SELECT k.s, k.ch, substr(OLD."first_seen_at", 1, 10), -count(*)
	FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT '', OLD."channel" WHERE OLD."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", OLD."channel" FROM "segment_memberships" m WHERE m."customer_id" = OLD."customer_id" AND OLD."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", '' FROM "segment_memberships" m WHERE m."customer_id" = OLD."customer_id") k GROUP BY 1, 2
	ON CONFLICT ("segment_id", "channel", "day") DO UPDATE SET "customers" = "stage_seen_keyed"."customers" + EXCLUDED."customers";
	INSERT INTO "stage_now_keyed" ("segment_id", "channel", "stage", "customers")
	SELECT k.s, k.ch, coalesce(c."lifecycle_stage", ''), count(*)
	FROM (SELECT '' AS s, NEW."channel" AS ch WHERE NEW."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", NEW."channel" FROM "segment_memberships" m WHERE m."customer_id" = NEW."customer_id" AND NEW."channel" IS NOT NULL) k
	JOIN "customers" c ON c."id" = NEW."customer_id" GROUP BY 1, 2, 3
	ON CONFLICT ("segment_id", "channel", "stage") DO UPDATE SET "customers" = "stage_now_keyed"."customers" + EXCLUDED."customers";
	INSERT INTO "stage_moves_keyed" ("segment_id", "channel", "day", "from_stage", "to_stage", "moves")
	SELECT k.s, k.ch, substr(h."at", 1, 10), coalesce(h."from_stage", ''), h."to_stage", count(*)
	FROM (SELECT '' AS s, NEW."channel" AS ch WHERE NEW."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", NEW."channel" FROM "segment_memberships" m WHERE m."customer_id" = NEW."customer_id" AND NEW."channel" IS NOT NULL) k
	JOIN "stage_history" h ON h."customer_id" = NEW."customer_id" GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "day", "from_stage", "to_stage") DO UPDATE SET "moves" = "stage_moves_keyed"."moves" + EXCLUDED."moves";
	INSERT INTO "stage_seen_keyed" ("segment_id", "channel", "day", "customers")
	SELECT k.s, k.ch, substr(NEW."first_seen_at", 1, 10), count(*)
	FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT '', NEW."channel" WHERE NEW."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", NEW."channel" FROM "segment_memberships" m WHERE m."customer_id" = NEW."customer_id" AND NEW."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", '' FROM "segment_memberships" m WHERE m."customer_id" = NEW."customer_id") k GROUP BY 1, 2
	ON CONFLICT ("segment_id", "channel", "day") DO UPDATE SET "customers" = "stage_seen_keyed"."customers" + EXCLUDED."customers";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "stage_keyed_facts_update" AFTER UPDATE OF "first_seen_at", "channel" ON "customer_facts" FOR EACH ROW
	WHEN (OLD."channel" IS DISTINCT FROM NEW."channel" OR substr(OLD."first_seen_at", 1, 10) IS DISTINCT FROM substr(NEW."first_seen_at", 1, 10))
	EXECUTE FUNCTION "stage_keyed_facts_update"();
--> statement-breakpoint
-- Time in stage: stays that ended, per UTC day they ended and duration bucket (stage_stays_bucket), and every stay by
-- the day it began and the day it ended ('' while it lasts). Keyed like the tables above, and ('', '') for everyone.
CREATE FUNCTION "stage_stays_history_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "stage_stays_begun_keyed" ("segment_id", "channel", "left_day", "stage", "start_day", "stays")
	SELECT k.s, k.ch, coalesce(substr(NEW."left_at", 1, 10), ''), NEW."to_stage", substr(NEW."at", 1, 10), count(*)
	FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT v."segment_id", v."channel" FROM "stage_customer_keys" v WHERE v."customer_id" = NEW."customer_id") k GROUP BY 1, 2
	ON CONFLICT ("segment_id", "channel", "left_day", "stage", "start_day") DO UPDATE SET "stays" = "stage_stays_begun_keyed"."stays" + EXCLUDED."stays";
	IF NEW."left_at" IS NOT NULL THEN
		INSERT INTO "stage_stays_ended_keyed" ("segment_id", "channel", "day", "stage", "bucket", "stays")
		SELECT k.s, k.ch, substr(NEW."left_at", 1, 10), NEW."to_stage", "stage_stays_bucket"(NEW."at", NEW."left_at"), count(*)
		FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT v."segment_id", v."channel" FROM "stage_customer_keys" v WHERE v."customer_id" = NEW."customer_id") k GROUP BY 1, 2
		ON CONFLICT ("segment_id", "channel", "day", "stage", "bucket") DO UPDATE SET "stays" = "stage_stays_ended_keyed"."stays" + EXCLUDED."stays";
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "stage_stays_history_insert" AFTER INSERT ON "stage_history" FOR EACH ROW EXECUTE FUNCTION "stage_stays_history_insert"();
--> statement-breakpoint
CREATE FUNCTION "stage_stays_history_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "stage_stays_begun_keyed" ("segment_id", "channel", "left_day", "stage", "start_day", "stays")
	SELECT k.s, k.ch, coalesce(substr(OLD."left_at", 1, 10), ''), OLD."to_stage", substr(OLD."at", 1, 10), -count(*)
	FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT v."segment_id", v."channel" FROM "stage_customer_keys" v WHERE v."customer_id" = OLD."customer_id") k GROUP BY 1, 2
	ON CONFLICT ("segment_id", "channel", "left_day", "stage", "start_day") DO UPDATE SET "stays" = "stage_stays_begun_keyed"."stays" + EXCLUDED."stays";
	IF OLD."left_at" IS NOT NULL THEN
		INSERT INTO "stage_stays_ended_keyed" ("segment_id", "channel", "day", "stage", "bucket", "stays")
		SELECT k.s, k.ch, substr(OLD."left_at", 1, 10), OLD."to_stage", "stage_stays_bucket"(OLD."at", OLD."left_at"), -count(*)
		FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT v."segment_id", v."channel" FROM "stage_customer_keys" v WHERE v."customer_id" = OLD."customer_id") k GROUP BY 1, 2
		ON CONFLICT ("segment_id", "channel", "day", "stage", "bucket") DO UPDATE SET "stays" = "stage_stays_ended_keyed"."stays" + EXCLUDED."stays";
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "stage_stays_history_delete" AFTER DELETE ON "stage_history" FOR EACH ROW EXECUTE FUNCTION "stage_stays_history_delete"();
--> statement-breakpoint
CREATE FUNCTION "stage_stays_history_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "stage_stays_begun_keyed" ("segment_id", "channel", "left_day", "stage", "start_day", "stays")
	SELECT k.s, k.ch, coalesce(substr(OLD."left_at", 1, 10), ''), OLD."to_stage", substr(OLD."at", 1, 10), -count(*)
	FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT v."segment_id", v."channel" FROM "stage_customer_keys" v WHERE v."customer_id" = OLD."customer_id") k GROUP BY 1, 2
	ON CONFLICT ("segment_id", "channel", "left_day", "stage", "start_day") DO UPDATE SET "stays" = "stage_stays_begun_keyed"."stays" + EXCLUDED."stays";
	IF OLD."left_at" IS NOT NULL THEN
		INSERT INTO "stage_stays_ended_keyed" ("segment_id", "channel", "day", "stage", "bucket", "stays")
		SELECT k.s, k.ch, substr(OLD."left_at", 1, 10), OLD."to_stage", "stage_stays_bucket"(OLD."at", OLD."left_at"), -count(*)
		FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT v."segment_id", v."channel" FROM "stage_customer_keys" v WHERE v."customer_id" = OLD."customer_id") k GROUP BY 1, 2
		ON CONFLICT ("segment_id", "channel", "day", "stage", "bucket") DO UPDATE SET "stays" = "stage_stays_ended_keyed"."stays" + EXCLUDED."stays";
	END IF;
	INSERT INTO "stage_stays_begun_keyed" ("segment_id", "channel", "left_day", "stage", "start_day", "stays")
	SELECT k.s, k.ch, coalesce(substr(NEW."left_at", 1, 10), ''), NEW."to_stage", substr(NEW."at", 1, 10), count(*)
	FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT v."segment_id", v."channel" FROM "stage_customer_keys" v WHERE v."customer_id" = NEW."customer_id") k GROUP BY 1, 2
	ON CONFLICT ("segment_id", "channel", "left_day", "stage", "start_day") DO UPDATE SET "stays" = "stage_stays_begun_keyed"."stays" + EXCLUDED."stays";
	IF NEW."left_at" IS NOT NULL THEN
		INSERT INTO "stage_stays_ended_keyed" ("segment_id", "channel", "day", "stage", "bucket", "stays")
		SELECT k.s, k.ch, substr(NEW."left_at", 1, 10), NEW."to_stage", "stage_stays_bucket"(NEW."at", NEW."left_at"), count(*)
		FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT v."segment_id", v."channel" FROM "stage_customer_keys" v WHERE v."customer_id" = NEW."customer_id") k GROUP BY 1, 2
		ON CONFLICT ("segment_id", "channel", "day", "stage", "bucket") DO UPDATE SET "stays" = "stage_stays_ended_keyed"."stays" + EXCLUDED."stays";
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "stage_stays_history_update" AFTER UPDATE OF "customer_id", "at", "to_stage", "left_at" ON "stage_history" FOR EACH ROW
	WHEN (OLD."customer_id" IS DISTINCT FROM NEW."customer_id" OR OLD."at" IS DISTINCT FROM NEW."at" OR OLD."to_stage" IS DISTINCT FROM NEW."to_stage"
		OR OLD."left_at" IS DISTINCT FROM NEW."left_at")
	EXECUTE FUNCTION "stage_stays_history_update"();
--> statement-breakpoint
-- A customer's stays count under a segment while they are a member, under a channel while it is their first touch.
CREATE FUNCTION "stage_stays_member_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "stage_stays_begun_keyed" ("segment_id", "channel", "left_day", "stage", "start_day", "stays")
	SELECT k.s, k.ch, coalesce(substr(h."left_at", 1, 10), ''), h."to_stage", substr(h."at", 1, 10), count(*)
	FROM (SELECT NEW."segment_id" AS s, '' AS ch UNION ALL SELECT NEW."segment_id", f."channel" FROM "customer_facts" f WHERE f."customer_id" = NEW."customer_id" AND f."channel" IS NOT NULL) k
	JOIN "stage_history" h ON h."customer_id" = NEW."customer_id" GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "left_day", "stage", "start_day") DO UPDATE SET "stays" = "stage_stays_begun_keyed"."stays" + EXCLUDED."stays";
	INSERT INTO "stage_stays_ended_keyed" ("segment_id", "channel", "day", "stage", "bucket", "stays")
	SELECT k.s, k.ch, substr(h."left_at", 1, 10), h."to_stage", "stage_stays_bucket"(h."at", h."left_at"), count(*)
	FROM (SELECT NEW."segment_id" AS s, '' AS ch UNION ALL SELECT NEW."segment_id", f."channel" FROM "customer_facts" f WHERE f."customer_id" = NEW."customer_id" AND f."channel" IS NOT NULL) k
	JOIN "stage_history" h ON h."customer_id" = NEW."customer_id" WHERE h."left_at" IS NOT NULL GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "day", "stage", "bucket") DO UPDATE SET "stays" = "stage_stays_ended_keyed"."stays" + EXCLUDED."stays";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "stage_stays_member_insert" AFTER INSERT ON "segment_memberships" FOR EACH ROW EXECUTE FUNCTION "stage_stays_member_insert"();
--> statement-breakpoint
CREATE FUNCTION "stage_stays_member_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "stage_stays_begun_keyed" ("segment_id", "channel", "left_day", "stage", "start_day", "stays")
	SELECT k.s, k.ch, coalesce(substr(h."left_at", 1, 10), ''), h."to_stage", substr(h."at", 1, 10), -count(*)
	FROM (SELECT OLD."segment_id" AS s, '' AS ch UNION ALL SELECT OLD."segment_id", f."channel" FROM "customer_facts" f WHERE f."customer_id" = OLD."customer_id" AND f."channel" IS NOT NULL) k
	JOIN "stage_history" h ON h."customer_id" = OLD."customer_id" GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "left_day", "stage", "start_day") DO UPDATE SET "stays" = "stage_stays_begun_keyed"."stays" + EXCLUDED."stays";
	INSERT INTO "stage_stays_ended_keyed" ("segment_id", "channel", "day", "stage", "bucket", "stays")
	SELECT k.s, k.ch, substr(h."left_at", 1, 10), h."to_stage", "stage_stays_bucket"(h."at", h."left_at"), -count(*)
	FROM (SELECT OLD."segment_id" AS s, '' AS ch UNION ALL SELECT OLD."segment_id", f."channel" FROM "customer_facts" f WHERE f."customer_id" = OLD."customer_id" AND f."channel" IS NOT NULL) k
	JOIN "stage_history" h ON h."customer_id" = OLD."customer_id" WHERE h."left_at" IS NOT NULL GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "day", "stage", "bucket") DO UPDATE SET "stays" = "stage_stays_ended_keyed"."stays" + EXCLUDED."stays";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "stage_stays_member_delete" AFTER DELETE ON "segment_memberships" FOR EACH ROW EXECUTE FUNCTION "stage_stays_member_delete"();
--> statement-breakpoint
CREATE FUNCTION "stage_stays_facts_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "stage_stays_begun_keyed" ("segment_id", "channel", "left_day", "stage", "start_day", "stays")
	SELECT k.s, k.ch, coalesce(substr(h."left_at", 1, 10), ''), h."to_stage", substr(h."at", 1, 10), count(*)
	FROM (SELECT '' AS s, NEW."channel" AS ch WHERE NEW."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", NEW."channel" FROM "segment_memberships" m WHERE m."customer_id" = NEW."customer_id" AND NEW."channel" IS NOT NULL) k
	JOIN "stage_history" h ON h."customer_id" = NEW."customer_id" GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "left_day", "stage", "start_day") DO UPDATE SET "stays" = "stage_stays_begun_keyed"."stays" + EXCLUDED."stays";
	INSERT INTO "stage_stays_ended_keyed" ("segment_id", "channel", "day", "stage", "bucket", "stays")
	SELECT k.s, k.ch, substr(h."left_at", 1, 10), h."to_stage", "stage_stays_bucket"(h."at", h."left_at"), count(*)
	FROM (SELECT '' AS s, NEW."channel" AS ch WHERE NEW."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", NEW."channel" FROM "segment_memberships" m WHERE m."customer_id" = NEW."customer_id" AND NEW."channel" IS NOT NULL) k
	JOIN "stage_history" h ON h."customer_id" = NEW."customer_id" WHERE h."left_at" IS NOT NULL GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "day", "stage", "bucket") DO UPDATE SET "stays" = "stage_stays_ended_keyed"."stays" + EXCLUDED."stays";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "stage_stays_facts_insert" AFTER INSERT ON "customer_facts" FOR EACH ROW EXECUTE FUNCTION "stage_stays_facts_insert"();
--> statement-breakpoint
CREATE FUNCTION "stage_stays_facts_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "stage_stays_begun_keyed" ("segment_id", "channel", "left_day", "stage", "start_day", "stays")
	SELECT k.s, k.ch, coalesce(substr(h."left_at", 1, 10), ''), h."to_stage", substr(h."at", 1, 10), -count(*)
	FROM (SELECT '' AS s, OLD."channel" AS ch WHERE OLD."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", OLD."channel" FROM "segment_memberships" m WHERE m."customer_id" = OLD."customer_id" AND OLD."channel" IS NOT NULL) k
	JOIN "stage_history" h ON h."customer_id" = OLD."customer_id" GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "left_day", "stage", "start_day") DO UPDATE SET "stays" = "stage_stays_begun_keyed"."stays" + EXCLUDED."stays";
	INSERT INTO "stage_stays_ended_keyed" ("segment_id", "channel", "day", "stage", "bucket", "stays")
	SELECT k.s, k.ch, substr(h."left_at", 1, 10), h."to_stage", "stage_stays_bucket"(h."at", h."left_at"), -count(*)
	FROM (SELECT '' AS s, OLD."channel" AS ch WHERE OLD."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", OLD."channel" FROM "segment_memberships" m WHERE m."customer_id" = OLD."customer_id" AND OLD."channel" IS NOT NULL) k
	JOIN "stage_history" h ON h."customer_id" = OLD."customer_id" WHERE h."left_at" IS NOT NULL GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "day", "stage", "bucket") DO UPDATE SET "stays" = "stage_stays_ended_keyed"."stays" + EXCLUDED."stays";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "stage_stays_facts_delete" AFTER DELETE ON "customer_facts" FOR EACH ROW EXECUTE FUNCTION "stage_stays_facts_delete"();
--> statement-breakpoint
CREATE FUNCTION "stage_stays_facts_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "stage_stays_begun_keyed" ("segment_id", "channel", "left_day", "stage", "start_day", "stays")
	SELECT k.s, k.ch, coalesce(substr(h."left_at", 1, 10), ''), h."to_stage", substr(h."at", 1, 10), -count(*)
	FROM (SELECT '' AS s, OLD."channel" AS ch WHERE OLD."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", OLD."channel" FROM "segment_memberships" m WHERE m."customer_id" = OLD."customer_id" AND OLD."channel" IS NOT NULL) k
	JOIN "stage_history" h ON h."customer_id" = OLD."customer_id" GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "left_day", "stage", "start_day") DO UPDATE SET "stays" = "stage_stays_begun_keyed"."stays" + EXCLUDED."stays";
	INSERT INTO "stage_stays_ended_keyed" ("segment_id", "channel", "day", "stage", "bucket", "stays")
	SELECT k.s, k.ch, substr(h."left_at", 1, 10), h."to_stage", "stage_stays_bucket"(h."at", h."left_at"), -count(*)
	FROM (SELECT '' AS s, OLD."channel" AS ch WHERE OLD."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", OLD."channel" FROM "segment_memberships" m WHERE m."customer_id" = OLD."customer_id" AND OLD."channel" IS NOT NULL) k
	JOIN "stage_history" h ON h."customer_id" = OLD."customer_id" WHERE h."left_at" IS NOT NULL GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "day", "stage", "bucket") DO UPDATE SET "stays" = "stage_stays_ended_keyed"."stays" + EXCLUDED."stays";
	INSERT INTO "stage_stays_begun_keyed" ("segment_id", "channel", "left_day", "stage", "start_day", "stays")
	SELECT k.s, k.ch, coalesce(substr(h."left_at", 1, 10), ''), h."to_stage", substr(h."at", 1, 10), count(*)
	FROM (SELECT '' AS s, NEW."channel" AS ch WHERE NEW."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", NEW."channel" FROM "segment_memberships" m WHERE m."customer_id" = NEW."customer_id" AND NEW."channel" IS NOT NULL) k
	JOIN "stage_history" h ON h."customer_id" = NEW."customer_id" GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "left_day", "stage", "start_day") DO UPDATE SET "stays" = "stage_stays_begun_keyed"."stays" + EXCLUDED."stays";
	INSERT INTO "stage_stays_ended_keyed" ("segment_id", "channel", "day", "stage", "bucket", "stays")
	SELECT k.s, k.ch, substr(h."left_at", 1, 10), h."to_stage", "stage_stays_bucket"(h."at", h."left_at"), count(*)
	FROM (SELECT '' AS s, NEW."channel" AS ch WHERE NEW."channel" IS NOT NULL
		UNION ALL SELECT m."segment_id", NEW."channel" FROM "segment_memberships" m WHERE m."customer_id" = NEW."customer_id" AND NEW."channel" IS NOT NULL) k
	JOIN "stage_history" h ON h."customer_id" = NEW."customer_id" WHERE h."left_at" IS NOT NULL GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "day", "stage", "bucket") DO UPDATE SET "stays" = "stage_stays_ended_keyed"."stays" + EXCLUDED."stays";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "stage_stays_facts_update" AFTER UPDATE OF "channel" ON "customer_facts" FOR EACH ROW WHEN (OLD."channel" IS DISTINCT FROM NEW."channel")
	EXECUTE FUNCTION "stage_stays_facts_update"();
