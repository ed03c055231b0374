-- The Postgres form of SQLite migration 0039 (retention_flows): the triggers keeping retention_customer_periods and
-- retention_scope_periods, each a plpgsql function named after its trigger. SQLite's trigger condition
-- `NOT EXISTS (SELECT 1 FROM retention_flows_paused)` is a subquery, which a Postgres trigger's WHEN cannot hold: the
-- functions test it first instead. SQLite's date(x), date(x, '-6 days', 'weekday 1') and date(x, 'start of month')
-- are the UTC day, its ISO week's Monday and its month's first day, as 'YYYY-MM-DD' text. Postgres runs row triggers
-- after the whole statement, not after each row: a statement deleting several stage moves or churns of a customer
-- (deleting or merging them) recomputes their periods from the final rows, where SQLite recomputes after each row
-- and can leave retention_scope_periods cells at 0 that Postgres never creates. Every other row is the same.
CREATE FUNCTION retention_flows_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM retention_flows_paused) THEN
		RETURN NULL;
	END IF;
	INSERT INTO retention_scope_periods (segment_id, channel, "interval", period, inactive_day, joined, departed, stage_churned, customers)
	SELECT s.segment_id, c.channel, NEW."interval", NEW.period, NEW.inactive_day, (NEW.flow = 1)::int, (NEW.flow = -1)::int, NEW.stage_churn, 1 FROM (SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = NEW.customer_id) s, (SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = NEW.customer_id AND channel IS NOT NULL) c
	ON CONFLICT (segment_id, channel, "interval", period, inactive_day) DO UPDATE SET joined = retention_scope_periods.joined + excluded.joined, departed = retention_scope_periods.departed + excluded.departed, stage_churned = retention_scope_periods.stage_churned + excluded.stage_churned, customers = retention_scope_periods.customers + excluded.customers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER retention_flows_added AFTER INSERT ON retention_customer_periods FOR EACH ROW EXECUTE FUNCTION retention_flows_added();
--> statement-breakpoint
CREATE FUNCTION retention_flows_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM retention_flows_paused) THEN
		RETURN NULL;
	END IF;
	INSERT INTO retention_scope_periods (segment_id, channel, "interval", period, inactive_day, joined, departed, stage_churned, customers)
	SELECT s.segment_id, c.channel, OLD."interval", OLD.period, OLD.inactive_day, -(OLD.flow = 1)::int, -(OLD.flow = -1)::int, -OLD.stage_churn, -1 FROM (SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id) s, (SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = OLD.customer_id AND channel IS NOT NULL) c
	ON CONFLICT (segment_id, channel, "interval", period, inactive_day) DO UPDATE SET joined = retention_scope_periods.joined + excluded.joined, departed = retention_scope_periods.departed + excluded.departed, stage_churned = retention_scope_periods.stage_churned + excluded.stage_churned, customers = retention_scope_periods.customers + excluded.customers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER retention_flows_removed AFTER DELETE ON retention_customer_periods FOR EACH ROW EXECUTE FUNCTION retention_flows_removed();
