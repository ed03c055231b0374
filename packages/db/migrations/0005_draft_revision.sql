ALTER TABLE `journeys` ADD `revision` integer DEFAULT 1 NOT NULL;
