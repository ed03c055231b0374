-- The Postgres form of SQLite migration 0041_health_keyed_rollups: the triggers keeping health_now_keyed,
-- health_member_keyed and health_moves_keyed (the tables are in 0000, the view health_customer_keys in 0001). Each
-- trigger takes the old row's share out of every (segment, channel) key the customer counts under and adds the new
-- row's, reading the other tables as they are.
-- One deliberate difference: health_keyed_member_insert and health_keyed_member_delete run once per statement over its
-- transition table, not once per row. SQLite runs a row trigger right after its row, so the trigger for one of a
-- customer's memberships sees the customer's other memberships of the same statement as not yet written; Postgres
-- runs row triggers after the whole statement, so every one of them would see all of them, and the cross terms
-- (segment A's keys counted under membership B and the other way round) of a statement writing several memberships
-- of one customer — `DELETE FROM segment_memberships WHERE customer_id = ?` when a customer is forgotten or merged —
-- would be counted twice or never. The statement triggers add what the memberships joined (or take out what the ones
-- left) contributed as one set: the same rows as SQLite's row-by-row sums, and one pass over the statement's rows.
CREATE FUNCTION "health_keyed_current_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "health_now_keyed" ("segment_id", "channel", "stage", "band", "customers", "score_total")
	SELECT k."segment_id", k."channel", coalesce((SELECT "lifecycle_stage" FROM "customers" WHERE "id" = NEW."customer_id"), ''), NEW."band", 1, NEW."score"
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT "segment_id", "channel" FROM "health_customer_keys" WHERE "customer_id" = NEW."customer_id") k
	ON CONFLICT ("segment_id", "channel", "stage", "band") DO UPDATE SET "customers" = "health_now_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_now_keyed"."score_total" + EXCLUDED."score_total";
	INSERT INTO "health_member_keyed" ("segment_id", "channel", "member_of", "customers", "score_total")
	SELECT k."segment_id", k."channel", g."segment_id", 1, NEW."score"
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT "segment_id", "channel" FROM "health_customer_keys" WHERE "customer_id" = NEW."customer_id") k
	JOIN "segment_memberships" g ON g."customer_id" = NEW."customer_id"
	ON CONFLICT ("segment_id", "channel", "member_of") DO UPDATE SET "customers" = "health_member_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_member_keyed"."score_total" + EXCLUDED."score_total";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "health_keyed_current_insert" AFTER INSERT ON "customer_health" FOR EACH ROW EXECUTE FUNCTION "health_keyed_current_insert"();
--> statement-breakpoint
CREATE FUNCTION "health_keyed_current_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "health_now_keyed" ("segment_id", "channel", "stage", "band", "customers", "score_total")
	SELECT k."segment_id", k."channel", coalesce((SELECT "lifecycle_stage" FROM "customers" WHERE "id" = OLD."customer_id"), ''), OLD."band", -1, -OLD."score"
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT "segment_id", "channel" FROM "health_customer_keys" WHERE "customer_id" = OLD."customer_id") k
	ON CONFLICT ("segment_id", "channel", "stage", "band") DO UPDATE SET "customers" = "health_now_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_now_keyed"."score_total" + EXCLUDED."score_total";
	INSERT INTO "health_member_keyed" ("segment_id", "channel", "member_of", "customers", "score_total")
	SELECT k."segment_id", k."channel", g."segment_id", -1, -OLD."score"
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT "segment_id", "channel" FROM "health_customer_keys" WHERE "customer_id" = OLD."customer_id") k
	JOIN "segment_memberships" g ON g."customer_id" = OLD."customer_id"
	ON CONFLICT ("segment_id", "channel", "member_of") DO UPDATE SET "customers" = "health_member_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_member_keyed"."score_total" + EXCLUDED."score_total";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "health_keyed_current_delete" AFTER DELETE ON "customer_health" FOR EACH ROW EXECUTE FUNCTION "health_keyed_current_delete"();