--> statement-breakpoint
CREATE FUNCTION retention_flows_stage_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM retention_flows_paused) THEN
		RETURN NULL;
	END IF;
	DELETE FROM retention_customer_periods WHERE customer_id = NEW.customer_id AND ("interval", period) IN (SELECT i."interval", CASE i."interval" WHEN 'day' THEN to_char((d.day)::date, 'YYYY-MM-DD') WHEN 'week' THEN to_char(date_trunc('week', (d.day)::date::timestamp), 'YYYY-MM-DD') ELSE to_char(date_trunc('month', (d.day)::date::timestamp), 'YYYY-MM-DD') END AS period FROM (SELECT 'day' AS "interval" UNION ALL SELECT 'week' UNION ALL SELECT 'month') i, (
			SELECT to_char((NEW.at)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
			UNION SELECT to_char((min(h.at))::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM stage_history h WHERE h.customer_id = NEW.customer_id AND h.at > NEW.at
			UNION SELECT x.churn_day FROM customer_inactivity_churns x WHERE x.customer_id = NEW.customer_id AND x.churn_day >= to_char((NEW.at)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD')) d
		WHERE d.day IS NOT NULL);
	INSERT INTO retention_customer_periods (customer_id, "interval", period, flow, stage_churn, inactive_day)
	SELECT customer_id, "interval", period, mb - ma, stage_churn, inactive_day FROM (
		SELECT k.customer_id, k."interval", k.period, k.ma, k.mb,
			(k.ma = 1 AND EXISTS (SELECT 1 FROM stage_history h WHERE h.customer_id = k.customer_id AND h.at >= k.period || 'T00:00:00.000Z' AND h.at < k.next || 'T00:00:00.000Z'
				AND h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1) AND (h.from_stage IS NULL OR h.from_stage NOT IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1))))::int AS stage_churn,
			CASE WHEN k.ma = 1 THEN coalesce((SELECT min(x.churn_day) FROM customer_inactivity_churns x WHERE x.customer_id = k.customer_id AND x.churn_day >= k.period AND x.churn_day < k.next), '') ELSE '' END AS inactive_day
		FROM (SELECT c.customer_id, c."interval", c.period, c.next, coalesce((SELECT (h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1))::int FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.period || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS ma, coalesce((SELECT (h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1))::int FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.next || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS mb
			FROM (SELECT DISTINCT customer_id, "interval", period, CASE "interval" WHEN 'day' THEN to_char(period::date + 1, 'YYYY-MM-DD') WHEN 'week' THEN to_char(period::date + 7, 'YYYY-MM-DD') ELSE to_char(period::date + interval '1 month', 'YYYY-MM-DD') END AS next FROM (SELECT NEW.customer_id AS customer_id, p."interval", p.period FROM (SELECT i."interval", CASE i."interval" WHEN 'day' THEN to_char((d.day)::date, 'YYYY-MM-DD') WHEN 'week' THEN to_char(date_trunc('week', (d.day)::date::timestamp), 'YYYY-MM-DD') ELSE to_char(date_trunc('month', (d.day)::date::timestamp), 'YYYY-MM-DD') END AS period FROM (SELECT 'day' AS "interval" UNION ALL SELECT 'week' UNION ALL SELECT 'month') i, (
			SELECT to_char((NEW.at)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
			UNION SELECT to_char((min(h.at))::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM stage_history h WHERE h.customer_id = NEW.customer_id AND h.at > NEW.at
			UNION SELECT x.churn_day FROM customer_inactivity_churns x WHERE x.customer_id = NEW.customer_id AND x.churn_day >= to_char((NEW.at)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD')) d
		WHERE d.day IS NOT NULL) p) q) c) k) f
	WHERE mb <> ma OR stage_churn = 1 OR inactive_day <> '';
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER retention_flows_stage_added AFTER INSERT ON stage_history FOR EACH ROW EXECUTE FUNCTION retention_flows_stage_added();
--> statement-breakpoint
CREATE FUNCTION retention_flows_stage_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM retention_flows_paused) THEN
		RETURN NULL;
	END IF;
	DELETE FROM retention_customer_periods WHERE customer_id = OLD.customer_id AND ("interval", period) IN (SELECT i."interval", CASE i."interval" WHEN 'day' THEN to_char((d.day)::date, 'YYYY-MM-DD') WHEN 'week' THEN to_char(date_trunc('week', (d.day)::date::timestamp), 'YYYY-MM-DD') ELSE to_char(date_trunc('month', (d.day)::date::timestamp), 'YYYY-MM-DD') END AS period FROM (SELECT 'day' AS "interval" UNION ALL SELECT 'week' UNION ALL SELECT 'month') i, (
			SELECT to_char((OLD.at)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
			UNION SELECT to_char((min(h.at))::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM stage_history h WHERE h.customer_id = OLD.customer_id AND h.at > OLD.at
			UNION SELECT x.churn_day FROM customer_inactivity_churns x WHERE x.customer_id = OLD.customer_id AND x.churn_day >= to_char((OLD.at)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD')) d
		WHERE d.day IS NOT NULL);
	INSERT INTO retention_customer_periods (customer_id, "interval", period, flow, stage_churn, inactive_day)
	SELECT customer_id, "interval", period, mb - ma, stage_churn, inactive_day FROM (
		SELECT k.customer_id, k."interval", k.period, k.ma, k.mb,
			(k.ma = 1 AND EXISTS (SELECT 1 FROM stage_history h WHERE h.customer_id = k.customer_id AND h.at >= k.period || 'T00:00:00.000Z' AND h.at < k.next || 'T00:00:00.000Z'
				AND h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1) AND (h.from_stage IS NULL OR h.from_stage NOT IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1))))::int AS stage_churn,
			CASE WHEN k.ma = 1 THEN coalesce((SELECT min(x.churn_day) FROM customer_inactivity_churns x WHERE x.customer_id = k.customer_id AND x.churn_day >= k.period AND x.churn_day < k.next), '') ELSE '' END AS inactive_day
		FROM (SELECT c.customer_id, c."interval", c.period, c.next, coalesce((SELECT (h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1))::int FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.period || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS ma, coalesce((SELECT (h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1))::int FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.next || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS mb
			FROM (SELECT DISTINCT customer_id, "interval", period, CASE "interval" WHEN 'day' THEN to_char(period::date + 1, 'YYYY-MM-DD') WHEN 'week' THEN to_char(period::date + 7, 'YYYY-MM-DD') ELSE to_char(period::date + interval '1 month', 'YYYY-MM-DD') END AS next FROM (SELECT OLD.customer_id AS customer_id, p."interval", p.period FROM (SELECT i."interval", CASE i."interval" WHEN 'day' THEN to_char((d.day)::date, 'YYYY-MM-DD') WHEN 'week' THEN to_char(date_trunc('week', (d.day)::date::timestamp), 'YYYY-MM-DD') ELSE to_char(date_trunc('month', (d.day)::date::timestamp), 'YYYY-MM-DD') END AS period FROM (SELECT 'day' AS "interval" UNION ALL SELECT 'week' UNION ALL SELECT 'month') i, (
			SELECT to_char((OLD.at)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
			UNION SELECT to_char((min(h.at))::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM stage_history h WHERE h.customer_id = OLD.customer_id AND h.at > OLD.at
			UNION SELECT x.churn_day FROM customer_inactivity_churns x WHERE x.customer_id = OLD.customer_id AND x.churn_day >= to_char((OLD.at)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD')) d
		WHERE d.day IS NOT NULL) p) q) c) k) f
	WHERE mb <> ma OR stage_churn = 1 OR inactive_day <> '';
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER retention_flows_stage_removed AFTER DELETE ON stage_history FOR EACH ROW EXECUTE FUNCTION retention_flows_stage_removed();
--> statement-breakpoint
CREATE FUNCTION retention_flows_stage_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM retention_flows_paused) THEN
		RETURN NULL;
	END IF;
	DELETE FROM retention_customer_periods WHERE customer_id = OLD.customer_id AND ("interval", period) IN (SELECT i."interval", CASE i."interval" WHEN 'day' THEN to_char((d.day)::date, 'YYYY-MM-DD') WHEN 'week' THEN to_char(date_trunc('week', (d.day)::date::timestamp), 'YYYY-MM-DD') ELSE to_char(date_trunc('month', (d.day)::date::timestamp), 'YYYY-MM-DD') END AS period FROM (SELECT 'day' AS "interval" UNION ALL SELECT 'week' UNION ALL SELECT 'month') i, (
			SELECT to_char((OLD.at)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
			UNION SELECT to_char((min(h.at))::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM stage_history h WHERE h.customer_id = OLD.customer_id AND h.at > OLD.at
			UNION SELECT x.churn_day FROM customer_inactivity_churns x WHERE x.customer_id = OLD.customer_id AND x.churn_day >= to_char((OLD.at)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD')) d
		WHERE d.day IS NOT NULL);
	INSERT INTO retention_customer_periods (customer_id, "interval", period, flow, stage_churn, inactive_day)
	SELECT customer_id, "interval", period, mb - ma, stage_churn, inactive_day FROM (
		SELECT k.customer_id, k."interval", k.period, k.ma, k.mb,
			(k.ma = 1 AND EXISTS (SELECT 1 FROM stage_history h WHERE h.customer_id = k.customer_id AND h.at >= k.period || 'T00:00:00.000Z' AND h.at < k.next || 'T00:00:00.000Z'
				AND h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1) AND (h.from_stage IS NULL OR h.from_stage NOT IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1))))::int AS stage_churn,
			CASE WHEN k.ma = 1 THEN coalesce((SELECT min(x.churn_day) FROM customer_inactivity_churns x WHERE x.customer_id = k.customer_id AND x.churn_day >= k.period AND x.churn_day < k.next), '') ELSE '' END AS inactive_day
		FROM (SELECT c.customer_id, c."interval", c.period, c.next, coalesce((SELECT (h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1))::int FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.period || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS ma, coalesce((SELECT (h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1))::int FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.next || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS mb
			FROM (SELECT DISTINCT customer_id, "interval", period, CASE "interval" WHEN 'day' THEN to_char(period::date + 1, 'YYYY-MM-DD') WHEN 'week' THEN to_char(period::date + 7, 'YYYY-MM-DD') ELSE to_char(period::date + interval '1 month', 'YYYY-MM-DD') END AS next FROM (SELECT OLD.customer_id AS customer_id, p."interval", p.period FROM (SELECT i."interval", CASE i."interval" WHEN 'day' THEN to_char((d.day)::date, 'YYYY-MM-DD') WHEN 'week' THEN to_char(date_trunc('week', (d.day)::date::timestamp), 'YYYY-MM-DD') ELSE to_char(date_trunc('month', (d.day)::date::timestamp), 'YYYY-MM-DD') END AS period FROM (SELECT 'day' AS "interval" UNION ALL SELECT 'week' UNION ALL SELECT 'month') i, (
			SELECT to_char((OLD.at)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
			UNION SELECT to_char((min(h.at))::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM stage_history h WHERE h.customer_id = OLD.customer_id AND h.at > OLD.at
			UNION SELECT x.churn_day FROM customer_inactivity_churns x WHERE x.customer_id = OLD.customer_id AND x.churn_day >= to_char((OLD.at)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD')) d
		WHERE d.day IS NOT NULL) p) q) c) k) f
	WHERE mb <> ma OR stage_churn = 1 OR inactive_day <> '';
	DELETE FROM retention_customer_periods WHERE customer_id = NEW.customer_id AND ("interval", period) IN (SELECT i."interval", CASE i."interval" WHEN 'day' THEN to_char((d.day)::date, 'YYYY-MM-DD') WHEN 'week' THEN to_char(date_trunc('week', (d.day)::date::timestamp), 'YYYY-MM-DD') ELSE to_char(date_trunc('month', (d.day)::date::timestamp), 'YYYY-MM-DD') END AS period FROM (SELECT 'day' AS "interval" UNION ALL SELECT 'week' UNION ALL SELECT 'month') i, (
			SELECT to_char((NEW.at)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
			UNION SELECT to_char((min(h.at))::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM stage_history h WHERE h.customer_id = NEW.customer_id AND h.at > NEW.at
			UNION SELECT x.churn_day FROM customer_inactivity_churns x WHERE x.customer_id = NEW.customer_id AND x.churn_day >= to_char((NEW.at)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD')) d
		WHERE d.day IS NOT NULL);
	INSERT INTO retention_customer_periods (customer_id, "interval", period, flow, stage_churn, inactive_day)
	SELECT customer_id, "interval", period, mb - ma, stage_churn, inactive_day FROM (
		SELECT k.customer_id, k."interval", k.period, k.ma, k.mb,
			(k.ma = 1 AND EXISTS (SELECT 1 FROM stage_history h WHERE h.customer_id = k.customer_id AND h.at >= k.period || 'T00:00:00.000Z' AND h.at < k.next || 'T00:00:00.000Z'
				AND h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1) AND (h.from_stage IS NULL OR h.from_stage NOT IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1))))::int AS stage_churn,
			CASE WHEN k.ma = 1 THEN coalesce((SELECT min(x.churn_day) FROM customer_inactivity_churns x WHERE x.customer_id = k.customer_id AND x.churn_day >= k.period AND x.churn_day < k.next), '') ELSE '' END AS inactive_day
		FROM (SELECT c.customer_id, c."interval", c.period, c.next, coalesce((SELECT (h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1))::int FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.period || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS ma, coalesce((SELECT (h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1))::int FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.next || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS mb
			FROM (SELECT DISTINCT customer_id, "interval", period, CASE "interval" WHEN 'day' THEN to_char(period::date + 1, 'YYYY-MM-DD') WHEN 'week' THEN to_char(period::date + 7, 'YYYY-MM-DD') ELSE to_char(period::date + interval '1 month', 'YYYY-MM-DD') END AS next FROM (SELECT NEW.customer_id AS customer_id, p."interval", p.period FROM (SELECT i."interval", CASE i."interval" WHEN 'day' THEN to_char((d.day)::date, 'YYYY-MM-DD') WHEN 'week' THEN to_char(date_trunc('week', (d.day)::date::timestamp), 'YYYY-MM-DD') ELSE to_char(date_trunc('month', (d.day)::date::timestamp), 'YYYY-MM-DD') END AS period FROM (SELECT 'day' AS "interval" UNION ALL SELECT 'week' UNION ALL SELECT 'month') i, (
			SELECT to_char((NEW.at)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
			UNION SELECT to_char((min(h.at))::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM stage_history h WHERE h.customer_id = NEW.customer_id AND h.at > NEW.at
			UNION SELECT x.churn_day FROM customer_inactivity_churns x WHERE x.customer_id = NEW.customer_id AND x.churn_day >= to_char((NEW.at)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD')) d
		WHERE d.day IS NOT NULL) p) q) c) k) f
	WHERE mb <> ma OR stage_churn = 1 OR inactive_day <> '';
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER retention_flows_stage_changed AFTER UPDATE OF customer_id, "at", from_stage, to_stage ON stage_history FOR EACH ROW WHEN (OLD.customer_id IS DISTINCT FROM NEW.customer_id OR OLD.at IS DISTINCT FROM NEW.at OR OLD.from_stage IS DISTINCT FROM NEW.from_stage OR OLD.to_stage IS DISTINCT FROM NEW.to_stage) EXECUTE FUNCTION retention_flows_stage_changed();
--> statement-breakpoint
CREATE FUNCTION retention_flows_inactivity_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM retention_flows_paused) THEN
		RETURN NULL;
	END IF;
	DELETE FROM retention_customer_periods WHERE customer_id = NEW.customer_id AND ("interval", period) IN (SELECT i."interval", CASE i."interval" WHEN 'day' THEN to_char((NEW.churn_day)::date, 'YYYY-MM-DD') WHEN 'week' THEN to_char(date_trunc('week', (NEW.churn_day)::date::timestamp), 'YYYY-MM-DD') ELSE to_char(date_trunc('month', (NEW.churn_day)::date::timestamp), 'YYYY-MM-DD') END AS period FROM (SELECT 'day' AS "interval" UNION ALL SELECT 'week' UNION ALL SELECT 'month') i);
	INSERT INTO retention_customer_periods (customer_id, "interval", period, flow, stage_churn, inactive_day)
	SELECT customer_id, "interval", period, mb - ma, stage_churn, inactive_day FROM (
		SELECT k.customer_id, k."interval", k.period, k.ma, k.mb,
			(k.ma = 1 AND EXISTS (SELECT 1 FROM stage_history h WHERE h.customer_id = k.customer_id AND h.at >= k.period || 'T00:00:00.000Z' AND h.at < k.next || 'T00:00:00.000Z'
				AND h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1) AND (h.from_stage IS NULL OR h.from_stage NOT IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1))))::int AS stage_churn,
			CASE WHEN k.ma = 1 THEN coalesce((SELECT min(x.churn_day) FROM customer_inactivity_churns x WHERE x.customer_id = k.customer_id AND x.churn_day >= k.period AND x.churn_day < k.next), '') ELSE '' END AS inactive_day
		FROM (SELECT c.customer_id, c."interval", c.period, c.next, coalesce((SELECT (h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1))::int FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.period || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS ma, coalesce((SELECT (h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1))::int FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.next || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS mb
			FROM (SELECT DISTINCT customer_id, "interval", period, CASE "interval" WHEN 'day' THEN to_char(period::date + 1, 'YYYY-MM-DD') WHEN 'week' THEN to_char(period::date + 7, 'YYYY-MM-DD') ELSE to_char(period::date + interval '1 month', 'YYYY-MM-DD') END AS next FROM (SELECT NEW.customer_id AS customer_id, p."interval", p.period FROM (SELECT i."interval", CASE i."interval" WHEN 'day' THEN to_char((NEW.churn_day)::date, 'YYYY-MM-DD') WHEN 'week' THEN to_char(date_trunc('week', (NEW.churn_day)::date::timestamp), 'YYYY-MM-DD') ELSE to_char(date_trunc('month', (NEW.churn_day)::date::timestamp), 'YYYY-MM-DD') END AS period FROM (SELECT 'day' AS "interval" UNION ALL SELECT 'week' UNION ALL SELECT 'month') i) p) q) c) k) f
	WHERE mb <> ma OR stage_churn = 1 OR inactive_day <> '';
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER retention_flows_inactivity_added AFTER INSERT ON customer_inactivity_churns FOR EACH ROW EXECUTE FUNCTION retention_flows_inactivity_added();
--> statement-breakpoint
CREATE FUNCTION retention_flows_inactivity_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM retention_flows_paused) THEN
		RETURN NULL;
	END IF;
	DELETE FROM retention_customer_periods WHERE customer_id = OLD.customer_id AND ("interval", period) IN (SELECT i."interval", CASE i."interval" WHEN 'day' THEN to_char((OLD.churn_day)::date, 'YYYY-MM-DD') WHEN 'week' THEN to_char(date_trunc('week', (OLD.churn_day)::date::timestamp), 'YYYY-MM-DD') ELSE to_char(date_trunc('month', (OLD.churn_day)::date::timestamp), 'YYYY-MM-DD') END AS period FROM (SELECT 'day' AS "interval" UNION ALL SELECT 'week' UNION ALL SELECT 'month') i);
	INSERT INTO retention_customer_periods (customer_id, "interval", period, flow, stage_churn, inactive_day)
	SELECT customer_id, "interval", period, mb - ma, stage_churn, inactive_day FROM (
		SELECT k.customer_id, k."interval", k.period, k.ma, k.mb,
			(k.ma = 1 AND EXISTS (SELECT 1 FROM stage_history h WHERE h.customer_id = k.customer_id AND h.at >= k.period || 'T00:00:00.000Z' AND h.at < k.next || 'T00:00:00.000Z'
				AND h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1) AND (h.from_stage IS NULL OR h.from_stage NOT IN (SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1))))::int AS stage_churn,
			CASE WHEN k.ma = 1 THEN coalesce((SELECT min(x.churn_day) FROM customer_inactivity_churns x WHERE x.customer_id = k.customer_id AND x.churn_day >= k.period AND x.churn_day < k.next), '') ELSE '' END AS inactive_day
		FROM (SELECT c.customer_id, c."interval", c.period, c.next, coalesce((SELECT (h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1))::int FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.period || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS ma, coalesce((SELECT (h.to_stage IN (SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1))::int FROM stage_history h WHERE h.customer_id = c.customer_id AND h.at < c.next || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0) AS mb
			FROM (SELECT DISTINCT customer_id, "interval", period, CASE "interval" WHEN 'day' THEN to_char(period::date + 1, 'YYYY-MM-DD') WHEN 'week' THEN to_char(period::date + 7, 'YYYY-MM-DD') ELSE to_char(period::date + interval '1 month', 'YYYY-MM-DD') END AS next FROM (SELECT OLD.customer_id AS customer_id, p."interval", p.period FROM (SELECT i."interval", CASE i."interval" WHEN 'day' THEN to_char((OLD.churn_day)::date, 'YYYY-MM-DD') WHEN 'week' THEN to_char(date_trunc('week', (OLD.churn_day)::date::timestamp), 'YYYY-MM-DD') ELSE to_char(date_trunc('month', (OLD.churn_day)::date::timestamp), 'YYYY-MM-DD') END AS period FROM (SELECT 'day' AS "interval" UNION ALL SELECT 'week' UNION ALL SELECT 'month') i) p) q) c) k) f
	WHERE mb <> ma OR stage_churn = 1 OR inactive_day <> '';
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER retention_flows_inactivity_removed AFTER DELETE ON customer_inactivity_churns FOR EACH ROW EXECUTE FUNCTION retention_flows_inactivity_removed();
--> statement-breakpoint
CREATE FUNCTION retention_flows_member_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO retention_scope_periods (segment_id, channel, "interval", period, inactive_day, joined, departed, stage_churned, customers)
	SELECT s.segment_id, c.channel, p."interval", p.period, p.inactive_day, (p.flow = 1)::int, (p.flow = -1)::int, p.stage_churn, 1 FROM retention_customer_periods p, (SELECT NEW.segment_id AS segment_id) s, (SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = NEW.customer_id AND channel IS NOT NULL) c WHERE p.customer_id = NEW.customer_id
	ON CONFLICT (segment_id, channel, "interval", period, inactive_day) DO UPDATE SET joined = retention_scope_periods.joined + excluded.joined, departed = retention_scope_periods.departed + excluded.departed, stage_churned = retention_scope_periods.stage_churned + excluded.stage_churned, customers = retention_scope_periods.customers + excluded.customers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER retention_flows_member_added AFTER INSERT ON segment_memberships FOR EACH ROW EXECUTE FUNCTION retention_flows_member_added();
--> statement-breakpoint
CREATE FUNCTION retention_flows_member_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO retention_scope_periods (segment_id, channel, "interval", period, inactive_day, joined, departed, stage_churned, customers)
	SELECT s.segment_id, c.channel, p."interval", p.period, p.inactive_day, -(p.flow = 1)::int, -(p.flow = -1)::int, -p.stage_churn, -1 FROM retention_customer_periods p, (SELECT OLD.segment_id AS segment_id) s, (SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = OLD.customer_id AND channel IS NOT NULL) c WHERE p.customer_id = OLD.customer_id
	ON CONFLICT (segment_id, channel, "interval", period, inactive_day) DO UPDATE SET joined = retention_scope_periods.joined + excluded.joined, departed = retention_scope_periods.departed + excluded.departed, stage_churned = retention_scope_periods.stage_churned + excluded.stage_churned, customers = retention_scope_periods.customers + excluded.customers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER retention_flows_member_removed AFTER DELETE ON segment_memberships FOR EACH ROW EXECUTE FUNCTION retention_flows_member_removed();
--> statement-breakpoint
CREATE FUNCTION retention_flows_facts_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO retention_scope_periods (segment_id, channel, "interval", period, inactive_day, joined, departed, stage_churned, customers)
	SELECT s.segment_id, c.channel, p."interval", p.period, p.inactive_day, (p.flow = 1)::int, (p.flow = -1)::int, p.stage_churn, 1 FROM retention_customer_periods p, (SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = NEW.customer_id) s, (SELECT NEW.channel AS channel) c WHERE p.customer_id = NEW.customer_id
	ON CONFLICT (segment_id, channel, "interval", period, inactive_day) DO UPDATE SET joined = retention_scope_periods.joined + excluded.joined, departed = retention_scope_periods.departed + excluded.departed, stage_churned = retention_scope_periods.stage_churned + excluded.stage_churned, customers = retention_scope_periods.customers + excluded.customers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER retention_flows_facts_added AFTER INSERT ON customer_facts FOR EACH ROW WHEN (NEW.channel IS NOT NULL) EXECUTE FUNCTION retention_flows_facts_added();
--> statement-breakpoint
CREATE FUNCTION retention_flows_facts_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO retention_scope_periods (segment_id, channel, "interval", period, inactive_day, joined, departed, stage_churned, customers)
	SELECT s.segment_id, c.channel, p."interval", p.period, p.inactive_day, -(p.flow = 1)::int, -(p.flow = -1)::int, -p.stage_churn, -1 FROM retention_customer_periods p, (SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id) s, (SELECT OLD.channel AS channel) c WHERE p.customer_id = OLD.customer_id
	ON CONFLICT (segment_id, channel, "interval", period, inactive_day) DO UPDATE SET joined = retention_scope_periods.joined + excluded.joined, departed = retention_scope_periods.departed + excluded.departed, stage_churned = retention_scope_periods.stage_churned + excluded.stage_churned, customers = retention_scope_periods.customers + excluded.customers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER retention_flows_facts_removed AFTER DELETE ON customer_facts FOR EACH ROW WHEN (OLD.channel IS NOT NULL) EXECUTE FUNCTION retention_flows_facts_removed();
--> statement-breakpoint
CREATE FUNCTION retention_flows_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO retention_scope_periods (segment_id, channel, "interval", period, inactive_day, joined, departed, stage_churned, customers)
	SELECT s.segment_id, c.channel, p."interval", p.period, p.inactive_day, -(p.flow = 1)::int, -(p.flow = -1)::int, -p.stage_churn, -1 FROM retention_customer_periods p, (SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id) s, (SELECT OLD.channel AS channel WHERE OLD.channel IS NOT NULL) c WHERE p.customer_id = OLD.customer_id
	ON CONFLICT (segment_id, channel, "interval", period, inactive_day) DO UPDATE SET joined = retention_scope_periods.joined + excluded.joined, departed = retention_scope_periods.departed + excluded.departed, stage_churned = retention_scope_periods.stage_churned + excluded.stage_churned, customers = retention_scope_periods.customers + excluded.customers;
	INSERT INTO retention_scope_periods (segment_id, channel, "interval", period, inactive_day, joined, departed, stage_churned, customers)
	SELECT s.segment_id, c.channel, p."interval", p.period, p.inactive_day, (p.flow = 1)::int, (p.flow = -1)::int, p.stage_churn, 1 FROM retention_customer_periods p, (SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = NEW.customer_id) s, (SELECT NEW.channel AS channel WHERE NEW.channel IS NOT NULL) c WHERE p.customer_id = NEW.customer_id
	ON CONFLICT (segment_id, channel, "interval", period, inactive_day) DO UPDATE SET joined = retention_scope_periods.joined + excluded.joined, departed = retention_scope_periods.departed + excluded.departed, stage_churned = retention_scope_periods.stage_churned + excluded.stage_churned, customers = retention_scope_periods.customers + excluded.customers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER retention_flows_facts_changed AFTER UPDATE OF channel ON customer_facts FOR EACH ROW WHEN (OLD.channel IS DISTINCT FROM NEW.channel) EXECUTE FUNCTION retention_flows_facts_changed();
