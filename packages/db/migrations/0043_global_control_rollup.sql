-- The global control comparison without a per-customer pass per request. Per filter key (migration 0030's keys: '*',
-- 'c:<channel>', 's:<segment>', 's:<segment>|c:<channel>') and group (in_control), three small tables hold what the
-- comparison needs for any whole-day range [a, b):
-- * customers per first-seen day: the customers compared are those first seen before b;
-- * revenue cells (day, prev_day): customers paid on `day` whose previous revenue day was `prev_day` ('' for none), and
--   that day's revenue. Revenue in the range sums the cells with a ≤ day < b; the customers who converted in it are
--   the cells with a ≤ day < b and prev_day < a (each such customer has exactly one: their first revenue day in it);
-- * revenue products (day ≤ later_day): Σ over customers of revenue(day) × revenue(later_day). A customer's revenue in
--   the range squared is Σ over their day pairs in it, so Σ R² = Σ of the cells with a ≤ day ≤ later_day < b, the
--   diagonal once and the rest twice (the per-customer variance of the revenue comparison).
-- A customer counts once assigned (global_control) and first seen (customer_facts), as the direct query joins both.
-- Triggers keep the tables current when revenue is recorded or removed, on assignment, and when a customer's keys
-- move (segment entered or left, first-touch channel set or moved, first seen moved back, customer forgotten).
CREATE INDEX IF NOT EXISTS `customer_revenue_days_customer` ON `customer_revenue_days` (`customer_id`, `day`, `revenue`);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `global_control_first_seen` (
	`filter_key` text NOT NULL,
	`in_control` integer NOT NULL,
	`day` text NOT NULL,
	`customers` integer NOT NULL,
	PRIMARY KEY (`filter_key`, `in_control`, `day`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `global_control_revenue_cells` (
	`filter_key` text NOT NULL,
	`in_control` integer NOT NULL,
	`day` text NOT NULL,
	`prev_day` text NOT NULL,
	`customers` integer NOT NULL,
	`revenue` real NOT NULL,
	PRIMARY KEY (`filter_key`, `in_control`, `day`, `prev_day`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `global_control_revenue_products` (
	`filter_key` text NOT NULL,
	`in_control` integer NOT NULL,
	`day` text NOT NULL,
	`later_day` text NOT NULL,
	`product` real NOT NULL,
	PRIMARY KEY (`filter_key`, `in_control`, `day`, `later_day`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Customers assigned per group, all time (the share actually held out), so the page need not count a million rows.
CREATE TABLE IF NOT EXISTS `global_control_groups` (
	`in_control` integer PRIMARY KEY NOT NULL,
	`customers` integer NOT NULL
);
--> statement-breakpoint
INSERT OR IGNORE INTO `global_control_groups` (`in_control`, `customers`) SELECT `in_control`, count(*) FROM `global_control` GROUP BY `in_control`;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `global_control_groups_assigned` AFTER INSERT ON `global_control` BEGIN
	INSERT INTO global_control_groups (in_control, customers) VALUES (NEW.in_control, 1) ON CONFLICT DO UPDATE SET customers = customers + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `global_control_groups_unassigned` AFTER DELETE ON `global_control` BEGIN
	UPDATE global_control_groups SET customers = customers - 1 WHERE in_control = OLD.in_control;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `global_control_groups_regrouped` AFTER UPDATE OF `in_control` ON `global_control` WHEN OLD.`in_control` IS NOT NEW.`in_control` BEGIN
	UPDATE global_control_groups SET customers = customers - 1 WHERE in_control = OLD.in_control;
	INSERT INTO global_control_groups (in_control, customers) VALUES (NEW.in_control, 1) ON CONFLICT DO UPDATE SET customers = customers + 1;
END;
--> statement-breakpoint
-- Backfill from the rows already stored (set-based: each assigned, first-seen customer's keys joined once).
INSERT OR IGNORE INTO `global_control_first_seen` (`filter_key`, `in_control`, `day`, `customers`)
SELECT s.`filter_key`, g.`in_control`, substr(f.`first_seen_at`, 1, 10), count(*)
FROM `global_control` g JOIN `customer_facts` f ON f.`customer_id` = g.`customer_id`
JOIN (SELECT `customer_id`, '*' AS `filter_key` FROM `customer_facts` UNION ALL SELECT `customer_id`, `filter_key` FROM `analytics_filter_keys`) s ON s.`customer_id` = g.`customer_id`
GROUP BY s.`filter_key`, g.`in_control`, substr(f.`first_seen_at`, 1, 10);
--> statement-breakpoint
INSERT OR IGNORE INTO `global_control_revenue_cells` (`filter_key`, `in_control`, `day`, `prev_day`, `customers`, `revenue`)
SELECT s.`filter_key`, g.`in_control`, p.`day`, p.`prev_day`, count(*), sum(p.`revenue`)
FROM (SELECT `customer_id`, `day`, `revenue`, coalesce(lag(`day`) OVER (PARTITION BY `customer_id` ORDER BY `day`), '') AS `prev_day` FROM `customer_revenue_days`) p
JOIN `global_control` g ON g.`customer_id` = p.`customer_id` JOIN `customer_facts` f ON f.`customer_id` = p.`customer_id`
JOIN (SELECT `customer_id`, '*' AS `filter_key` FROM `customer_facts` UNION ALL SELECT `customer_id`, `filter_key` FROM `analytics_filter_keys`) s ON s.`customer_id` = p.`customer_id`
GROUP BY s.`filter_key`, g.`in_control`, p.`day`, p.`prev_day`;
--> statement-breakpoint
INSERT OR IGNORE INTO `global_control_revenue_products` (`filter_key`, `in_control`, `day`, `later_day`, `product`)
SELECT s.`filter_key`, g.`in_control`, a.`day`, b.`day`, sum(a.`revenue` * b.`revenue`)
FROM `customer_revenue_days` a JOIN `customer_revenue_days` b ON b.`customer_id` = a.`customer_id` AND b.`day` >= a.`day`
JOIN `global_control` g ON g.`customer_id` = a.`customer_id` JOIN `customer_facts` f ON f.`customer_id` = a.`customer_id`
JOIN (SELECT `customer_id`, '*' AS `filter_key` FROM `customer_facts` UNION ALL SELECT `customer_id`, `filter_key` FROM `analytics_filter_keys`) s ON s.`customer_id` = a.`customer_id`
GROUP BY s.`filter_key`, g.`in_control`, a.`day`, b.`day`;
--> statement-breakpoint
-- A revenue day added: its cell (after the previous day), the next day now after it, its products with every other day.
CREATE TRIGGER IF NOT EXISTS `global_control_revenue_day_added` AFTER INSERT ON `customer_revenue_days` BEGIN
	INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, x.day, x.prev_day, x.customers, x.revenue FROM (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE g.customer_id = NEW.customer_id) k,
			(SELECT NEW.day AS day, coalesce((SELECT max(day) FROM customer_revenue_days WHERE customer_id = NEW.customer_id AND day < NEW.day), '') AS prev_day, 1 AS customers, NEW.revenue AS revenue
			 UNION ALL SELECT n.day, coalesce((SELECT max(day) FROM customer_revenue_days WHERE customer_id = NEW.customer_id AND day < NEW.day), ''), -1, -n.revenue FROM (SELECT day, revenue FROM customer_revenue_days WHERE customer_id = NEW.customer_id AND day > NEW.day ORDER BY day LIMIT 1) n
			 UNION ALL SELECT n.day, NEW.day, 1, n.revenue FROM (SELECT day, revenue FROM customer_revenue_days WHERE customer_id = NEW.customer_id AND day > NEW.day ORDER BY day LIMIT 1) n) x WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers, revenue = revenue + excluded.revenue;
	INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, min(e.day, NEW.day), max(e.day, NEW.day), NEW.revenue * e.revenue
		FROM customer_revenue_days e, (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE g.customer_id = NEW.customer_id) k WHERE e.customer_id = NEW.customer_id
		ON CONFLICT DO UPDATE SET product = product + excluded.product;
END;
--> statement-breakpoint
-- More revenue on a day already counted: the day's amount and its products change, the customers do not.
CREATE TRIGGER IF NOT EXISTS `global_control_revenue_day_changed` AFTER UPDATE OF `revenue` ON `customer_revenue_days` WHEN OLD.`revenue` IS NOT NEW.`revenue` BEGIN
	INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, NEW.day, coalesce((SELECT max(day) FROM customer_revenue_days WHERE customer_id = NEW.customer_id AND day < NEW.day), ''), 0, NEW.revenue - OLD.revenue FROM (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE g.customer_id = NEW.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers, revenue = revenue + excluded.revenue;
	INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, min(e.day, NEW.day), max(e.day, NEW.day),
			CASE WHEN e.day = NEW.day THEN NEW.revenue * NEW.revenue - OLD.revenue * OLD.revenue ELSE (NEW.revenue - OLD.revenue) * e.revenue END
		FROM customer_revenue_days e, (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE g.customer_id = NEW.customer_id) k WHERE e.customer_id = NEW.customer_id
		ON CONFLICT DO UPDATE SET product = product + excluded.product;
END;
--> statement-breakpoint
-- A revenue day removed (a customer forgotten): the reverse of adding it.
CREATE TRIGGER IF NOT EXISTS `global_control_revenue_day_removed` AFTER DELETE ON `customer_revenue_days` BEGIN
	INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, x.day, x.prev_day, x.customers, x.revenue FROM (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = OLD.customer_id) s WHERE g.customer_id = OLD.customer_id) k,
			(SELECT OLD.day AS day, coalesce((SELECT max(day) FROM customer_revenue_days WHERE customer_id = OLD.customer_id AND day < OLD.day), '') AS prev_day, -1 AS customers, -OLD.revenue AS revenue
			 UNION ALL SELECT n.day, coalesce((SELECT max(day) FROM customer_revenue_days WHERE customer_id = OLD.customer_id AND day < OLD.day), ''), 1, n.revenue FROM (SELECT day, revenue FROM customer_revenue_days WHERE customer_id = OLD.customer_id AND day > OLD.day ORDER BY day LIMIT 1) n
			 UNION ALL SELECT n.day, OLD.day, -1, -n.revenue FROM (SELECT day, revenue FROM customer_revenue_days WHERE customer_id = OLD.customer_id AND day > OLD.day ORDER BY day LIMIT 1) n) x WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers, revenue = revenue + excluded.revenue;
	INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, OLD.day, OLD.day, -OLD.revenue * OLD.revenue FROM (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = OLD.customer_id) s WHERE g.customer_id = OLD.customer_id) k WHERE true
		UNION ALL SELECT k.filter_key, k.in_control, min(e.day, OLD.day), max(e.day, OLD.day), -OLD.revenue * e.revenue
		FROM customer_revenue_days e, (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = OLD.customer_id) s WHERE g.customer_id = OLD.customer_id) k WHERE e.customer_id = OLD.customer_id
		ON CONFLICT DO UPDATE SET product = product + excluded.product;
END;
--> statement-breakpoint
-- A customer assigned: everything they count for joins their group, under each key they fall in.
CREATE TRIGGER IF NOT EXISTS `global_control_assigned` AFTER INSERT ON `global_control` BEGIN
	INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, (SELECT substr(first_seen_at, 1, 10) FROM customer_facts WHERE customer_id = NEW.customer_id), 1 FROM (SELECT NEW.in_control AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE f.customer_id = NEW.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers;
	INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, 1, 1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = NEW.customer_id) p, (SELECT NEW.in_control AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE f.customer_id = NEW.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers, revenue = revenue + excluded.revenue;
	INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, 1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT NEW.in_control AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE f.customer_id = NEW.customer_id) k WHERE a.customer_id = NEW.customer_id
		ON CONFLICT DO UPDATE SET product = product + excluded.product;
END;
--> statement-breakpoint
-- An assignment removed (a customer forgotten): the reverse.
CREATE TRIGGER IF NOT EXISTS `global_control_unassigned` AFTER DELETE ON `global_control` BEGIN
	INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, (SELECT substr(first_seen_at, 1, 10) FROM customer_facts WHERE customer_id = OLD.customer_id), -1 FROM (SELECT OLD.in_control AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = OLD.customer_id) s WHERE f.customer_id = OLD.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers;
	INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, -1, -1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = OLD.customer_id) p, (SELECT OLD.in_control AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = OLD.customer_id) s WHERE f.customer_id = OLD.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers, revenue = revenue + excluded.revenue;
	INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, -1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT OLD.in_control AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = OLD.customer_id) s WHERE f.customer_id = OLD.customer_id) k WHERE a.customer_id = OLD.customer_id
		ON CONFLICT DO UPDATE SET product = product + excluded.product;
END;
--> statement-breakpoint
-- A group changed (never done by the app, which never redraws; kept exact all the same): out of one group, into the other.
CREATE TRIGGER IF NOT EXISTS `global_control_regrouped` AFTER UPDATE OF `in_control` ON `global_control` WHEN OLD.`in_control` IS NOT NEW.`in_control` BEGIN
	INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, (SELECT substr(first_seen_at, 1, 10) FROM customer_facts WHERE customer_id = OLD.customer_id), -1 FROM (SELECT OLD.in_control AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = OLD.customer_id) s WHERE f.customer_id = OLD.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers;
	INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, -1, -1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = OLD.customer_id) p, (SELECT OLD.in_control AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = OLD.customer_id) s WHERE f.customer_id = OLD.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers, revenue = revenue + excluded.revenue;
	INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, -1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT OLD.in_control AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = OLD.customer_id) s WHERE f.customer_id = OLD.customer_id) k WHERE a.customer_id = OLD.customer_id
		ON CONFLICT DO UPDATE SET product = product + excluded.product;
	INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, (SELECT substr(first_seen_at, 1, 10) FROM customer_facts WHERE customer_id = NEW.customer_id), 1 FROM (SELECT NEW.in_control AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE f.customer_id = NEW.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers;
	INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, 1, 1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = NEW.customer_id) p, (SELECT NEW.in_control AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE f.customer_id = NEW.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers, revenue = revenue + excluded.revenue;
	INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, 1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT NEW.in_control AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE f.customer_id = NEW.customer_id) k WHERE a.customer_id = NEW.customer_id
		ON CONFLICT DO UPDATE SET product = product + excluded.product;