--> statement-breakpoint
CREATE FUNCTION "health_keyed_current_rescored"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "health_now_keyed" ("segment_id", "channel", "stage", "band", "customers", "score_total")
	SELECT k."segment_id", k."channel", coalesce((SELECT "lifecycle_stage" FROM "customers" WHERE "id" = NEW."customer_id"), ''), NEW."band", 0, NEW."score" - OLD."score"
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT "segment_id", "channel" FROM "health_customer_keys" WHERE "customer_id" = NEW."customer_id") k
	ON CONFLICT ("segment_id", "channel", "stage", "band") DO UPDATE SET "score_total" = "health_now_keyed"."score_total" + EXCLUDED."score_total";
	INSERT INTO "health_member_keyed" ("segment_id", "channel", "member_of", "customers", "score_total")
	SELECT k."segment_id", k."channel", g."segment_id", 0, NEW."score" - OLD."score"
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT "segment_id", "channel" FROM "health_customer_keys" WHERE "customer_id" = NEW."customer_id") k
	JOIN "segment_memberships" g ON g."customer_id" = NEW."customer_id"
	ON CONFLICT ("segment_id", "channel", "member_of") DO UPDATE SET "score_total" = "health_member_keyed"."score_total" + EXCLUDED."score_total";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "health_keyed_current_rescored" AFTER UPDATE OF "score" ON "customer_health"
FOR EACH ROW WHEN (OLD."band" = NEW."band" AND OLD."customer_id" = NEW."customer_id" AND OLD."score" <> NEW."score") EXECUTE FUNCTION "health_keyed_current_rescored"();
--> statement-breakpoint
CREATE FUNCTION "health_keyed_current_moved"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "health_now_keyed" ("segment_id", "channel", "stage", "band", "customers", "score_total")
	SELECT k."segment_id", k."channel", coalesce((SELECT "lifecycle_stage" FROM "customers" WHERE "id" = OLD."customer_id"), ''), OLD."band", -1, -OLD."score"
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT "segment_id", "channel" FROM "health_customer_keys" WHERE "customer_id" = OLD."customer_id") k
	ON CONFLICT ("segment_id", "channel", "stage", "band") DO UPDATE SET "customers" = "health_now_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_now_keyed"."score_total" + EXCLUDED."score_total";
	INSERT INTO "health_now_keyed" ("segment_id", "channel", "stage", "band", "customers", "score_total")
	SELECT k."segment_id", k."channel", coalesce((SELECT "lifecycle_stage" FROM "customers" WHERE "id" = NEW."customer_id"), ''), NEW."band", 1, NEW."score"
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT "segment_id", "channel" FROM "health_customer_keys" WHERE "customer_id" = NEW."customer_id") k
	ON CONFLICT ("segment_id", "channel", "stage", "band") DO UPDATE SET "customers" = "health_now_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_now_keyed"."score_total" + EXCLUDED."score_total";
	INSERT INTO "health_member_keyed" ("segment_id", "channel", "member_of", "customers", "score_total")
	SELECT k."segment_id", k."channel", g."segment_id", -1, -OLD."score"
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT "segment_id", "channel" FROM "health_customer_keys" WHERE "customer_id" = OLD."customer_id") k
	JOIN "segment_memberships" g ON g."customer_id" = OLD."customer_id"
	ON CONFLICT ("segment_id", "channel", "member_of") DO UPDATE SET "customers" = "health_member_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_member_keyed"."score_total" + EXCLUDED."score_total";
	INSERT INTO "health_member_keyed" ("segment_id", "channel", "member_of", "customers", "score_total")
	SELECT k."segment_id", k."channel", g."segment_id", 1, NEW."score"
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT "segment_id", "channel" FROM "health_customer_keys" WHERE "customer_id" = NEW."customer_id") k
	JOIN "segment_memberships" g ON g."customer_id" = NEW."customer_id"
	ON CONFLICT ("segment_id", "channel", "member_of") DO UPDATE SET "customers" = "health_member_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_member_keyed"."score_total" + EXCLUDED."score_total";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "health_keyed_current_moved" AFTER UPDATE OF "customer_id", "score", "band" ON "customer_health"
