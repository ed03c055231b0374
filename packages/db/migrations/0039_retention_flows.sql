-- Customer retention and churn per period at any scale (CRR = (E − N) ÷ S, churn = churned ÷ S): how each customer's
-- membership of the configured customer stages changed in each day, week and month, and whether they churned in it,
-- kept per customer (retention_customer_periods) and summed per filter scope (retention_scope_periods; a scope is
-- (segment_id, channel), '' = any, as in 0028/0029). S at a period's start is the sum of all earlier flows; E = S + joined
-- − departed; N = joined; E − N = S − departed. Triggers keep both current whichever side changes: a stage change
-- (also backfilled, in the past), an inactivity churn, a membership, a first-touch channel. The configured stage roles
-- are copied into retention_stage_roles; changing them in settings rebuilds everything (retentionFlows.ts).
CREATE TABLE IF NOT EXISTS `retention_stage_roles` (
	`stage` text PRIMARY KEY NOT NULL,
	`customer` integer NOT NULL,
	`churn` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `retention_customer_periods` (
	`customer_id` text NOT NULL,
	`interval` text NOT NULL,
	`period` text NOT NULL,
	`flow` integer NOT NULL,
	`stage_churn` integer NOT NULL,
	`inactive_day` text NOT NULL,
	PRIMARY KEY (`customer_id`, `interval`, `period`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `retention_scope_periods` (
	`segment_id` text NOT NULL,
	`channel` text NOT NULL,
	`interval` text NOT NULL,
	`period` text NOT NULL,
	`inactive_day` text NOT NULL,
	`joined` integer NOT NULL,
	`departed` integer NOT NULL,
	`stage_churned` integer NOT NULL,
	`customers` integer NOT NULL,
	PRIMARY KEY (`segment_id`, `channel`, `interval`, `period`, `inactive_day`)
) WITHOUT ROWID;
--> statement-breakpoint
-- A row here stops the per-row triggers while a rebuild recomputes everything set-based.
CREATE TABLE IF NOT EXISTS `retention_flows_paused` (`id` integer PRIMARY KEY NOT NULL);
--> statement-breakpoint
-- Backfill from the rows already stored (set-based), before the triggers exist.
INSERT INTO retention_stage_roles (stage, customer, churn)
	SELECT value, 1, 0 FROM json_each(coalesce((SELECT json_extract(config, '$.customerStages') FROM analytics_settings WHERE id = 'default'), '["retention","advocacy","at_risk"]')) WHERE true
	ON CONFLICT DO UPDATE SET customer = 1;
--> statement-breakpoint
INSERT INTO retention_stage_roles (stage, customer, churn)
	SELECT value, 0, 1 FROM json_each(coalesce((SELECT json_extract(config, '$.churnStages') FROM analytics_settings WHERE id = 'default'), '["churned"]')) WHERE true
	ON CONFLICT DO UPDATE SET churn = 1;
--> statement-breakpoint
INSERT INTO retention_customer_periods (customer_id, interval, period, flow, stage_churn, inactive_day)
	SELECT customer_id, interval, period, mb - ma, stage_churn, inactive_day FROM (
		SELECT k.customer_id, k.interval, k.period, k.ma, k.mb,
			k.ma AND EXISTS (SELECT 1 FROM stage_history h WHERE h.customer_id = k.customer_id AND h.at >= k.period || 'T00:00:00.000Z' AND h.at < k.next || 'T00:00:00.000Z'
				AND h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1) AND (h.from_stage IS NULL OR h.from_stage NOT IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1))) AS stage_churn,
			CASE WHEN k.ma THEN coalesce((SELECT min(x.churn_day) FROM customer_inactivity_churns x WHERE x.customer_id = k.customer_id AND x.churn_day >= k.period AND x.churn_day < k.next), '') ELSE '' END AS inactive_day
		FROM (SELECT c.customer_id, c.interval, c.period, c.next, coalesce((SELECT h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1) FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.period || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS ma, coalesce((SELECT h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1) FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.next || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS mb
			FROM (SELECT DISTINCT customer_id, interval, period, CASE interval WHEN 'day' THEN date(period, '+1 day') WHEN 'week' THEN date(period, '+7 days') ELSE date(period, '+1 month') END AS next FROM (SELECT s.customer_id, i.interval, CASE i.interval WHEN 'day' THEN date(s.day) WHEN 'week' THEN date(s.day, '-6 days', 'weekday 1') ELSE date(s.day, 'start of month') END AS period FROM (SELECT 'day' AS interval UNION ALL SELECT 'week' UNION ALL SELECT 'month') i,
		(SELECT DISTINCT customer_id, date(at) AS day FROM stage_history UNION SELECT customer_id, churn_day FROM customer_inactivity_churns) s)) c) k)
	WHERE mb <> ma OR stage_churn OR inactive_day <> '';
--> statement-breakpoint
INSERT INTO retention_scope_periods (segment_id, channel, interval, period, inactive_day, joined, departed, stage_churned, customers)
	SELECT s.segment_id, s.channel, p.interval, p.period, p.inactive_day, sum(p.flow = 1), sum(p.flow = -1), sum(p.stage_churn), count(*)
	FROM retention_customer_periods p JOIN (SELECT customer_id, segment_id, channel FROM stage_customer_keys) s ON s.customer_id = p.customer_id
	GROUP BY 1, 2, 3, 4, 5
	UNION ALL SELECT '', '', interval, period, inactive_day, sum(flow = 1), sum(flow = -1), sum(stage_churn), count(*) FROM retention_customer_periods GROUP BY 3, 4, 5;
--> statement-breakpoint
-- A customer's flow row added or removed: counted in each of their scopes.
CREATE TRIGGER IF NOT EXISTS `retention_flows_added` AFTER INSERT ON `retention_customer_periods` WHEN NOT EXISTS (SELECT 1 FROM retention_flows_paused) BEGIN
	INSERT INTO retention_scope_periods (segment_id, channel, interval, period, inactive_day, joined, departed, stage_churned, customers)
	SELECT s.segment_id, c.channel, NEW.interval, NEW.period, NEW.inactive_day, 1 * (NEW.flow = 1), 1 * (NEW.flow = -1), 1 * NEW.stage_churn, 1 FROM (SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = NEW.customer_id) s, (SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = NEW.customer_id AND channel IS NOT NULL) c WHERE true
	ON CONFLICT DO UPDATE SET joined = joined + excluded.joined, departed = departed + excluded.departed, stage_churned = stage_churned + excluded.stage_churned, customers = customers + excluded.customers;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `retention_flows_removed` AFTER DELETE ON `retention_customer_periods` WHEN NOT EXISTS (SELECT 1 FROM retention_flows_paused) BEGIN
	INSERT INTO retention_scope_periods (segment_id, channel, interval, period, inactive_day, joined, departed, stage_churned, customers)
	SELECT s.segment_id, c.channel, OLD.interval, OLD.period, OLD.inactive_day, -1 * (OLD.flow = 1), -1 * (OLD.flow = -1), -1 * OLD.stage_churn, -1 FROM (SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id) s, (SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = OLD.customer_id AND channel IS NOT NULL) c WHERE true
	ON CONFLICT DO UPDATE SET joined = joined + excluded.joined, departed = departed + excluded.departed, stage_churned = stage_churned + excluded.stage_churned, customers = customers + excluded.customers;
END;
--> statement-breakpoint
-- A stage change (live or backfilled): the customer's periods around it recomputed.
CREATE TRIGGER IF NOT EXISTS `retention_flows_stage_added` AFTER INSERT ON `stage_history` WHEN NOT EXISTS (SELECT 1 FROM retention_flows_paused) BEGIN
	DELETE FROM retention_customer_periods WHERE customer_id = NEW.customer_id AND (interval, period) IN (SELECT interval, period FROM (SELECT i.interval, CASE i.interval WHEN 'day' THEN date(d.day) WHEN 'week' THEN date(d.day, '-6 days', 'weekday 1') ELSE date(d.day, 'start of month') END AS period FROM (SELECT 'day' AS interval UNION ALL SELECT 'week' UNION ALL SELECT 'month') i, (
		SELECT date(NEW.at) AS day
		UNION SELECT date(min(h.at)) FROM stage_history h WHERE h.customer_id = NEW.customer_id AND h.at > NEW.at
		UNION SELECT x.churn_day FROM customer_inactivity_churns x WHERE x.customer_id = NEW.customer_id AND x.churn_day >= date(NEW.at)) d
	WHERE d.day IS NOT NULL));
	INSERT INTO retention_customer_periods (customer_id, interval, period, flow, stage_churn, inactive_day)
	SELECT customer_id, interval, period, mb - ma, stage_churn, inactive_day FROM (
		SELECT k.customer_id, k.interval, k.period, k.ma, k.mb,
			k.ma AND EXISTS (SELECT 1 FROM stage_history h WHERE h.customer_id = k.customer_id AND h.at >= k.period || 'T00:00:00.000Z' AND h.at < k.next || 'T00:00:00.000Z'
				AND h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1) AND (h.from_stage IS NULL OR h.from_stage NOT IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1))) AS stage_churn,
			CASE WHEN k.ma THEN coalesce((SELECT min(x.churn_day) FROM customer_inactivity_churns x WHERE x.customer_id = k.customer_id AND x.churn_day >= k.period AND x.churn_day < k.next), '') ELSE '' END AS inactive_day
		FROM (SELECT c.customer_id, c.interval, c.period, c.next, coalesce((SELECT h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1) FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.period || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS ma, coalesce((SELECT h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1) FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.next || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS mb
			FROM (SELECT DISTINCT customer_id, interval, period, CASE interval WHEN 'day' THEN date(period, '+1 day') WHEN 'week' THEN date(period, '+7 days') ELSE date(period, '+1 month') END AS next FROM (SELECT NEW.customer_id AS customer_id, interval, period FROM (SELECT i.interval, CASE i.interval WHEN 'day' THEN date(d.day) WHEN 'week' THEN date(d.day, '-6 days', 'weekday 1') ELSE date(d.day, 'start of month') END AS period FROM (SELECT 'day' AS interval UNION ALL SELECT 'week' UNION ALL SELECT 'month') i, (
		SELECT date(NEW.at) AS day
		UNION SELECT date(min(h.at)) FROM stage_history h WHERE h.customer_id = NEW.customer_id AND h.at > NEW.at
		UNION SELECT x.churn_day FROM customer_inactivity_churns x WHERE x.customer_id = NEW.customer_id AND x.churn_day >= date(NEW.at)) d
	WHERE d.day IS NOT NULL))) c) k)
	WHERE mb <> ma OR stage_churn OR inactive_day <> '';
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `retention_flows_stage_removed` AFTER DELETE ON `stage_history` WHEN NOT EXISTS (SELECT 1 FROM retention_flows_paused) BEGIN
	DELETE FROM retention_customer_periods WHERE customer_id = OLD.customer_id AND (interval, period) IN (SELECT interval, period FROM (SELECT i.interval, CASE i.interval WHEN 'day' THEN date(d.day) WHEN 'week' THEN date(d.day, '-6 days', 'weekday 1') ELSE date(d.day, 'start of month') END AS period FROM (SELECT 'day' AS interval UNION ALL SELECT 'week' UNION ALL SELECT 'month') i, (
		SELECT date(OLD.at) AS day
		UNION SELECT date(min(h.at)) FROM stage_history h WHERE h.customer_id = OLD.customer_id AND h.at > OLD.at
		UNION SELECT x.churn_day FROM customer_inactivity_churns x WHERE x.customer_id = OLD.customer_id AND x.churn_day >= date(OLD.at)) d
	WHERE d.day IS NOT NULL));
	INSERT INTO retention_customer_periods (customer_id, interval, period, flow, stage_churn, inactive_day)
	SELECT customer_id, interval, period, mb - ma, stage_churn, inactive_day FROM (
		SELECT k.customer_id, k.interval, k.period, k.ma, k.mb,
			k.ma AND EXISTS (SELECT 1 FROM stage_history h WHERE h.customer_id = k.customer_id AND h.at >= k.period || 'T00:00:00.000Z' AND h.at < k.next || 'T00:00:00.000Z'
				AND h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1) AND (h.from_stage IS NULL OR h.from_stage NOT IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1))) AS stage_churn,
			CASE WHEN k.ma THEN coalesce((SELECT min(x.churn_day) FROM customer_inactivity_churns x WHERE x.customer_id = k.customer_id AND x.churn_day >= k.period AND x.churn_day < k.next), '') ELSE '' END AS inactive_day
		FROM (SELECT c.customer_id, c.interval, c.period, c.next, coalesce((SELECT h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1) FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.period || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS ma, coalesce((SELECT h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1) FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.next || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS mb
			FROM (SELECT DISTINCT customer_id, interval, period, CASE interval WHEN 'day' THEN date(period, '+1 day') WHEN 'week' THEN date(period, '+7 days') ELSE date(period, '+1 month') END AS next FROM (SELECT OLD.customer_id AS customer_id, interval, period FROM (SELECT i.interval, CASE i.interval WHEN 'day' THEN date(d.day) WHEN 'week' THEN date(d.day, '-6 days', 'weekday 1') ELSE date(d.day, 'start of month') END AS period FROM (SELECT 'day' AS interval UNION ALL SELECT 'week' UNION ALL SELECT 'month') i, (
		SELECT date(OLD.at) AS day
		UNION SELECT date(min(h.at)) FROM stage_history h WHERE h.customer_id = OLD.customer_id AND h.at > OLD.at
		UNION SELECT x.churn_day FROM customer_inactivity_churns x WHERE x.customer_id = OLD.customer_id AND x.churn_day >= date(OLD.at)) d
	WHERE d.day IS NOT NULL))) c) k)
	WHERE mb <> ma OR stage_churn OR inactive_day <> '';
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `retention_flows_stage_changed` AFTER UPDATE OF `customer_id`, `at`, `from_stage`, `to_stage` ON `stage_history`
WHEN (OLD.`customer_id` IS NOT NEW.`customer_id` OR OLD.`at` IS NOT NEW.`at` OR OLD.`from_stage` IS NOT NEW.`from_stage` OR OLD.`to_stage` IS NOT NEW.`to_stage`)
	AND NOT EXISTS (SELECT 1 FROM retention_flows_paused) BEGIN
	DELETE FROM retention_customer_periods WHERE customer_id = OLD.customer_id AND (interval, period) IN (SELECT interval, period FROM (SELECT i.interval, CASE i.interval WHEN 'day' THEN date(d.day) WHEN 'week' THEN date(d.day, '-6 days', 'weekday 1') ELSE date(d.day, 'start of month') END AS period FROM (SELECT 'day' AS interval UNION ALL SELECT 'week' UNION ALL SELECT 'month') i, (
		SELECT date(OLD.at) AS day
		UNION SELECT date(min(h.at)) FROM stage_history h WHERE h.customer_id = OLD.customer_id AND h.at > OLD.at
		UNION SELECT x.churn_day FROM customer_inactivity_churns x WHERE x.customer_id = OLD.customer_id AND x.churn_day >= date(OLD.at)) d
	WHERE d.day IS NOT NULL));
	INSERT INTO retention_customer_periods (customer_id, interval, period, flow, stage_churn, inactive_day)
	SELECT customer_id, interval, period, mb - ma, stage_churn, inactive_day FROM (
		SELECT k.customer_id, k.interval, k.period, k.ma, k.mb,
			k.ma AND EXISTS (SELECT 1 FROM stage_history h WHERE h.customer_id = k.customer_id AND h.at >= k.period || 'T00:00:00.000Z' AND h.at < k.next || 'T00:00:00.000Z'
				AND h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1) AND (h.from_stage IS NULL OR h.from_stage NOT IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1))) AS stage_churn,
			CASE WHEN k.ma THEN coalesce((SELECT min(x.churn_day) FROM customer_inactivity_churns x WHERE x.customer_id = k.customer_id AND x.churn_day >= k.period AND x.churn_day < k.next), '') ELSE '' END AS inactive_day
		FROM (SELECT c.customer_id, c.interval, c.period, c.next, coalesce((SELECT h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1) FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.period || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS ma, coalesce((SELECT h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1) FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.next || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS mb
			FROM (SELECT DISTINCT customer_id, interval, period, CASE interval WHEN 'day' THEN date(period, '+1 day') WHEN 'week' THEN date(period, '+7 days') ELSE date(period, '+1 month') END AS next FROM (SELECT OLD.customer_id AS customer_id, interval, period FROM (SELECT i.interval, CASE i.interval WHEN 'day' THEN date(d.day) WHEN 'week' THEN date(d.day, '-6 days', 'weekday 1') ELSE date(d.day, 'start of month') END AS period FROM (SELECT 'day' AS interval UNION ALL SELECT 'week' UNION ALL SELECT 'month') i, (
		SELECT date(OLD.at) AS day
		UNION SELECT date(min(h.at)) FROM stage_history h WHERE h.customer_id = OLD.customer_id AND h.at > OLD.at
		UNION SELECT x.churn_day FROM customer_inactivity_churns x WHERE x.customer_id = OLD.customer_id AND x.churn_day >= date(OLD.at)) d
	WHERE d.day IS NOT NULL))) c) k)
	WHERE mb <> ma OR stage_churn OR inactive_day <> '';
	DELETE FROM retention_customer_periods WHERE customer_id = NEW.customer_id AND (interval, period) IN (SELECT interval, period FROM (SELECT i.interval, CASE i.interval WHEN 'day' THEN date(d.day) WHEN 'week' THEN date(d.day, '-6 days', 'weekday 1') ELSE date(d.day, 'start of month') END AS period FROM (SELECT 'day' AS interval UNION ALL SELECT 'week' UNION ALL SELECT 'month') i, (
		SELECT date(NEW.at) AS day
		UNION SELECT date(min(h.at)) FROM stage_history h WHERE h.customer_id = NEW.customer_id AND h.at > NEW.at
		UNION SELECT x.churn_day FROM customer_inactivity_churns x WHERE x.customer_id = NEW.customer_id AND x.churn_day >= date(NEW.at)) d
	WHERE d.day IS NOT NULL));
	INSERT INTO retention_customer_periods (customer_id, interval, period, flow, stage_churn, inactive_day)
	SELECT customer_id, interval, period, mb - ma, stage_churn, inactive_day FROM (
		SELECT k.customer_id, k.interval, k.period, k.ma, k.mb,
			k.ma AND EXISTS (SELECT 1 FROM stage_history h WHERE h.customer_id = k.customer_id AND h.at >= k.period || 'T00:00:00.000Z' AND h.at < k.next || 'T00:00:00.000Z'
				AND h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1) AND (h.from_stage IS NULL OR h.from_stage NOT IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1))) AS stage_churn,
			CASE WHEN k.ma THEN coalesce((SELECT min(x.churn_day) FROM customer_inactivity_churns x WHERE x.customer_id = k.customer_id AND x.churn_day >= k.period AND x.churn_day < k.next), '') ELSE '' END AS inactive_day
		FROM (SELECT c.customer_id, c.interval, c.period, c.next, coalesce((SELECT h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1) FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.period || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS ma, coalesce((SELECT h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1) FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.next || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS mb
			FROM (SELECT DISTINCT customer_id, interval, period, CASE interval WHEN 'day' THEN date(period, '+1 day') WHEN 'week' THEN date(period, '+7 days') ELSE date(period, '+1 month') END AS next FROM (SELECT NEW.customer_id AS customer_id, interval, period FROM (SELECT i.interval, CASE i.interval WHEN 'day' THEN date(d.day) WHEN 'week' THEN date(d.day, '-6 days', 'weekday 1') ELSE date(d.day, 'start of month') END AS period FROM (SELECT 'day' AS interval UNION ALL SELECT 'week' UNION ALL SELECT 'month') i, (
		SELECT date(NEW.at) AS day
		UNION SELECT date(min(h.at)) FROM stage_history h WHERE h.customer_id = NEW.customer_id AND h.at > NEW.at
		UNION SELECT x.churn_day FROM customer_inactivity_churns x WHERE x.customer_id = NEW.customer_id AND x.churn_day >= date(NEW.at)) d
	WHERE d.day IS NOT NULL))) c) k)
	WHERE mb <> ma OR stage_churn OR inactive_day <> '';
END;
--> statement-breakpoint
-- An inactivity churn added or removed: the periods holding its day recomputed.
CREATE TRIGGER IF NOT EXISTS `retention_flows_inactivity_added` AFTER INSERT ON `customer_inactivity_churns` WHEN NOT EXISTS (SELECT 1 FROM retention_flows_paused) BEGIN
	DELETE FROM retention_customer_periods WHERE customer_id = NEW.customer_id AND (interval, period) IN (SELECT interval, period FROM (SELECT i.interval, CASE i.interval WHEN 'day' THEN date(NEW.churn_day) WHEN 'week' THEN date(NEW.churn_day, '-6 days', 'weekday 1') ELSE date(NEW.churn_day, 'start of month') END AS period FROM (SELECT 'day' AS interval UNION ALL SELECT 'week' UNION ALL SELECT 'month') i));
	INSERT INTO retention_customer_periods (customer_id, interval, period, flow, stage_churn, inactive_day)
	SELECT customer_id, interval, period, mb - ma, stage_churn, inactive_day FROM (
		SELECT k.customer_id, k.interval, k.period, k.ma, k.mb,
			k.ma AND EXISTS (SELECT 1 FROM stage_history h WHERE h.customer_id = k.customer_id AND h.at >= k.period || 'T00:00:00.000Z' AND h.at < k.next || 'T00:00:00.000Z'
				AND h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1) AND (h.from_stage IS NULL OR h.from_stage NOT IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1))) AS stage_churn,
			CASE WHEN k.ma THEN coalesce((SELECT min(x.churn_day) FROM customer_inactivity_churns x WHERE x.customer_id = k.customer_id AND x.churn_day >= k.period AND x.churn_day < k.next), '') ELSE '' END AS inactive_day
		FROM (SELECT c.customer_id, c.interval, c.period, c.next, coalesce((SELECT h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1) FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.period || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS ma, coalesce((SELECT h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1) FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.next || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS mb
			FROM (SELECT DISTINCT customer_id, interval, period, CASE interval WHEN 'day' THEN date(period, '+1 day') WHEN 'week' THEN date(period, '+7 days') ELSE date(period, '+1 month') END AS next FROM (SELECT NEW.customer_id AS customer_id, interval, period FROM (SELECT i.interval, CASE i.interval WHEN 'day' THEN date(NEW.churn_day) WHEN 'week' THEN date(NEW.churn_day, '-6 days', 'weekday 1') ELSE date(NEW.churn_day, 'start of month') END AS period FROM (SELECT 'day' AS interval UNION ALL SELECT 'week' UNION ALL SELECT 'month') i))) c) k)
	WHERE mb <> ma OR stage_churn OR inactive_day <> '';
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `retention_flows_inactivity_removed` AFTER DELETE ON `customer_inactivity_churns` WHEN NOT EXISTS (SELECT 1 FROM retention_flows_paused) BEGIN
	DELETE FROM retention_customer_periods WHERE customer_id = OLD.customer_id AND (interval, period) IN (SELECT interval, period FROM (SELECT i.interval, CASE i.interval WHEN 'day' THEN date(OLD.churn_day) WHEN 'week' THEN date(OLD.churn_day, '-6 days', 'weekday 1') ELSE date(OLD.churn_day, 'start of month') END AS period FROM (SELECT 'day' AS interval UNION ALL SELECT 'week' UNION ALL SELECT 'month') i));
	INSERT INTO retention_customer_periods (customer_id, interval, period, flow, stage_churn, inactive_day)
	SELECT customer_id, interval, period, mb - ma, stage_churn, inactive_day FROM (
		SELECT k.customer_id, k.interval, k.period, k.ma, k.mb,
			k.ma AND EXISTS (SELECT 1 FROM stage_history h WHERE h.customer_id = k.customer_id AND h.at >= k.period || 'T00:00:00.000Z' AND h.at < k.next || 'T00:00:00.000Z'
				AND h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1) AND (h.from_stage IS NULL OR h.from_stage NOT IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1))) AS stage_churn,
			CASE WHEN k.ma THEN coalesce((SELECT min(x.churn_day) FROM customer_inactivity_churns x WHERE x.customer_id = k.customer_id AND x.churn_day >= k.period AND x.churn_day < k.next), '') ELSE '' END AS inactive_day
		FROM (SELECT c.customer_id, c.interval, c.period, c.next, coalesce((SELECT h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1) FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.period || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS ma, coalesce((SELECT h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1) FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.next || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS mb
			FROM (SELECT DISTINCT customer_id, interval, period, CASE interval WHEN 'day' THEN date(period, '+1 day') WHEN 'week' THEN date(period, '+7 days') ELSE date(period, '+1 month') END AS next FROM (SELECT OLD.customer_id AS customer_id, interval, period FROM (SELECT i.interval, CASE i.interval WHEN 'day' THEN date(OLD.churn_day) WHEN 'week' THEN date(OLD.churn_day, '-6 days', 'weekday 1') ELSE date(OLD.churn_day, 'start of month') END AS period FROM (SELECT 'day' AS interval UNION ALL SELECT 'week' UNION ALL SELECT 'month') i))) c) k)
	WHERE mb <> ma OR stage_churn OR inactive_day <> '';
END;
--> statement-breakpoint
-- A membership added or removed: the customer's rows move into or out of the segment's scopes.
CREATE TRIGGER IF NOT EXISTS `retention_flows_member_added` AFTER INSERT ON `segment_memberships` BEGIN
	INSERT INTO retention_scope_periods (segment_id, channel, interval, period, inactive_day, joined, departed, stage_churned, customers)
	SELECT s.segment_id, c.channel, p.interval, p.period, p.inactive_day, 1 * (p.flow = 1), 1 * (p.flow = -1), 1 * p.stage_churn, 1 FROM retention_customer_periods p, (SELECT NEW.segment_id AS segment_id) s, (SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = NEW.customer_id AND channel IS NOT NULL) c WHERE p.customer_id = NEW.customer_id
	ON CONFLICT DO UPDATE SET joined = joined + excluded.joined, departed = departed + excluded.departed, stage_churned = stage_churned + excluded.stage_churned, customers = customers + excluded.customers;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `retention_flows_member_removed` AFTER DELETE ON `segment_memberships` BEGIN
	INSERT INTO retention_scope_periods (segment_id, channel, interval, period, inactive_day, joined, departed, stage_churned, customers)
	SELECT s.segment_id, c.channel, p.interval, p.period, p.inactive_day, -1 * (p.flow = 1), -1 * (p.flow = -1), -1 * p.stage_churn, -1 FROM retention_customer_periods p, (SELECT OLD.segment_id AS segment_id) s, (SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = OLD.customer_id AND channel IS NOT NULL) c WHERE p.customer_id = OLD.customer_id
	ON CONFLICT DO UPDATE SET joined = joined + excluded.joined, departed = departed + excluded.departed, stage_churned = stage_churned + excluded.stage_churned, customers = customers + excluded.customers;
END;
--> statement-breakpoint
-- The first-touch channel found, changed or forgotten: the customer's rows move between channel scopes.
CREATE TRIGGER IF NOT EXISTS `retention_flows_facts_added` AFTER INSERT ON `customer_facts` WHEN NEW.`channel` IS NOT NULL BEGIN
	INSERT INTO retention_scope_periods (segment_id, channel, interval, period, inactive_day, joined, departed, stage_churned, customers)
	SELECT s.segment_id, c.channel, p.interval, p.period, p.inactive_day, 1 * (p.flow = 1), 1 * (p.flow = -1), 1 * p.stage_churn, 1 FROM retention_customer_periods p, (SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = NEW.customer_id) s, (SELECT NEW.channel AS channel) c WHERE p.customer_id = NEW.customer_id
	ON CONFLICT DO UPDATE SET joined = joined + excluded.joined, departed = departed + excluded.departed, stage_churned = stage_churned + excluded.stage_churned, customers = customers + excluded.customers;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `retention_flows_facts_removed` AFTER DELETE ON `customer_facts` WHEN OLD.`channel` IS NOT NULL BEGIN
	INSERT INTO retention_scope_periods (segment_id, channel, interval, period, inactive_day, joined, departed, stage_churned, customers)
	SELECT s.segment_id, c.channel, p.interval, p.period, p.inactive_day, -1 * (p.flow = 1), -1 * (p.flow = -1), -1 * p.stage_churn, -1 FROM retention_customer_periods p, (SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id) s, (SELECT OLD.channel AS channel) c WHERE p.customer_id = OLD.customer_id
	ON CONFLICT DO UPDATE SET joined = joined + excluded.joined, departed = departed + excluded.departed, stage_churned = stage_churned + excluded.stage_churned, customers = customers + excluded.customers;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `retention_flows_facts_changed` AFTER UPDATE OF `channel` ON `customer_facts` WHEN OLD.`channel` IS NOT NEW.`channel` BEGIN
	INSERT INTO retention_scope_periods (segment_id, channel, interval, period, inactive_day, joined, departed, stage_churned, customers)
	SELECT s.segment_id, c.channel, p.interval, p.period, p.inactive_day, -1 * (p.flow = 1), -1 * (p.flow = -1), -1 * p.stage_churn, -1 FROM retention_customer_periods p, (SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id) s, (SELECT OLD.channel AS channel WHERE OLD.channel IS NOT NULL) c WHERE p.customer_id = OLD.customer_id
	ON CONFLICT DO UPDATE SET joined = joined + excluded.joined, departed = departed + excluded.departed, stage_churned = stage_churned + excluded.stage_churned, customers = customers + excluded.customers;
	INSERT INTO retention_scope_periods (segment_id, channel, interval, period, inactive_day, joined, departed, stage_churned, customers)
	SELECT s.segment_id, c.channel, p.interval, p.period, p.inactive_day, 1 * (p.flow = 1), 1 * (p.flow = -1), 1 * p.stage_churn, 1 FROM retention_customer_periods p, (SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = NEW.customer_id) s, (SELECT NEW.channel AS channel WHERE NEW.channel IS NOT NULL) c WHERE p.customer_id = NEW.customer_id
	ON CONFLICT DO UPDATE SET joined = joined + excluded.joined, departed = departed + excluded.departed, stage_churned = stage_churned + excluded.stage_churned, customers = customers + excluded.customers;
END;