END;
--> statement-breakpoint
-- A customer first seen: counted from their first-seen day (revenue stored before their facts joins them now).
CREATE TRIGGER IF NOT EXISTS `global_control_facts_added` AFTER INSERT ON `customer_facts` BEGIN
	INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, substr(NEW.first_seen_at, 1, 10), 1 FROM (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE g.customer_id = NEW.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers;
	INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, 1, 1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = NEW.customer_id) p, (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE g.customer_id = NEW.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers, revenue = revenue + excluded.revenue;
	INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, 1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE g.customer_id = NEW.customer_id) k WHERE a.customer_id = NEW.customer_id
		ON CONFLICT DO UPDATE SET product = product + excluded.product;
END;
--> statement-breakpoint
-- A customer forgotten: out of every key they fell in (their facts are gone, so the keys are named from OLD).
CREATE TRIGGER IF NOT EXISTS `global_control_facts_removed` AFTER DELETE ON `customer_facts` BEGIN
	INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, substr(OLD.first_seen_at, 1, 10), -1 FROM (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g,
			(SELECT '*' AS filter_key UNION ALL SELECT 'c:' || OLD.channel WHERE OLD.channel IS NOT NULL
			 UNION ALL SELECT 's:' || segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id
			 UNION ALL SELECT 's:' || segment_id || '|c:' || OLD.channel FROM segment_memberships WHERE customer_id = OLD.customer_id AND OLD.channel IS NOT NULL) s WHERE g.customer_id = OLD.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers;
	INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, -1, -1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = OLD.customer_id) p, (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g,
			(SELECT '*' AS filter_key UNION ALL SELECT 'c:' || OLD.channel WHERE OLD.channel IS NOT NULL
			 UNION ALL SELECT 's:' || segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id
			 UNION ALL SELECT 's:' || segment_id || '|c:' || OLD.channel FROM segment_memberships WHERE customer_id = OLD.customer_id AND OLD.channel IS NOT NULL) s WHERE g.customer_id = OLD.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers, revenue = revenue + excluded.revenue;
	INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, -1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g,
			(SELECT '*' AS filter_key UNION ALL SELECT 'c:' || OLD.channel WHERE OLD.channel IS NOT NULL
			 UNION ALL SELECT 's:' || segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id
			 UNION ALL SELECT 's:' || segment_id || '|c:' || OLD.channel FROM segment_memberships WHERE customer_id = OLD.customer_id AND OLD.channel IS NOT NULL) s WHERE g.customer_id = OLD.customer_id) k WHERE a.customer_id = OLD.customer_id
		ON CONFLICT DO UPDATE SET product = product + excluded.product;