FOR EACH ROW WHEN (OLD."band" IS DISTINCT FROM NEW."band" OR OLD."customer_id" IS DISTINCT FROM NEW."customer_id") EXECUTE FUNCTION "health_keyed_current_moved"();
--> statement-breakpoint
CREATE FUNCTION "health_keyed_history_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "health_moves_keyed" ("segment_id", "channel", "day", "from_band", "to_band", "moves")
	SELECT k."segment_id", k."channel", substr(NEW."at", 1, 10), coalesce(NEW."from_band", ''), NEW."band", 1
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT "segment_id", "channel" FROM "health_customer_keys" WHERE "customer_id" = NEW."customer_id") k
	ON CONFLICT ("segment_id", "channel", "day", "from_band", "to_band") DO UPDATE SET "moves" = "health_moves_keyed"."moves" + EXCLUDED."moves";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "health_keyed_history_insert" AFTER INSERT ON "health_history"
FOR EACH ROW WHEN (NEW."band" IS DISTINCT FROM NEW."from_band") EXECUTE FUNCTION "health_keyed_history_insert"();
--> statement-breakpoint
CREATE FUNCTION "health_keyed_history_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "health_moves_keyed" ("segment_id", "channel", "day", "from_band", "to_band", "moves")
	SELECT k."segment_id", k."channel", substr(OLD."at", 1, 10), coalesce(OLD."from_band", ''), OLD."band", -1
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT "segment_id", "channel" FROM "health_customer_keys" WHERE "customer_id" = OLD."customer_id") k
	ON CONFLICT ("segment_id", "channel", "day", "from_band", "to_band") DO UPDATE SET "moves" = "health_moves_keyed"."moves" + EXCLUDED."moves";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "health_keyed_history_delete" AFTER DELETE ON "health_history"
FOR EACH ROW WHEN (OLD."band" IS DISTINCT FROM OLD."from_band") EXECUTE FUNCTION "health_keyed_history_delete"();
--> statement-breakpoint
CREATE FUNCTION "health_keyed_history_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "health_moves_keyed" ("segment_id", "channel", "day", "from_band", "to_band", "moves")
	SELECT k."segment_id", k."channel", substr(OLD."at", 1, 10), coalesce(OLD."from_band", ''), OLD."band", -1
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT "segment_id", "channel" FROM "health_customer_keys" WHERE "customer_id" = OLD."customer_id") k
	WHERE OLD."band" IS DISTINCT FROM OLD."from_band"
	ON CONFLICT ("segment_id", "channel", "day", "from_band", "to_band") DO UPDATE SET "moves" = "health_moves_keyed"."moves" + EXCLUDED."moves";
	INSERT INTO "health_moves_keyed" ("segment_id", "channel", "day", "from_band", "to_band", "moves")
	SELECT k."segment_id", k."channel", substr(NEW."at", 1, 10), coalesce(NEW."from_band", ''), NEW."band", 1
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT "segment_id", "channel" FROM "health_customer_keys" WHERE "customer_id" = NEW."customer_id") k
	WHERE NEW."band" IS DISTINCT FROM NEW."from_band"
	ON CONFLICT ("segment_id", "channel", "day", "from_band", "to_band") DO UPDATE SET "moves" = "health_moves_keyed"."moves" + EXCLUDED."moves";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "health_keyed_history_update" AFTER UPDATE OF "customer_id", "at", "band", "from_band" ON "health_history"
FOR EACH ROW WHEN (OLD."band" IS DISTINCT FROM OLD."from_band" OR NEW."band" IS DISTINCT FROM NEW."from_band") EXECUTE FUNCTION "health_keyed_history_update"();
--> statement-breakpoint
CREATE FUNCTION "health_keyed_customer_stage"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "health_now_keyed" ("segment_id", "channel", "stage", "band", "customers", "score_total")
	SELECT k."segment_id", k."channel", coalesce(OLD."lifecycle_stage", ''), h."band", -1, -h."score"
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT "segment_id", "channel" FROM "health_customer_keys" WHERE "customer_id" = OLD."id") k
	JOIN "customer_health" h ON h."customer_id" = OLD."id"
	ON CONFLICT ("segment_id", "channel", "stage", "band") DO UPDATE SET "customers" = "health_now_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_now_keyed"."score_total" + EXCLUDED."score_total";
	INSERT INTO "health_now_keyed" ("segment_id", "channel", "stage", "band", "customers", "score_total")
	SELECT k."segment_id", k."channel", coalesce(NEW."lifecycle_stage", ''), h."band", 1, h."score"
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT "segment_id", "channel" FROM "health_customer_keys" WHERE "customer_id" = NEW."id") k
	JOIN "customer_health" h ON h."customer_id" = NEW."id"
	ON CONFLICT ("segment_id", "channel", "stage", "band") DO UPDATE SET "customers" = "health_now_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_now_keyed"."score_total" + EXCLUDED."score_total";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "health_keyed_customer_stage" AFTER UPDATE OF "lifecycle_stage" ON "customers"
