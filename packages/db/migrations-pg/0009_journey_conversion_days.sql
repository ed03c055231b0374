-- The Postgres form of SQLite migration 0038 (journey_conversion_days): converted runs per filter key, day of entry and
-- version, kept from journey_conversion_rows. Deliberate difference: conversion_days_replaced does nothing here. In
-- SQLite the rows are written with INSERT OR REPLACE, whose delete of the replaced row fires no trigger, so that
-- trigger takes the old row out before the insert adds the new one. Postgres has no REPLACE: 0005 writes these rows as
-- a DELETE then an INSERT (counted by conversion_days_removed and conversion_days_added), and an INSERT … ON CONFLICT
-- DO UPDATE would fire conversion_days_changed for the row it replaces (not conversion_days_added). Either way the
-- old row is taken out by another trigger; subtracting it here as well would count it out twice under ON CONFLICT.
-- The trigger is kept, under its name, so both backends have the same triggers.
CREATE FUNCTION "conversion_days_replaced"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "conversion_days_replaced" BEFORE INSERT ON "journey_conversion_rows" FOR EACH ROW EXECUTE FUNCTION "conversion_days_replaced"();
--> statement-breakpoint
CREATE FUNCTION "conversion_days_added"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "journey_conversion_days" ("filter_key", "day", "version_id", "journey_id", "converted", "revenue")
		VALUES (NEW."filter_key", substr(NEW."started_at", 1, 10), NEW."version_id", NEW."journey_id", 1, NEW."revenue")
		ON CONFLICT ("filter_key", "day", "version_id") DO UPDATE SET "converted" = "journey_conversion_days"."converted" + 1,
			"revenue" = "journey_conversion_days"."revenue" + EXCLUDED."revenue";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "conversion_days_added" AFTER INSERT ON "journey_conversion_rows" FOR EACH ROW EXECUTE FUNCTION "conversion_days_added"();
--> statement-breakpoint
CREATE FUNCTION "conversion_days_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "journey_conversion_days" ("filter_key", "day", "version_id", "journey_id", "converted", "revenue")
		VALUES (OLD."filter_key", substr(OLD."started_at", 1, 10), OLD."version_id", OLD."journey_id", -1, -OLD."revenue")
		ON CONFLICT ("filter_key", "day", "version_id") DO UPDATE SET "converted" = "journey_conversion_days"."converted" - 1,
			"revenue" = "journey_conversion_days"."revenue" + EXCLUDED."revenue";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "conversion_days_removed" AFTER DELETE ON "journey_conversion_rows" FOR EACH ROW EXECUTE FUNCTION "conversion_days_removed"();
--> statement-breakpoint
CREATE FUNCTION "conversion_days_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "journey_conversion_days" ("filter_key", "day", "version_id", "journey_id", "converted", "revenue")
		VALUES (OLD."filter_key", substr(OLD."started_at", 1, 10), OLD."version_id", OLD."journey_id", -1, -OLD."revenue")
		ON CONFLICT ("filter_key", "day", "version_id") DO UPDATE SET "converted" = "journey_conversion_days"."converted" - 1,
			"revenue" = "journey_conversion_days"."revenue" + EXCLUDED."revenue";
	INSERT INTO "journey_conversion_days" ("filter_key", "day", "version_id", "journey_id", "converted", "revenue")
		VALUES (NEW."filter_key", substr(NEW."started_at", 1, 10), NEW."version_id", NEW."journey_id", 1, NEW."revenue")
		ON CONFLICT ("filter_key", "day", "version_id") DO UPDATE SET "converted" = "journey_conversion_days"."converted" + 1,
			"revenue" = "journey_conversion_days"."revenue" + EXCLUDED."revenue";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "conversion_days_changed" AFTER UPDATE OF "filter_key", "started_at", "version_id", "journey_id", "revenue" ON "journey_conversion_rows"
	FOR EACH ROW EXECUTE FUNCTION "conversion_days_changed"();