END;
--> statement-breakpoint
-- First seen moved back (backfilled history): the customer moves to the earlier day. First-touch channel set or
-- moved: their revenue leaves the old channel's keys and joins the new one's (work ∝ their revenue days squared).
CREATE TRIGGER IF NOT EXISTS `global_control_facts_changed` AFTER UPDATE OF `first_seen_at`, `channel` ON `customer_facts` WHEN OLD.`first_seen_at` IS NOT NEW.`first_seen_at` OR OLD.`channel` IS NOT NEW.`channel` BEGIN
	INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, substr(OLD.first_seen_at, 1, 10), -1 FROM (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g,
			(SELECT '*' AS filter_key UNION ALL SELECT 'c:' || OLD.channel WHERE OLD.channel IS NOT NULL
			 UNION ALL SELECT 's:' || segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id
			 UNION ALL SELECT 's:' || segment_id || '|c:' || OLD.channel FROM segment_memberships WHERE customer_id = OLD.customer_id AND OLD.channel IS NOT NULL) s WHERE g.customer_id = OLD.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers;
	INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, substr(NEW.first_seen_at, 1, 10), 1 FROM (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE g.customer_id = NEW.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers;
	INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, -1, -1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = OLD.customer_id) p, (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g,
			(SELECT 'c:' || OLD.channel AS filter_key WHERE OLD.channel IS NOT NULL
			 UNION ALL SELECT 's:' || segment_id || '|c:' || OLD.channel FROM segment_memberships WHERE customer_id = OLD.customer_id AND OLD.channel IS NOT NULL) s
			WHERE g.customer_id = OLD.customer_id AND OLD.channel IS NOT NEW.channel) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers, revenue = revenue + excluded.revenue;
	INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, -1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g,
			(SELECT 'c:' || OLD.channel AS filter_key WHERE OLD.channel IS NOT NULL
			 UNION ALL SELECT 's:' || segment_id || '|c:' || OLD.channel FROM segment_memberships WHERE customer_id = OLD.customer_id AND OLD.channel IS NOT NULL) s
			WHERE g.customer_id = OLD.customer_id AND OLD.channel IS NOT NEW.channel) k WHERE a.customer_id = OLD.customer_id
		ON CONFLICT DO UPDATE SET product = product + excluded.product;
	INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, 1, 1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = NEW.customer_id) p, (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g,
			(SELECT 'c:' || NEW.channel AS filter_key WHERE NEW.channel IS NOT NULL
			 UNION ALL SELECT 's:' || segment_id || '|c:' || NEW.channel FROM segment_memberships WHERE customer_id = NEW.customer_id AND NEW.channel IS NOT NULL) s
			WHERE g.customer_id = NEW.customer_id AND OLD.channel IS NOT NEW.channel) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers, revenue = revenue + excluded.revenue;
	INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, 1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g,
			(SELECT 'c:' || NEW.channel AS filter_key WHERE NEW.channel IS NOT NULL
			 UNION ALL SELECT 's:' || segment_id || '|c:' || NEW.channel FROM segment_memberships WHERE customer_id = NEW.customer_id AND NEW.channel IS NOT NULL) s
			WHERE g.customer_id = NEW.customer_id AND OLD.channel IS NOT NEW.channel) k WHERE a.customer_id = NEW.customer_id
		ON CONFLICT DO UPDATE SET product = product + excluded.product;