FOR EACH ROW WHEN (OLD."lifecycle_stage" IS DISTINCT FROM NEW."lifecycle_stage") EXECUTE FUNCTION "health_keyed_customer_stage"();
--> statement-breakpoint
-- A score stored before its customers row counted under stage '': the customer's arrival moves it to their stage.
CREATE FUNCTION "health_keyed_customer_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "health_now_keyed" ("segment_id", "channel", "stage", "band", "customers", "score_total")
	SELECT k."segment_id", k."channel", x."stage", h."band", x."sign", x."sign" * h."score"
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT "segment_id", "channel" FROM "health_customer_keys" WHERE "customer_id" = NEW."id") k
	JOIN "customer_health" h ON h."customer_id" = NEW."id" CROSS JOIN (SELECT '' AS "stage", -1 AS "sign" UNION ALL SELECT NEW."lifecycle_stage", 1) x
	ON CONFLICT ("segment_id", "channel", "stage", "band") DO UPDATE SET "customers" = "health_now_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_now_keyed"."score_total" + EXCLUDED."score_total";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "health_keyed_customer_insert" AFTER INSERT ON "customers"
FOR EACH ROW WHEN (NEW."lifecycle_stage" IS NOT NULL AND NEW."lifecycle_stage" <> '') EXECUTE FUNCTION "health_keyed_customer_insert"();
--> statement-breakpoint
CREATE FUNCTION "health_keyed_customer_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "health_now_keyed" ("segment_id", "channel", "stage", "band", "customers", "score_total")
	SELECT k."segment_id", k."channel", x."stage", h."band", x."sign", x."sign" * h."score"
	FROM (SELECT '' AS "segment_id", '' AS "channel" UNION ALL SELECT "segment_id", "channel" FROM "health_customer_keys" WHERE "customer_id" = OLD."id") k
	JOIN "customer_health" h ON h."customer_id" = OLD."id" CROSS JOIN (SELECT OLD."lifecycle_stage" AS "stage", -1 AS "sign" UNION ALL SELECT '', 1) x
	ON CONFLICT ("segment_id", "channel", "stage", "band") DO UPDATE SET "customers" = "health_now_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_now_keyed"."score_total" + EXCLUDED."score_total";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "health_keyed_customer_delete" AFTER DELETE ON "customers"
