ALTER TABLE `deliveries` ADD `html` text;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `text` text;