END;
--> statement-breakpoint
-- A customer entered a segment: their first-seen day, revenue cells and products count under its keys.
CREATE TRIGGER IF NOT EXISTS `global_control_member_added` AFTER INSERT ON `segment_memberships` BEGIN
	INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, (SELECT substr(first_seen_at, 1, 10) FROM customer_facts WHERE customer_id = NEW.customer_id), 1 FROM (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT 's:' || NEW.segment_id AS filter_key UNION ALL SELECT 's:' || NEW.segment_id || '|c:' || channel FROM customer_facts WHERE customer_id = NEW.customer_id AND channel IS NOT NULL) s
			WHERE g.customer_id = NEW.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers;
	INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, 1, 1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = NEW.customer_id) p, (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT 's:' || NEW.segment_id AS filter_key UNION ALL SELECT 's:' || NEW.segment_id || '|c:' || channel FROM customer_facts WHERE customer_id = NEW.customer_id AND channel IS NOT NULL) s
			WHERE g.customer_id = NEW.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers, revenue = revenue + excluded.revenue;
	INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, 1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT 's:' || NEW.segment_id AS filter_key UNION ALL SELECT 's:' || NEW.segment_id || '|c:' || channel FROM customer_facts WHERE customer_id = NEW.customer_id AND channel IS NOT NULL) s
			WHERE g.customer_id = NEW.customer_id) k WHERE a.customer_id = NEW.customer_id
		ON CONFLICT DO UPDATE SET product = product + excluded.product;
