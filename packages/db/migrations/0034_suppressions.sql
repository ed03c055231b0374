-- The suppression list: addresses no journey emails again, with why (an SMTP reply, a bounce or complaint notice, an
-- admin). One active row per address (lower-cased); a removal keeps the row, stamped with who removed it and when.
CREATE TABLE IF NOT EXISTS `suppressions` (
	`id` text PRIMARY KEY NOT NULL,
	`address` text NOT NULL,
	`reason` text NOT NULL,
	`source` text NOT NULL,
	`detail` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_by` text NOT NULL,
	`removed_at` text,
	`removed_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `suppressions_active_address` ON `suppressions` (`address`) WHERE `removed_at` IS NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `suppressions_created` ON `suppressions` (`created_at`, `id`);
--> statement-breakpoint
-- Soft failures (4xx replies, soft bounce notices) of an address since its last successful delivery, one row per
-- delivery or notice, so a retried attempt or a repeated notice is counted once. A successful delivery clears them.
CREATE TABLE IF NOT EXISTS `soft_bounces` (
	`address` text NOT NULL,
	`key` text NOT NULL,
	`reason` text NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`address`, `key`)
);
--> statement-breakpoint
-- Every bounce or complaint notice taken by the inbound webhook, by its provider's id: the same notice twice is a no-op.
CREATE TABLE IF NOT EXISTS `bounce_notices` (
	`key` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`address` text NOT NULL,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
-- How many soft failures in a row suppress an address (one row, id `default`; absent means the default, 3).
CREATE TABLE IF NOT EXISTS `suppression_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`soft_bounce_threshold` integer DEFAULT 3 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
-- Suppressing an address flags every customer with that email, whatever its case: looked up by lower(email).
CREATE INDEX IF NOT EXISTS `customers_email_lower` ON `customers` (lower(`email`));
--> statement-breakpoint
-- `customers.suppressed` is what the send path reads: a customer created with, or moved to, a suppressed address is
-- flagged, on every write path (ingest, journeys, merges, the API) alike. Moving off a suppressed address lifts the flag
-- (it came from the address); a flag set by hand on a customer whose old address was clean stays.
CREATE TRIGGER IF NOT EXISTS `customers_suppressed_on_insert` AFTER INSERT ON `customers`
WHEN new.`email` IS NOT NULL AND new.`suppressed` = 0
	AND EXISTS (SELECT 1 FROM `suppressions` WHERE `address` = lower(trim(new.`email`)) AND `removed_at` IS NULL)
BEGIN
	UPDATE `customers` SET `suppressed` = 1 WHERE `id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `customers_suppressed_on_email_change` AFTER UPDATE OF `email` ON `customers`
WHEN new.`email` IS NOT old.`email`
BEGIN
	UPDATE `customers` SET `suppressed` = CASE
		WHEN EXISTS (SELECT 1 FROM `suppressions` WHERE `address` = lower(trim(new.`email`)) AND `removed_at` IS NULL) THEN 1
		WHEN EXISTS (SELECT 1 FROM `suppressions` WHERE `address` = lower(trim(old.`email`)) AND `removed_at` IS NULL) THEN 0
		ELSE `suppressed` END
	WHERE `id` = new.`id`;
END;
