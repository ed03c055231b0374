-- The Postgres form of SQLite migration 0034 (suppressions): a customer created with, or moved to, a suppressed address
-- is flagged; moving off a suppressed address lifts the flag. Deliberate difference: Postgres allows no subquery in a
-- trigger's WHEN, so the insert trigger's "the address is suppressed" test is an IF in its function.
CREATE FUNCTION "customers_suppressed_on_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM "suppressions" WHERE "address" = lower(trim(NEW."email")) AND "removed_at" IS NULL) THEN
		UPDATE "customers" SET "suppressed" = true WHERE "id" = NEW."id";
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "customers_suppressed_on_insert" AFTER INSERT ON "customers" FOR EACH ROW WHEN (NEW."email" IS NOT NULL AND NEW."suppressed" = false)
	EXECUTE FUNCTION "customers_suppressed_on_insert"();
--> statement-breakpoint
CREATE FUNCTION "customers_suppressed_on_email_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "customers" SET "suppressed" = CASE
		WHEN EXISTS (SELECT 1 FROM "suppressions" WHERE "address" = lower(trim(NEW."email")) AND "removed_at" IS NULL) THEN true
		WHEN EXISTS (SELECT 1 FROM "suppressions" WHERE "address" = lower(trim(OLD."email")) AND "removed_at" IS NULL) THEN false
		ELSE "suppressed" END
	WHERE "id" = NEW."id";
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "customers_suppressed_on_email_change" AFTER UPDATE OF "email" ON "customers" FOR EACH ROW WHEN (NEW."email" IS DISTINCT FROM OLD."email")
	EXECUTE FUNCTION "customers_suppressed_on_email_change"();
