ALTER TABLE `runs` ADD `failed_steps` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `run_steps` ADD `failed` integer DEFAULT false NOT NULL;