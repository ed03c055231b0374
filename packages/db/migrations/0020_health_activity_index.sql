-- Health scoring counts a customer's recent track/page/screen events for an "any activity" rule on every batch that
-- touches them. Through events_customer_time each counted event cost a read of its row (to check its type); this
-- partial index (type included, so SQLite need not read the row to check it) answers the count from the index alone.
CREATE INDEX IF NOT EXISTS `events_customer_activity` ON `events` (`customer_id`, `timestamp`, `type`) WHERE `type` IN ('track', 'page', 'screen');
