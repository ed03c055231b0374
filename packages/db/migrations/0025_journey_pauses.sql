-- How a paused journey treats its runs in flight: `continue` (they carry on) or `hold` (each stops before its next
-- step until the journey resumes). One row per paused journey, removed on resume.
CREATE TABLE IF NOT EXISTS `journey_pauses` (
	`journey_id` text PRIMARY KEY NOT NULL REFERENCES `journeys`(`id`) ON DELETE CASCADE,
	`mode` text NOT NULL,
	`paused_by` text NOT NULL,
	`paused_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