FOR EACH ROW WHEN (OLD."lifecycle_stage" IS NOT NULL AND OLD."lifecycle_stage" <> '') EXECUTE FUNCTION "health_keyed_customer_delete"();
--> statement-breakpoint
-- Memberships joined (per statement, see the top): per customer with a score, the joined segments' keys (s, '') and
-- (s, channel) are added to health_now_keyed and to health_moves_keyed (their band moves), and to health_member_keyed
-- under every segment the customer is in now; every key the customer counted under before — ('', ''), ('', channel)
-- and those of the segments they already were in — is added under each joined segment. Summed per key first: one
-- statement may add to one key for many customers, and Postgres's upsert takes each key once.
CREATE FUNCTION "health_keyed_member_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "health_now_keyed" ("segment_id", "channel", "stage", "band", "customers", "score_total")
	SELECT k.s, k.ch, coalesce(c."lifecycle_stage", ''), h."band", count(*), sum(h."score")
	FROM (SELECT n."customer_id", n."segment_id" AS s, '' AS ch FROM "joined_rows" n
		UNION ALL SELECT n."customer_id", n."segment_id", f."channel" FROM "joined_rows" n JOIN "customer_facts" f ON f."customer_id" = n."customer_id" WHERE f."channel" IS NOT NULL) k
	JOIN "customer_health" h ON h."customer_id" = k."customer_id" LEFT JOIN "customers" c ON c."id" = k."customer_id"
	GROUP BY 1, 2, 3, 4
	ON CONFLICT ("segment_id", "channel", "stage", "band") DO UPDATE SET "customers" = "health_now_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_now_keyed"."score_total" + EXCLUDED."score_total";
	INSERT INTO "health_member_keyed" ("segment_id", "channel", "member_of", "customers", "score_total")
	SELECT x.s, x.ch, x.g, count(*), sum(h."score")
	FROM (
		SELECT n."customer_id", k.s, k.ch, g."segment_id" AS g
		FROM "joined_rows" n CROSS JOIN LATERAL (SELECT n."segment_id" AS s, '' AS ch UNION ALL SELECT n."segment_id", f."channel" FROM "customer_facts" f WHERE f."customer_id" = n."customer_id" AND f."channel" IS NOT NULL) k
		JOIN "segment_memberships" g ON g."customer_id" = n."customer_id"
		UNION ALL
		SELECT n."customer_id", b.s, b.ch, n."segment_id"
		FROM "joined_rows" n JOIN (
			SELECT j."customer_id", '' AS s, '' AS ch FROM (SELECT DISTINCT "customer_id" FROM "joined_rows") j
			UNION ALL SELECT v."customer_id", v."segment_id", v."channel" FROM "health_customer_keys" v
			WHERE v."customer_id" IN (SELECT "customer_id" FROM "joined_rows")
				AND NOT EXISTS (SELECT 1 FROM "joined_rows" o WHERE o."customer_id" = v."customer_id" AND o."segment_id" = v."segment_id")
		) b ON b."customer_id" = n."customer_id"
	) x JOIN "customer_health" h ON h."customer_id" = x."customer_id"
	GROUP BY 1, 2, 3
	ON CONFLICT ("segment_id", "channel", "member_of") DO UPDATE SET "customers" = "health_member_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_member_keyed"."score_total" + EXCLUDED."score_total";
	INSERT INTO "health_moves_keyed" ("segment_id", "channel", "day", "from_band", "to_band", "moves")
	SELECT k.s, k.ch, substr(v."at", 1, 10), coalesce(v."from_band", ''), v."band", count(*)
	FROM (SELECT n."customer_id", n."segment_id" AS s, '' AS ch FROM "joined_rows" n
		UNION ALL SELECT n."customer_id", n."segment_id", f."channel" FROM "joined_rows" n JOIN "customer_facts" f ON f."customer_id" = n."customer_id" WHERE f."channel" IS NOT NULL) k
	JOIN "health_history" v ON v."customer_id" = k."customer_id" WHERE v."band" IS DISTINCT FROM v."from_band"
	GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "day", "from_band", "to_band") DO UPDATE SET "moves" = "health_moves_keyed"."moves" + EXCLUDED."moves";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "health_keyed_member_insert" AFTER INSERT ON "segment_memberships" REFERENCING NEW TABLE AS "joined_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "health_keyed_member_insert"();
