-- NPS and CSAT at scale. A figure counts each customer's LATEST answer in a period; windowing every answer per request
-- took seconds at 1M customers. Each answer instead carries the day of the same customer's NEXT answer in its chain
-- (`next_day`, '~' when none), so "latest in [from, to)" = answered on a day in [from, to) and next_day >= to: a sum
-- over day cells, exact for every day-aligned range and period. Three chains per answer ("scope"): '*' all answers of
-- the kind (the plain figures, by stage and by segment), 'j:<journey>' per journey (the journey filter and the
-- breakdown by journey; 'j:' = no journey), 'v:<survey>' one survey (one answer per customer, never superseded).
CREATE TABLE IF NOT EXISTS `survey_answer_links` (
	`customer_id` text NOT NULL,
	`kind` text NOT NULL,
	`scope` text NOT NULL,
	`survey` text NOT NULL,
	`day` text NOT NULL,
	`next_day` text NOT NULL,
	`stage` text NOT NULL,
	`journey_id` text NOT NULL,
	`class` text NOT NULL,
	PRIMARY KEY(`customer_id`, `kind`, `scope`, `survey`)
);
--> statement-breakpoint
-- The links counted per filter key of the customer (journeysFilterKey.ts), day, next day, stage and score class
-- (p: promoter/satisfied, n: passive/neutral, d: detractor/unsatisfied). `stage` '' = none; `journey_id` is set in
-- the 'v:' scope only ('' = none), for a survey filtered or broken down by journey.
CREATE TABLE IF NOT EXISTS `survey_score_days` (
	`filter_key` text NOT NULL,
	`kind` text NOT NULL,
	`scope` text NOT NULL,
	`day` text NOT NULL,
	`next_day` text NOT NULL,
	`stage` text NOT NULL,
	`journey_id` text NOT NULL,
	`class` text NOT NULL,
	`answers` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`filter_key`, `kind`, `scope`, `day`, `next_day`, `stage`, `journey_id`, `class`)
);
--> statement-breakpoint
-- Answers per survey (the survey picker), and the newest answer's time per survey by index after a removal.
CREATE TABLE IF NOT EXISTS `survey_name_counts` (
	`survey` text NOT NULL,
	`kind` text NOT NULL,
	`answers` integer DEFAULT 0 NOT NULL,
	`last_answered_at` text NOT NULL,
	PRIMARY KEY(`survey`, `kind`)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `survey_answers_survey_time` ON `survey_answers` (`survey`,`kind`,`answered_at`);
--> statement-breakpoint
-- The answer list "with a comment" walks only commented answers.
CREATE INDEX IF NOT EXISTS `survey_answer_rows_commented` ON `survey_answer_rows` (`filter_key`,`kind`,`answered_at`) WHERE `comment` IS NOT NULL;
--> statement-breakpoint
INSERT OR IGNORE INTO `survey_answer_links` (customer_id, kind, scope, survey, day, next_day, stage, journey_id, class)
SELECT a.customer_id, a.kind, '*', a.survey, substr(a.answered_at, 1, 10), coalesce(lead(substr(a.answered_at, 1, 10)) OVER (PARTITION BY a.customer_id, a.kind ORDER BY a.answered_at, a.survey DESC), '~'), coalesce(a.stage, ''), '', CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE true
UNION ALL SELECT a.customer_id, a.kind, 'j:' || coalesce(a.journey_id, ''), a.survey, substr(a.answered_at, 1, 10), coalesce(lead(substr(a.answered_at, 1, 10)) OVER (PARTITION BY a.customer_id, a.kind, a.journey_id ORDER BY a.answered_at, a.survey DESC), '~'), coalesce(a.stage, ''), '', CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE true
UNION ALL SELECT a.customer_id, a.kind, 'v:' || a.survey, a.survey, substr(a.answered_at, 1, 10), '~', coalesce(a.stage, ''), coalesce(a.journey_id, ''), CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE true;
--> statement-breakpoint
INSERT INTO `survey_score_days` (filter_key, kind, scope, day, next_day, stage, journey_id, class, answers)
SELECT k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class, count(*)
FROM `survey_answer_links` l JOIN (SELECT DISTINCT customer_id, '*' AS filter_key FROM `survey_answer_links` UNION ALL SELECT customer_id, filter_key FROM `analytics_filter_keys`) k ON k.customer_id = l.customer_id
GROUP BY k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class;
--> statement-breakpoint
INSERT INTO `survey_name_counts` (survey, kind, answers, last_answered_at)
SELECT survey, kind, count(*), max(answered_at) FROM `survey_answers` GROUP BY survey, kind;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `survey_links_answer_added` AFTER INSERT ON `survey_answers` BEGIN
	DELETE FROM survey_answer_links WHERE (customer_id = NEW.customer_id AND kind = NEW.kind);
	INSERT INTO survey_answer_links (customer_id, kind, scope, survey, day, next_day, stage, journey_id, class)
		SELECT a.customer_id, a.kind, '*', a.survey, substr(a.answered_at, 1, 10), coalesce(lead(substr(a.answered_at, 1, 10)) OVER (PARTITION BY a.customer_id, a.kind ORDER BY a.answered_at, a.survey DESC), '~'), coalesce(a.stage, ''), '', CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = NEW.customer_id AND a.kind = NEW.kind)
		UNION ALL SELECT a.customer_id, a.kind, 'j:' || coalesce(a.journey_id, ''), a.survey, substr(a.answered_at, 1, 10), coalesce(lead(substr(a.answered_at, 1, 10)) OVER (PARTITION BY a.customer_id, a.kind, a.journey_id ORDER BY a.answered_at, a.survey DESC), '~'), coalesce(a.stage, ''), '', CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = NEW.customer_id AND a.kind = NEW.kind)
		UNION ALL SELECT a.customer_id, a.kind, 'v:' || a.survey, a.survey, substr(a.answered_at, 1, 10), '~', coalesce(a.stage, ''), coalesce(a.journey_id, ''), CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = NEW.customer_id AND a.kind = NEW.kind);
	INSERT INTO survey_name_counts (survey, kind, answers, last_answered_at) VALUES (NEW.survey, NEW.kind, 1, NEW.answered_at)
		ON CONFLICT DO UPDATE SET answers = answers + 1, last_answered_at = max(last_answered_at, excluded.last_answered_at);
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `survey_links_answer_changed` AFTER UPDATE ON `survey_answers` WHEN OLD.`customer_id` IS NOT NEW.`customer_id` OR OLD.`survey` IS NOT NEW.`survey` OR OLD.`kind` IS NOT NEW.`kind` OR OLD.`score` IS NOT NEW.`score` OR OLD.`stage` IS NOT NEW.`stage` OR OLD.`journey_id` IS NOT NEW.`journey_id` OR OLD.`answered_at` IS NOT NEW.`answered_at` BEGIN
	DELETE FROM survey_answer_links WHERE (customer_id = OLD.customer_id AND kind = OLD.kind) OR (customer_id = NEW.customer_id AND kind = NEW.kind);
	INSERT INTO survey_answer_links (customer_id, kind, scope, survey, day, next_day, stage, journey_id, class)
		SELECT a.customer_id, a.kind, '*', a.survey, substr(a.answered_at, 1, 10), coalesce(lead(substr(a.answered_at, 1, 10)) OVER (PARTITION BY a.customer_id, a.kind ORDER BY a.answered_at, a.survey DESC), '~'), coalesce(a.stage, ''), '', CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = OLD.customer_id AND a.kind = OLD.kind) OR (a.customer_id = NEW.customer_id AND a.kind = NEW.kind)
		UNION ALL SELECT a.customer_id, a.kind, 'j:' || coalesce(a.journey_id, ''), a.survey, substr(a.answered_at, 1, 10), coalesce(lead(substr(a.answered_at, 1, 10)) OVER (PARTITION BY a.customer_id, a.kind, a.journey_id ORDER BY a.answered_at, a.survey DESC), '~'), coalesce(a.stage, ''), '', CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = OLD.customer_id AND a.kind = OLD.kind) OR (a.customer_id = NEW.customer_id AND a.kind = NEW.kind)
		UNION ALL SELECT a.customer_id, a.kind, 'v:' || a.survey, a.survey, substr(a.answered_at, 1, 10), '~', coalesce(a.stage, ''), coalesce(a.journey_id, ''), CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = OLD.customer_id AND a.kind = OLD.kind) OR (a.customer_id = NEW.customer_id AND a.kind = NEW.kind);
	UPDATE survey_name_counts SET answers = answers - 1 WHERE survey = OLD.survey AND kind = OLD.kind;
	INSERT INTO survey_name_counts (survey, kind, answers, last_answered_at) VALUES (NEW.survey, NEW.kind, 1, NEW.answered_at)
		ON CONFLICT DO UPDATE SET answers = answers + 1, last_answered_at = max(last_answered_at, excluded.last_answered_at);
	DELETE FROM survey_name_counts WHERE survey = OLD.survey AND kind = OLD.kind AND answers <= 0;
	UPDATE survey_name_counts SET last_answered_at = (SELECT max(answered_at) FROM survey_answers WHERE survey = OLD.survey AND kind = OLD.kind) WHERE survey = OLD.survey AND kind = OLD.kind;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `survey_links_answer_removed` AFTER DELETE ON `survey_answers` BEGIN
	DELETE FROM survey_answer_links WHERE (customer_id = OLD.customer_id AND kind = OLD.kind);
	INSERT INTO survey_answer_links (customer_id, kind, scope, survey, day, next_day, stage, journey_id, class)
		SELECT a.customer_id, a.kind, '*', a.survey, substr(a.answered_at, 1, 10), coalesce(lead(substr(a.answered_at, 1, 10)) OVER (PARTITION BY a.customer_id, a.kind ORDER BY a.answered_at, a.survey DESC), '~'), coalesce(a.stage, ''), '', CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = OLD.customer_id AND a.kind = OLD.kind)
		UNION ALL SELECT a.customer_id, a.kind, 'j:' || coalesce(a.journey_id, ''), a.survey, substr(a.answered_at, 1, 10), coalesce(lead(substr(a.answered_at, 1, 10)) OVER (PARTITION BY a.customer_id, a.kind, a.journey_id ORDER BY a.answered_at, a.survey DESC), '~'), coalesce(a.stage, ''), '', CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = OLD.customer_id AND a.kind = OLD.kind)
		UNION ALL SELECT a.customer_id, a.kind, 'v:' || a.survey, a.survey, substr(a.answered_at, 1, 10), '~', coalesce(a.stage, ''), coalesce(a.journey_id, ''), CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = OLD.customer_id AND a.kind = OLD.kind);
	UPDATE survey_name_counts SET answers = answers - 1 WHERE survey = OLD.survey AND kind = OLD.kind;
	DELETE FROM survey_name_counts WHERE survey = OLD.survey AND kind = OLD.kind AND answers <= 0;
	UPDATE survey_name_counts SET last_answered_at = (SELECT max(answered_at) FROM survey_answers WHERE survey = OLD.survey AND kind = OLD.kind) WHERE survey = OLD.survey AND kind = OLD.kind;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `survey_score_days_link_added` AFTER INSERT ON `survey_answer_links` BEGIN
	INSERT INTO survey_score_days (filter_key, kind, scope, day, next_day, stage, journey_id, class, answers)
		SELECT k.filter_key, NEW.kind, NEW.scope, NEW.day, NEW.next_day, NEW.stage, NEW.journey_id, NEW.class, 1 FROM (SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET answers = answers + excluded.answers;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `survey_score_days_link_removed` AFTER DELETE ON `survey_answer_links` BEGIN
	INSERT INTO survey_score_days (filter_key, kind, scope, day, next_day, stage, journey_id, class, answers)
		SELECT k.filter_key, OLD.kind, OLD.scope, OLD.day, OLD.next_day, OLD.stage, OLD.journey_id, OLD.class, -1 FROM (SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = OLD.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET answers = answers + excluded.answers;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `survey_score_days_segment_entered` AFTER INSERT ON `segment_memberships` BEGIN
	INSERT INTO survey_score_days (filter_key, kind, scope, day, next_day, stage, journey_id, class, answers)
		SELECT k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class, count(*) FROM survey_answer_links l, (SELECT 's:' || NEW.segment_id AS filter_key UNION ALL SELECT 's:' || NEW.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = NEW.customer_id AND f.channel IS NOT NULL) k WHERE l.customer_id = NEW.customer_id
		GROUP BY k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class
		ON CONFLICT DO UPDATE SET answers = answers + excluded.answers;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `survey_score_days_segment_left` AFTER DELETE ON `segment_memberships` BEGIN
	INSERT INTO survey_score_days (filter_key, kind, scope, day, next_day, stage, journey_id, class, answers)
		SELECT k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class, -count(*) FROM survey_answer_links l, (SELECT 's:' || OLD.segment_id AS filter_key UNION ALL SELECT 's:' || OLD.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = OLD.customer_id AND f.channel IS NOT NULL) k WHERE l.customer_id = OLD.customer_id
		GROUP BY k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class
		ON CONFLICT DO UPDATE SET answers = answers + excluded.answers;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `survey_score_days_channel_set` AFTER INSERT ON `customer_facts` WHEN NEW.`channel` IS NOT NULL BEGIN
	INSERT INTO survey_score_days (filter_key, kind, scope, day, next_day, stage, journey_id, class, answers)
		SELECT k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class, count(*) FROM survey_answer_links l, (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) k WHERE l.customer_id = NEW.customer_id
		GROUP BY k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class
		ON CONFLICT DO UPDATE SET answers = answers + excluded.answers;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `survey_score_days_channel_moved` AFTER UPDATE OF `channel` ON `customer_facts` WHEN OLD.`channel` IS NOT NEW.`channel` BEGIN
	INSERT INTO survey_score_days (filter_key, kind, scope, day, next_day, stage, journey_id, class, answers)
		SELECT k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class, -count(*) FROM survey_answer_links l, (SELECT filter_key FROM (SELECT 'c:' || OLD.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || OLD.channel FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) WHERE OLD.channel IS NOT NULL) k WHERE l.customer_id = OLD.customer_id
		GROUP BY k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class
		ON CONFLICT DO UPDATE SET answers = answers + excluded.answers;
	INSERT INTO survey_score_days (filter_key, kind, scope, day, next_day, stage, journey_id, class, answers)
		SELECT k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class, count(*) FROM survey_answer_links l, (SELECT filter_key FROM (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) WHERE NEW.channel IS NOT NULL) k WHERE l.customer_id = NEW.customer_id
		GROUP BY k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class
		ON CONFLICT DO UPDATE SET answers = answers + excluded.answers;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `survey_score_days_facts_removed` AFTER DELETE ON `customer_facts` WHEN OLD.`channel` IS NOT NULL BEGIN
	INSERT INTO survey_score_days (filter_key, kind, scope, day, next_day, stage, journey_id, class, answers)
		SELECT k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class, -count(*) FROM survey_answer_links l, (SELECT 'c:' || OLD.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || OLD.channel FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) k WHERE l.customer_id = OLD.customer_id
		GROUP BY k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class
		ON CONFLICT DO UPDATE SET answers = answers + excluded.answers;
END;
