ALTER TABLE `offers` ADD `discount_kind` text;
--> statement-breakpoint
ALTER TABLE `offers` ADD `discount_value` real;
--> statement-breakpoint
ALTER TABLE `offers` ADD `discount_currency` text;
--> statement-breakpoint
ALTER TABLE `offer_codes` ADD `redeemed_at` text;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `offer_codes_by_code` ON `offer_codes` (`code`);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `offer_codes_issued` ON `offer_codes` (`offer_id`, `granted_at`) WHERE `granted_at` IS NOT NULL;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `offer_redemptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`offer_id` text,
	`customer_id` text,
	`event_id` text,
	`outcome` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `offer_redemptions_event` ON `offer_redemptions` (`event_id`);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `offer_redemptions_offer` ON `offer_redemptions` (`offer_id`, `at`);