--> statement-breakpoint
-- Memberships left (per statement): the mirror of the above. The customer's segments before the statement are those
-- left plus those still held; the keys they count under now are read from health_customer_keys as it is.
CREATE FUNCTION "health_keyed_member_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "health_now_keyed" ("segment_id", "channel", "stage", "band", "customers", "score_total")
	SELECT k.s, k.ch, coalesce(c."lifecycle_stage", ''), h."band", -count(*), -sum(h."score")
	FROM (SELECT o."customer_id", o."segment_id" AS s, '' AS ch FROM "left_rows" o
		UNION ALL SELECT o."customer_id", o."segment_id", f."channel" FROM "left_rows" o JOIN "customer_facts" f ON f."customer_id" = o."customer_id" WHERE f."channel" IS NOT NULL) k
	JOIN "customer_health" h ON h."customer_id" = k."customer_id" LEFT JOIN "customers" c ON c."id" = k."customer_id"
	GROUP BY 1, 2, 3, 4
	ON CONFLICT ("segment_id", "channel", "stage", "band") DO UPDATE SET "customers" = "health_now_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_now_keyed"."score_total" + EXCLUDED."score_total";
	INSERT INTO "health_member_keyed" ("segment_id", "channel", "member_of", "customers", "score_total")
	SELECT x.s, x.ch, x.g, -count(*), -sum(h."score")
	FROM (
		SELECT o."customer_id", k.s, k.ch, g."segment_id" AS g
		FROM "left_rows" o CROSS JOIN LATERAL (SELECT o."segment_id" AS s, '' AS ch UNION ALL SELECT o."segment_id", f."channel" FROM "customer_facts" f WHERE f."customer_id" = o."customer_id" AND f."channel" IS NOT NULL) k
		JOIN (SELECT "customer_id", "segment_id" FROM "segment_memberships" WHERE "customer_id" IN (SELECT "customer_id" FROM "left_rows")
			UNION ALL SELECT "customer_id", "segment_id" FROM "left_rows") g ON g."customer_id" = o."customer_id"
		UNION ALL
		SELECT o."customer_id", b.s, b.ch, o."segment_id"
		FROM "left_rows" o JOIN (
			SELECT j."customer_id", '' AS s, '' AS ch FROM (SELECT DISTINCT "customer_id" FROM "left_rows") j
			UNION ALL SELECT v."customer_id", v."segment_id", v."channel" FROM "health_customer_keys" v WHERE v."customer_id" IN (SELECT "customer_id" FROM "left_rows")
		) b ON b."customer_id" = o."customer_id"
	) x JOIN "customer_health" h ON h."customer_id" = x."customer_id"
	GROUP BY 1, 2, 3
	ON CONFLICT ("segment_id", "channel", "member_of") DO UPDATE SET "customers" = "health_member_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_member_keyed"."score_total" + EXCLUDED."score_total";
	INSERT INTO "health_moves_keyed" ("segment_id", "channel", "day", "from_band", "to_band", "moves")
	SELECT k.s, k.ch, substr(v."at", 1, 10), coalesce(v."from_band", ''), v."band", -count(*)
	FROM (SELECT o."customer_id", o."segment_id" AS s, '' AS ch FROM "left_rows" o
		UNION ALL SELECT o."customer_id", o."segment_id", f."channel" FROM "left_rows" o JOIN "customer_facts" f ON f."customer_id" = o."customer_id" WHERE f."channel" IS NOT NULL) k
	JOIN "health_history" v ON v."customer_id" = k."customer_id" WHERE v."band" IS DISTINCT FROM v."from_band"
	GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "day", "from_band", "to_band") DO UPDATE SET "moves" = "health_moves_keyed"."moves" + EXCLUDED."moves";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "health_keyed_member_delete" AFTER DELETE ON "segment_memberships" REFERENCING OLD TABLE AS "left_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "health_keyed_member_delete"();
--> statement-breakpoint
-- The first-touch channel: set by the first event that names one, moved by a backfilled earlier one, deleted with the customer.
CREATE FUNCTION "health_keyed_facts_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "health_now_keyed" ("segment_id", "channel", "stage", "band", "customers", "score_total")
	SELECT k.s, NEW."channel", coalesce(c."lifecycle_stage", ''), h."band", 1, h."score"
	FROM (SELECT '' AS s UNION ALL SELECT "segment_id" FROM "segment_memberships" WHERE "customer_id" = NEW."customer_id") k
	JOIN "customer_health" h ON h."customer_id" = NEW."customer_id" LEFT JOIN "customers" c ON c."id" = NEW."customer_id"
	ON CONFLICT ("segment_id", "channel", "stage", "band") DO UPDATE SET "customers" = "health_now_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_now_keyed"."score_total" + EXCLUDED."score_total";
	INSERT INTO "health_member_keyed" ("segment_id", "channel", "member_of", "customers", "score_total")
	SELECT k.s, NEW."channel", g."segment_id", 1, h."score"
	FROM (SELECT '' AS s UNION ALL SELECT "segment_id" FROM "segment_memberships" WHERE "customer_id" = NEW."customer_id") k
	JOIN "segment_memberships" g ON g."customer_id" = NEW."customer_id" JOIN "customer_health" h ON h."customer_id" = NEW."customer_id"
	ON CONFLICT ("segment_id", "channel", "member_of") DO UPDATE SET "customers" = "health_member_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_member_keyed"."score_total" + EXCLUDED."score_total";
	INSERT INTO "health_moves_keyed" ("segment_id", "channel", "day", "from_band", "to_band", "moves")
	SELECT k.s, NEW."channel", substr(v."at", 1, 10), coalesce(v."from_band", ''), v."band", count(*)
	FROM (SELECT '' AS s UNION ALL SELECT "segment_id" FROM "segment_memberships" WHERE "customer_id" = NEW."customer_id") k
	JOIN "health_history" v ON v."customer_id" = NEW."customer_id" WHERE v."band" IS DISTINCT FROM v."from_band" GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "day", "from_band", "to_band") DO UPDATE SET "moves" = "health_moves_keyed"."moves" + EXCLUDED."moves";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "health_keyed_facts_insert" AFTER INSERT ON "customer_facts"
