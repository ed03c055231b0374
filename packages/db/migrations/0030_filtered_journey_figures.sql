-- Journey, experiment and survey figures filtered by segment, channel or both, without probing every customer per
-- request. Each fact a figure counts is kept under every "filter key" its customer falls in: '*' (everyone),
-- 'c:<channel>' (first-touch channel), 's:<segment>' and 's:<segment>|c:<channel>'. A filtered figure reads one key's
-- rows. Triggers keep the keys current when a fact is written (runs, run steps, conversions, revenue, survey answers),
-- when a customer enters or leaves a segment, and when their first-touch channel is set or moves.
CREATE VIEW IF NOT EXISTS `analytics_filter_keys` AS
SELECT `customer_id`, 'c:' || `channel` AS filter_key FROM `customer_facts` WHERE `channel` IS NOT NULL
UNION ALL SELECT `customer_id`, 's:' || `segment_id` FROM `segment_memberships`
UNION ALL SELECT m.`customer_id`, 's:' || m.`segment_id` || '|c:' || f.`channel` FROM `segment_memberships` m JOIN `customer_facts` f ON f.`customer_id` = m.`customer_id` WHERE f.`channel` IS NOT NULL;
--> statement-breakpoint
-- Runs per filter key (not '*': journey_daily_runs holds everyone), day of entry, version and status.
CREATE TABLE IF NOT EXISTS `journey_filtered_runs` (
	`filter_key` text NOT NULL,
	`day` text NOT NULL,
	`version_id` text NOT NULL,
	`journey_id` text NOT NULL,
	`status` text NOT NULL,
	`runs` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`filter_key`, `day`, `version_id`, `status`)
);
--> statement-breakpoint
-- One row per converted run and filter key: ordered by seconds per version and per journey, so the median is an
-- index walk to the middle rank instead of every conversion shipped to the API.
CREATE TABLE IF NOT EXISTS `journey_conversion_rows` (
	`filter_key` text NOT NULL,
	`workflow_id` text NOT NULL,
	`journey_id` text NOT NULL,
	`version_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`started_at` text NOT NULL,
	`seconds` real NOT NULL,
	`revenue` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workflow_id`, `filter_key`)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `journey_conversion_rows_version` ON `journey_conversion_rows` (`filter_key`,`version_id`,`seconds`,`started_at`,`revenue`);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `journey_conversion_rows_journey` ON `journey_conversion_rows` (`filter_key`,`journey_id`,`seconds`,`started_at`);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `journey_conversion_rows_customer` ON `journey_conversion_rows` (`customer_id`,`filter_key`);
--> statement-breakpoint
-- Each run's pass through a random split's arm (the first pass counts: a run is entered once per arm).
CREATE TABLE IF NOT EXISTS `experiment_arm_runs` (
	`workflow_id` text NOT NULL,
	`node_id` text NOT NULL,
	`arm` text NOT NULL,
	`journey_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`day` text NOT NULL,
	`converted` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workflow_id`, `node_id`, `arm`)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `experiment_arm_runs_customer` ON `experiment_arm_runs` (`customer_id`);
