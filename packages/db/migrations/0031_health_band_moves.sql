-- health_history holds a row per score change (most ingest batches change the scores they touch); the band moves (a
-- first score, or a change of band) are a small part of it, and they are all that transitions and the filtered bands
-- over time read. Partial and covering: those figures read this index alone, never the history rows, and ingest
-- writes to it only when a band moves. On an existing install it is built from the rows already stored.
CREATE INDEX IF NOT EXISTS `health_history_moves` ON `health_history` (`at`, `band`, `from_band`, `customer_id`) WHERE `band` IS NOT `from_band`;