FOR EACH ROW WHEN (NEW."channel" IS NOT NULL) EXECUTE FUNCTION "health_keyed_facts_insert"();
--> statement-breakpoint
CREATE FUNCTION "health_keyed_facts_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "health_now_keyed" ("segment_id", "channel", "stage", "band", "customers", "score_total")
	SELECT k.s, OLD."channel", coalesce(c."lifecycle_stage", ''), h."band", -1, -h."score"
	FROM (SELECT '' AS s UNION ALL SELECT "segment_id" FROM "segment_memberships" WHERE "customer_id" = OLD."customer_id") k
	JOIN "customer_health" h ON h."customer_id" = OLD."customer_id" LEFT JOIN "customers" c ON c."id" = OLD."customer_id"
	ON CONFLICT ("segment_id", "channel", "stage", "band") DO UPDATE SET "customers" = "health_now_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_now_keyed"."score_total" + EXCLUDED."score_total";
	INSERT INTO "health_member_keyed" ("segment_id", "channel", "member_of", "customers", "score_total")
	SELECT k.s, OLD."channel", g."segment_id", -1, -h."score"
	FROM (SELECT '' AS s UNION ALL SELECT "segment_id" FROM "segment_memberships" WHERE "customer_id" = OLD."customer_id") k
	JOIN "segment_memberships" g ON g."customer_id" = OLD."customer_id" JOIN "customer_health" h ON h."customer_id" = OLD."customer_id"
	ON CONFLICT ("segment_id", "channel", "member_of") DO UPDATE SET "customers" = "health_member_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_member_keyed"."score_total" + EXCLUDED."score_total";
	INSERT INTO "health_moves_keyed" ("segment_id", "channel", "day", "from_band", "to_band", "moves")
	SELECT k.s, OLD."channel", substr(v."at", 1, 10), coalesce(v."from_band", ''), v."band", -count(*)
	FROM (SELECT '' AS s UNION ALL SELECT "segment_id" FROM "segment_memberships" WHERE "customer_id" = OLD."customer_id") k
	JOIN "health_history" v ON v."customer_id" = OLD."customer_id" WHERE v."band" IS DISTINCT FROM v."from_band" GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "day", "from_band", "to_band") DO UPDATE SET "moves" = "health_moves_keyed"."moves" + EXCLUDED."moves";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "health_keyed_facts_delete" AFTER DELETE ON "customer_facts"
