-- Ingest cost. When a customer joins a segment or is first seen with a channel, the filter-key triggers of 0030 copy
-- that customer's answers (`survey_answer_rows WHERE customer_id = ? AND filter_key = '*'`). With only the primary key
-- (customer_id, survey, filter_key) and survey_answer_rows_time (filter_key, …) both matched one column, and SQLite
-- took the latter: every membership insert walked every '*' row (9 ms each at 10k customers, seconds at 1M, on
-- every /v1/batch that moves a customer into a segment). This index matches both columns, so the planner probes one
-- customer's rows. Built from the rows already stored.
CREATE INDEX IF NOT EXISTS `survey_answer_rows_customer` ON `survey_answer_rows` (`customer_id`, `filter_key`);