END;
--> statement-breakpoint
-- A customer left a segment (or it was deleted): the reverse.
CREATE TRIGGER IF NOT EXISTS `global_control_member_removed` AFTER DELETE ON `segment_memberships` BEGIN
	INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, (SELECT substr(first_seen_at, 1, 10) FROM customer_facts WHERE customer_id = OLD.customer_id), -1 FROM (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT 's:' || OLD.segment_id AS filter_key UNION ALL SELECT 's:' || OLD.segment_id || '|c:' || channel FROM customer_facts WHERE customer_id = OLD.customer_id AND channel IS NOT NULL) s
			WHERE g.customer_id = OLD.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers;
	INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, -1, -1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = OLD.customer_id) p, (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT 's:' || OLD.segment_id AS filter_key UNION ALL SELECT 's:' || OLD.segment_id || '|c:' || channel FROM customer_facts WHERE customer_id = OLD.customer_id AND channel IS NOT NULL) s
			WHERE g.customer_id = OLD.customer_id) k WHERE true
		ON CONFLICT DO UPDATE SET customers = customers + excluded.customers, revenue = revenue + excluded.revenue;
	INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, -1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT g.in_control AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT 's:' || OLD.segment_id AS filter_key UNION ALL SELECT 's:' || OLD.segment_id || '|c:' || channel FROM customer_facts WHERE customer_id = OLD.customer_id AND channel IS NOT NULL) s
			WHERE g.customer_id = OLD.customer_id) k WHERE a.customer_id = OLD.customer_id
		ON CONFLICT DO UPDATE SET product = product + excluded.product;
END;