--> statement-breakpoint
-- Runs that took each arm per filter key and day of the pass, and how many of them converted.
CREATE TABLE IF NOT EXISTS `experiment_arm_days` (
	`filter_key` text NOT NULL,
	`journey_id` text NOT NULL,
	`node_id` text NOT NULL,
	`day` text NOT NULL,
	`arm` text NOT NULL,
	`entered` integer DEFAULT 0 NOT NULL,
	`converted` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`filter_key`, `journey_id`, `node_id`, `day`, `arm`)
);
--> statement-breakpoint
-- survey_answers once per filter key of the customer.
CREATE TABLE IF NOT EXISTS `survey_answer_rows` (
	`filter_key` text NOT NULL,
	`customer_id` text NOT NULL,
	`survey` text NOT NULL,
	`kind` text NOT NULL,
	`score` integer NOT NULL,
	`comment` text,
	`stage` text,
	`delivery_id` text,
	`journey_id` text,
	`answered_at` text NOT NULL,
	PRIMARY KEY(`customer_id`, `survey`, `filter_key`)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `survey_answer_rows_time` ON `survey_answer_rows` (`filter_key`,`kind`,`answered_at`);
--> statement-breakpoint
INSERT OR IGNORE INTO `journey_filtered_runs` (`filter_key`, `day`, `version_id`, `journey_id`, `status`, `runs`)
SELECT k.filter_key, substr(r.`started_at`, 1, 10), r.`version_id`, r.`journey_id`, r.`status`, count(*) FROM `analytics_filter_keys` k JOIN `runs` r ON r.`customer_id` = k.`customer_id`
GROUP BY k.filter_key, substr(r.`started_at`, 1, 10), r.`version_id`, r.`journey_id`, r.`status`;
--> statement-breakpoint
INSERT OR IGNORE INTO `journey_conversion_rows` (`filter_key`, `workflow_id`, `journey_id`, `version_id`, `customer_id`, `started_at`, `seconds`, `revenue`)
SELECT '*', c.`workflow_id`, c.`journey_id`, c.`version_id`, c.`customer_id`, c.`started_at`, max(0, (julianday(c.`converted_at`) - julianday(c.`started_at`)) * 86400), coalesce(w.`revenue`, 0)
FROM `run_conversions` c LEFT JOIN `journey_run_windows` w ON w.`workflow_id` = c.`workflow_id`;
--> statement-breakpoint
INSERT OR IGNORE INTO `journey_conversion_rows` (`filter_key`, `workflow_id`, `journey_id`, `version_id`, `customer_id`, `started_at`, `seconds`, `revenue`)
SELECT k.filter_key, c.`workflow_id`, c.`journey_id`, c.`version_id`, c.`customer_id`, c.`started_at`, c.`seconds`, c.`revenue`
FROM `journey_conversion_rows` c JOIN `analytics_filter_keys` k ON k.`customer_id` = c.`customer_id` WHERE c.`filter_key` = '*';
--> statement-breakpoint
INSERT OR IGNORE INTO `experiment_arm_runs` (`workflow_id`, `node_id`, `arm`, `journey_id`, `customer_id`, `day`, `converted`)
SELECT s.`workflow_id`, s.`node_id`, s.`exit`, r.`journey_id`, r.`customer_id`, substr(min(s.`entered_at`), 1, 10), EXISTS (SELECT 1 FROM `run_conversions` c WHERE c.`workflow_id` = s.`workflow_id`)
FROM `run_steps` s JOIN `runs` r ON r.`workflow_id` = s.`workflow_id` WHERE s.`node_type` = 'random_split' AND s.`exit` IS NOT NULL
GROUP BY s.`workflow_id`, s.`node_id`, s.`exit`;
--> statement-breakpoint
INSERT OR IGNORE INTO `experiment_arm_days` (`filter_key`, `journey_id`, `node_id`, `day`, `arm`, `entered`, `converted`)
SELECT k.filter_key, a.`journey_id`, a.`node_id`, a.`day`, a.`arm`, count(*), sum(a.`converted`)
FROM `experiment_arm_runs` a JOIN (SELECT DISTINCT `customer_id`, '*' AS filter_key FROM `experiment_arm_runs` UNION ALL SELECT `customer_id`, filter_key FROM `analytics_filter_keys`) k ON k.`customer_id` = a.`customer_id`
GROUP BY k.filter_key, a.`journey_id`, a.`node_id`, a.`day`, a.`arm`;
--> statement-breakpoint
INSERT OR IGNORE INTO `survey_answer_rows` (`filter_key`, `customer_id`, `survey`, `kind`, `score`, `comment`, `stage`, `delivery_id`, `journey_id`, `answered_at`)
SELECT '*', `customer_id`, `survey`, `kind`, `score`, `comment`, `stage`, `delivery_id`, `journey_id`, `answered_at` FROM `survey_answers`;
--> statement-breakpoint
INSERT OR IGNORE INTO `survey_answer_rows` (`filter_key`, `customer_id`, `survey`, `kind`, `score`, `comment`, `stage`, `delivery_id`, `journey_id`, `answered_at`)
SELECT k.filter_key, s.`customer_id`, s.`survey`, s.`kind`, s.`score`, s.`comment`, s.`stage`, s.`delivery_id`, s.`journey_id`, s.`answered_at`
FROM `survey_answers` s JOIN `analytics_filter_keys` k ON k.`customer_id` = s.`customer_id`;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `filtered_runs_started` AFTER INSERT ON `runs` BEGIN
	INSERT INTO journey_filtered_runs (filter_key, day, version_id, journey_id, status, runs)
		SELECT filter_key, substr(NEW.started_at, 1, 10), NEW.version_id, NEW.journey_id, NEW.status, 1 FROM analytics_filter_keys WHERE customer_id = NEW.customer_id
		ON CONFLICT DO UPDATE SET runs = runs + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `filtered_runs_status` AFTER UPDATE OF `status` ON `runs` WHEN OLD.`status` IS NOT NEW.`status` BEGIN
	INSERT INTO journey_filtered_runs (filter_key, day, version_id, journey_id, status, runs)
		SELECT filter_key, substr(OLD.started_at, 1, 10), OLD.version_id, OLD.journey_id, OLD.status, -1 FROM analytics_filter_keys WHERE customer_id = OLD.customer_id
		ON CONFLICT DO UPDATE SET runs = runs - 1;
	INSERT INTO journey_filtered_runs (filter_key, day, version_id, journey_id, status, runs)
		SELECT filter_key, substr(NEW.started_at, 1, 10), NEW.version_id, NEW.journey_id, NEW.status, 1 FROM analytics_filter_keys WHERE customer_id = NEW.customer_id
		ON CONFLICT DO UPDATE SET runs = runs + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `filtered_conversion_recorded` AFTER INSERT ON `run_conversions` BEGIN
	INSERT OR REPLACE INTO journey_conversion_rows (filter_key, workflow_id, journey_id, version_id, customer_id, started_at, seconds, revenue)
		SELECT k.filter_key, NEW.workflow_id, NEW.journey_id, NEW.version_id, NEW.customer_id, NEW.started_at, max(0, (julianday(NEW.converted_at) - julianday(NEW.started_at)) * 86400),
			coalesce((SELECT revenue FROM journey_run_windows WHERE workflow_id = NEW.workflow_id), 0)
		FROM (SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) k;
	UPDATE experiment_arm_runs SET converted = 1 WHERE workflow_id = NEW.workflow_id AND converted = 0;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `filtered_conversion_removed` AFTER DELETE ON `run_conversions` BEGIN
	DELETE FROM journey_conversion_rows WHERE workflow_id = OLD.workflow_id;
	UPDATE experiment_arm_runs SET converted = 0 WHERE workflow_id = OLD.workflow_id AND converted = 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `filtered_conversion_revenue` AFTER UPDATE OF `revenue` ON `journey_run_windows` WHEN OLD.`revenue` IS NOT NEW.`revenue` BEGIN
	UPDATE journey_conversion_rows SET revenue = NEW.revenue WHERE workflow_id = NEW.workflow_id;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `filtered_conversion_window_removed` AFTER DELETE ON `journey_run_windows` BEGIN
	UPDATE journey_conversion_rows SET revenue = 0 WHERE workflow_id = OLD.workflow_id;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `experiment_arm_step_recorded` AFTER INSERT ON `run_steps` WHEN NEW.`node_type` = 'random_split' AND NEW.`exit` IS NOT NULL BEGIN
	INSERT OR IGNORE INTO experiment_arm_runs (workflow_id, node_id, arm, journey_id, customer_id, day, converted)
		SELECT NEW.workflow_id, NEW.node_id, NEW.exit, r.journey_id, r.customer_id, substr(NEW.entered_at, 1, 10), EXISTS (SELECT 1 FROM run_conversions c WHERE c.workflow_id = NEW.workflow_id)
		FROM runs r WHERE r.workflow_id = NEW.workflow_id;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `experiment_arm_step_changed` AFTER UPDATE OF `node_id`, `node_type`, `exit` ON `run_steps` WHEN NEW.`node_type` = 'random_split' AND NEW.`exit` IS NOT NULL BEGIN
	INSERT OR IGNORE INTO experiment_arm_runs (workflow_id, node_id, arm, journey_id, customer_id, day, converted)
		SELECT NEW.workflow_id, NEW.node_id, NEW.exit, r.journey_id, r.customer_id, substr(NEW.entered_at, 1, 10), EXISTS (SELECT 1 FROM run_conversions c WHERE c.workflow_id = NEW.workflow_id)
		FROM runs r WHERE r.workflow_id = NEW.workflow_id;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `experiment_arm_run_added` AFTER INSERT ON `experiment_arm_runs` BEGIN
	INSERT INTO experiment_arm_days (filter_key, journey_id, node_id, day, arm, entered, converted)
		SELECT k.filter_key, NEW.journey_id, NEW.node_id, NEW.day, NEW.arm, 1, NEW.converted FROM (SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET entered = entered + 1, converted = converted + excluded.converted;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `experiment_arm_run_converted` AFTER UPDATE OF `converted` ON `experiment_arm_runs` WHEN OLD.`converted` IS NOT NEW.`converted` BEGIN
	INSERT INTO experiment_arm_days (filter_key, journey_id, node_id, day, arm, entered, converted)
		SELECT k.filter_key, NEW.journey_id, NEW.node_id, NEW.day, NEW.arm, 0, NEW.converted - OLD.converted FROM (SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET converted = converted + excluded.converted;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `survey_answer_rows_added` AFTER INSERT ON `survey_answers` BEGIN
	INSERT OR REPLACE INTO survey_answer_rows (filter_key, customer_id, survey, kind, score, comment, stage, delivery_id, journey_id, answered_at)
		SELECT k.filter_key, NEW.customer_id, NEW.survey, NEW.kind, NEW.score, NEW.comment, NEW.stage, NEW.delivery_id, NEW.journey_id, NEW.answered_at FROM (SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) k;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `survey_answer_rows_changed` AFTER UPDATE ON `survey_answers` BEGIN
	UPDATE survey_answer_rows SET kind = NEW.kind, score = NEW.score, comment = NEW.comment, stage = NEW.stage, delivery_id = NEW.delivery_id, journey_id = NEW.journey_id, answered_at = NEW.answered_at
		WHERE customer_id = OLD.customer_id AND survey = OLD.survey;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `survey_answer_rows_removed` AFTER DELETE ON `survey_answers` BEGIN
	DELETE FROM survey_answer_rows WHERE customer_id = OLD.customer_id AND survey = OLD.survey;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `filter_keys_segment_entered` AFTER INSERT ON `segment_memberships` BEGIN
	INSERT INTO journey_filtered_runs (filter_key, day, version_id, journey_id, status, runs)
		SELECT k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status, count(*) FROM runs r, (SELECT 's:' || NEW.segment_id AS filter_key UNION ALL SELECT 's:' || NEW.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = NEW.customer_id AND f.channel IS NOT NULL) k WHERE r.customer_id = NEW.customer_id
		GROUP BY k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status
		ON CONFLICT DO UPDATE SET runs = runs + excluded.runs;
	INSERT INTO experiment_arm_days (filter_key, journey_id, node_id, day, arm, entered, converted)
		SELECT k.filter_key, a.journey_id, a.node_id, a.day, a.arm, count(*), sum(a.converted) FROM experiment_arm_runs a, (SELECT 's:' || NEW.segment_id AS filter_key UNION ALL SELECT 's:' || NEW.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = NEW.customer_id AND f.channel IS NOT NULL) k WHERE a.customer_id = NEW.customer_id
		GROUP BY k.filter_key, a.journey_id, a.node_id, a.day, a.arm
		ON CONFLICT DO UPDATE SET entered = entered + excluded.entered, converted = converted + excluded.converted;
	INSERT OR REPLACE INTO journey_conversion_rows (filter_key, workflow_id, journey_id, version_id, customer_id, started_at, seconds, revenue)
		SELECT k.filter_key, c.workflow_id, c.journey_id, c.version_id, c.customer_id, c.started_at, c.seconds, c.revenue FROM journey_conversion_rows c, (SELECT 's:' || NEW.segment_id AS filter_key UNION ALL SELECT 's:' || NEW.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = NEW.customer_id AND f.channel IS NOT NULL) k WHERE c.customer_id = NEW.customer_id AND c.filter_key = '*';
	INSERT OR REPLACE INTO survey_answer_rows (filter_key, customer_id, survey, kind, score, comment, stage, delivery_id, journey_id, answered_at)
		SELECT k.filter_key, s.customer_id, s.survey, s.kind, s.score, s.comment, s.stage, s.delivery_id, s.journey_id, s.answered_at FROM survey_answer_rows s, (SELECT 's:' || NEW.segment_id AS filter_key UNION ALL SELECT 's:' || NEW.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = NEW.customer_id AND f.channel IS NOT NULL) k WHERE s.customer_id = NEW.customer_id AND s.filter_key = '*';
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `filter_keys_segment_left` AFTER DELETE ON `segment_memberships` BEGIN
	INSERT INTO journey_filtered_runs (filter_key, day, version_id, journey_id, status, runs)
		SELECT k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status, -count(*) FROM runs r, (SELECT 's:' || OLD.segment_id AS filter_key UNION ALL SELECT 's:' || OLD.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = OLD.customer_id AND f.channel IS NOT NULL) k WHERE r.customer_id = OLD.customer_id
		GROUP BY k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status
		ON CONFLICT DO UPDATE SET runs = runs + excluded.runs;
	INSERT INTO experiment_arm_days (filter_key, journey_id, node_id, day, arm, entered, converted)
		SELECT k.filter_key, a.journey_id, a.node_id, a.day, a.arm, -count(*), -sum(a.converted) FROM experiment_arm_runs a, (SELECT 's:' || OLD.segment_id AS filter_key UNION ALL SELECT 's:' || OLD.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = OLD.customer_id AND f.channel IS NOT NULL) k WHERE a.customer_id = OLD.customer_id
		GROUP BY k.filter_key, a.journey_id, a.node_id, a.day, a.arm
		ON CONFLICT DO UPDATE SET entered = entered + excluded.entered, converted = converted + excluded.converted;
	DELETE FROM journey_conversion_rows WHERE customer_id = OLD.customer_id AND filter_key IN (SELECT 's:' || OLD.segment_id AS filter_key UNION ALL SELECT 's:' || OLD.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = OLD.customer_id AND f.channel IS NOT NULL);
	DELETE FROM survey_answer_rows WHERE customer_id = OLD.customer_id AND filter_key IN (SELECT 's:' || OLD.segment_id AS filter_key UNION ALL SELECT 's:' || OLD.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = OLD.customer_id AND f.channel IS NOT NULL);
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `filter_keys_channel_set` AFTER INSERT ON `customer_facts` WHEN NEW.`channel` IS NOT NULL BEGIN
	INSERT INTO journey_filtered_runs (filter_key, day, version_id, journey_id, status, runs)
		SELECT k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status, count(*) FROM runs r, (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) k WHERE r.customer_id = NEW.customer_id
		GROUP BY k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status
		ON CONFLICT DO UPDATE SET runs = runs + excluded.runs;
	INSERT INTO experiment_arm_days (filter_key, journey_id, node_id, day, arm, entered, converted)
		SELECT k.filter_key, a.journey_id, a.node_id, a.day, a.arm, count(*), sum(a.converted) FROM experiment_arm_runs a, (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) k WHERE a.customer_id = NEW.customer_id
		GROUP BY k.filter_key, a.journey_id, a.node_id, a.day, a.arm
		ON CONFLICT DO UPDATE SET entered = entered + excluded.entered, converted = converted + excluded.converted;
	INSERT OR REPLACE INTO journey_conversion_rows (filter_key, workflow_id, journey_id, version_id, customer_id, started_at, seconds, revenue)
		SELECT k.filter_key, c.workflow_id, c.journey_id, c.version_id, c.customer_id, c.started_at, c.seconds, c.revenue FROM journey_conversion_rows c, (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) k WHERE c.customer_id = NEW.customer_id AND c.filter_key = '*';
	INSERT OR REPLACE INTO survey_answer_rows (filter_key, customer_id, survey, kind, score, comment, stage, delivery_id, journey_id, answered_at)
		SELECT k.filter_key, s.customer_id, s.survey, s.kind, s.score, s.comment, s.stage, s.delivery_id, s.journey_id, s.answered_at FROM survey_answer_rows s, (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) k WHERE s.customer_id = NEW.customer_id AND s.filter_key = '*';
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `filter_keys_channel_moved` AFTER UPDATE OF `channel` ON `customer_facts` WHEN OLD.`channel` IS NOT NEW.`channel` BEGIN
	INSERT INTO journey_filtered_runs (filter_key, day, version_id, journey_id, status, runs)
		SELECT k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status, -count(*) FROM runs r, (SELECT filter_key FROM (SELECT 'c:' || OLD.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || OLD.channel FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) WHERE OLD.channel IS NOT NULL) k WHERE r.customer_id = OLD.customer_id
		GROUP BY k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status
		ON CONFLICT DO UPDATE SET runs = runs + excluded.runs;
	INSERT INTO experiment_arm_days (filter_key, journey_id, node_id, day, arm, entered, converted)
		SELECT k.filter_key, a.journey_id, a.node_id, a.day, a.arm, -count(*), -sum(a.converted) FROM experiment_arm_runs a, (SELECT filter_key FROM (SELECT 'c:' || OLD.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || OLD.channel FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) WHERE OLD.channel IS NOT NULL) k WHERE a.customer_id = OLD.customer_id
		GROUP BY k.filter_key, a.journey_id, a.node_id, a.day, a.arm
		ON CONFLICT DO UPDATE SET entered = entered + excluded.entered, converted = converted + excluded.converted;
	DELETE FROM journey_conversion_rows WHERE customer_id = OLD.customer_id AND filter_key IN (SELECT filter_key FROM (SELECT 'c:' || OLD.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || OLD.channel FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) WHERE OLD.channel IS NOT NULL);
	DELETE FROM survey_answer_rows WHERE customer_id = OLD.customer_id AND filter_key IN (SELECT filter_key FROM (SELECT 'c:' || OLD.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || OLD.channel FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) WHERE OLD.channel IS NOT NULL);
	INSERT INTO journey_filtered_runs (filter_key, day, version_id, journey_id, status, runs)
		SELECT k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status, count(*) FROM runs r, (SELECT filter_key FROM (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) WHERE NEW.channel IS NOT NULL) k WHERE r.customer_id = NEW.customer_id
		GROUP BY k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status
		ON CONFLICT DO UPDATE SET runs = runs + excluded.runs;
	INSERT INTO experiment_arm_days (filter_key, journey_id, node_id, day, arm, entered, converted)
		SELECT k.filter_key, a.journey_id, a.node_id, a.day, a.arm, count(*), sum(a.converted) FROM experiment_arm_runs a, (SELECT filter_key FROM (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) WHERE NEW.channel IS NOT NULL) k WHERE a.customer_id = NEW.customer_id
		GROUP BY k.filter_key, a.journey_id, a.node_id, a.day, a.arm
		ON CONFLICT DO UPDATE SET entered = entered + excluded.entered, converted = converted + excluded.converted;
	INSERT OR REPLACE INTO journey_conversion_rows (filter_key, workflow_id, journey_id, version_id, customer_id, started_at, seconds, revenue)
		SELECT k.filter_key, c.workflow_id, c.journey_id, c.version_id, c.customer_id, c.started_at, c.seconds, c.revenue FROM journey_conversion_rows c, (SELECT filter_key FROM (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) WHERE NEW.channel IS NOT NULL) k WHERE c.customer_id = NEW.customer_id AND c.filter_key = '*';
	INSERT OR REPLACE INTO survey_answer_rows (filter_key, customer_id, survey, kind, score, comment, stage, delivery_id, journey_id, answered_at)
		SELECT k.filter_key, s.customer_id, s.survey, s.kind, s.score, s.comment, s.stage, s.delivery_id, s.journey_id, s.answered_at FROM survey_answer_rows s, (SELECT filter_key FROM (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) WHERE NEW.channel IS NOT NULL) k WHERE s.customer_id = NEW.customer_id AND s.filter_key = '*';
END;
