CREATE INDEX IF NOT EXISTS `events_customer_time` ON `events` (`customer_id`,`timestamp`,`id`);