FOR EACH ROW WHEN (OLD."channel" IS NOT NULL) EXECUTE FUNCTION "health_keyed_facts_delete"();
--> statement-breakpoint
CREATE FUNCTION "health_keyed_facts_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "health_now_keyed" ("segment_id", "channel", "stage", "band", "customers", "score_total")
	SELECT k.s, OLD."channel", coalesce(c."lifecycle_stage", ''), h."band", -1, -h."score"
	FROM (SELECT '' AS s UNION ALL SELECT "segment_id" FROM "segment_memberships" WHERE "customer_id" = OLD."customer_id") k
	JOIN "customer_health" h ON h."customer_id" = OLD."customer_id" LEFT JOIN "customers" c ON c."id" = OLD."customer_id" WHERE OLD."channel" IS NOT NULL
	ON CONFLICT ("segment_id", "channel", "stage", "band") DO UPDATE SET "customers" = "health_now_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_now_keyed"."score_total" + EXCLUDED."score_total";
	INSERT INTO "health_member_keyed" ("segment_id", "channel", "member_of", "customers", "score_total")
	SELECT k.s, OLD."channel", g."segment_id", -1, -h."score"
	FROM (SELECT '' AS s UNION ALL SELECT "segment_id" FROM "segment_memberships" WHERE "customer_id" = OLD."customer_id") k
	JOIN "segment_memberships" g ON g."customer_id" = OLD."customer_id" JOIN "customer_health" h ON h."customer_id" = OLD."customer_id" WHERE OLD."channel" IS NOT NULL
	ON CONFLICT ("segment_id", "channel", "member_of") DO UPDATE SET "customers" = "health_member_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_member_keyed"."score_total" + EXCLUDED."score_total";
	INSERT INTO "health_moves_keyed" ("segment_id", "channel", "day", "from_band", "to_band", "moves")
	SELECT k.s, OLD."channel", substr(v."at", 1, 10), coalesce(v."from_band", ''), v."band", -count(*)
	FROM (SELECT '' AS s UNION ALL SELECT "segment_id" FROM "segment_memberships" WHERE "customer_id" = OLD."customer_id") k
	JOIN "health_history" v ON v."customer_id" = OLD."customer_id" WHERE OLD."channel" IS NOT NULL AND v."band" IS DISTINCT FROM v."from_band" GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "day", "from_band", "to_band") DO UPDATE SET "moves" = "health_moves_keyed"."moves" + EXCLUDED."moves";
	INSERT INTO "health_now_keyed" ("segment_id", "channel", "stage", "band", "customers", "score_total")
	SELECT k.s, NEW."channel", coalesce(c."lifecycle_stage", ''), h."band", 1, h."score"
	FROM (SELECT '' AS s UNION ALL SELECT "segment_id" FROM "segment_memberships" WHERE "customer_id" = NEW."customer_id") k
	JOIN "customer_health" h ON h."customer_id" = NEW."customer_id" LEFT JOIN "customers" c ON c."id" = NEW."customer_id" WHERE NEW."channel" IS NOT NULL
	ON CONFLICT ("segment_id", "channel", "stage", "band") DO UPDATE SET "customers" = "health_now_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_now_keyed"."score_total" + EXCLUDED."score_total";
	INSERT INTO "health_member_keyed" ("segment_id", "channel", "member_of", "customers", "score_total")
	SELECT k.s, NEW."channel", g."segment_id", 1, h."score"
	FROM (SELECT '' AS s UNION ALL SELECT "segment_id" FROM "segment_memberships" WHERE "customer_id" = NEW."customer_id") k
	JOIN "segment_memberships" g ON g."customer_id" = NEW."customer_id" JOIN "customer_health" h ON h."customer_id" = NEW."customer_id" WHERE NEW."channel" IS NOT NULL
	ON CONFLICT ("segment_id", "channel", "member_of") DO UPDATE SET "customers" = "health_member_keyed"."customers" + EXCLUDED."customers", "score_total" = "health_member_keyed"."score_total" + EXCLUDED."score_total";
	INSERT INTO "health_moves_keyed" ("segment_id", "channel", "day", "from_band", "to_band", "moves")
	SELECT k.s, NEW."channel", substr(v."at", 1, 10), coalesce(v."from_band", ''), v."band", count(*)
	FROM (SELECT '' AS s UNION ALL SELECT "segment_id" FROM "segment_memberships" WHERE "customer_id" = NEW."customer_id") k
	JOIN "health_history" v ON v."customer_id" = NEW."customer_id" WHERE NEW."channel" IS NOT NULL AND v."band" IS DISTINCT FROM v."from_band" GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT ("segment_id", "channel", "day", "from_band", "to_band") DO UPDATE SET "moves" = "health_moves_keyed"."moves" + EXCLUDED."moves";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "health_keyed_facts_update" AFTER UPDATE OF "customer_id", "channel" ON "customer_facts"
FOR EACH ROW WHEN (OLD."channel" IS DISTINCT FROM NEW."channel" OR OLD."customer_id" IS DISTINCT FROM NEW."customer_id") EXECUTE FUNCTION "health_keyed_facts_update"();
