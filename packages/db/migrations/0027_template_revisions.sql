-- Template history: every save of a template is a numbered revision (1, 2, …). Kept when the template is deleted,
-- so a version pinned to a revision still renders it.
CREATE TABLE IF NOT EXISTS `template_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` text NOT NULL,
	`revision` integer NOT NULL,
	`name` text NOT NULL,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`text` text,
	`saved_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`saved_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `template_revisions_number` ON `template_revisions` (`template_id`,`revision`);
--> statement-breakpoint
-- Templates saved before history existed start at revision 1: what they hold now, saved when they were last updated.
INSERT INTO `template_revisions` (`template_id`, `revision`, `name`, `subject`, `html`, `text`, `saved_at`, `saved_by`)
SELECT `id`, 1, `name`, `subject`, `html`, `text`, `updated_at`, NULL FROM `templates`
WHERE NOT EXISTS (SELECT 1 FROM `template_revisions` WHERE `template_revisions`.`template_id` = `templates`.`id`);
--> statement-breakpoint
-- The revision of each template a journey version sends, recorded when the version went live. A version without rows
-- (published before pinning existed) sends its templates as they are now.
CREATE TABLE IF NOT EXISTS `journey_version_templates` (
	`version_id` text NOT NULL,
	`template_id` text NOT NULL,
	`revision` integer NOT NULL,
	PRIMARY KEY(`version_id`, `template_id`),
	FOREIGN KEY (`version_id`) REFERENCES `journey_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
