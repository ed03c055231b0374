-- The Postgres form of SQLite migration 0045 (historical CLV per group and scope, value_group_revenue; see that
-- migration for what the table holds): one plpgsql function per trigger, named after it. Deliberate difference:
-- value_groups_member_insert and value_groups_member_delete run once per statement over its transition table, not once
-- per row. They read the memberships of the customer whose membership changed; SQLite runs a row trigger right after
-- its row, so when one statement writes several memberships of a customer (a merge's INSERT … SELECT, a forget's
-- `DELETE … WHERE customer_id = ?`, removeMemberships) each call sees the ones before it written and the ones after not
-- yet, where Postgres's row triggers, run after the whole statement, would all see all of them (the pairs of two of
-- them counted twice or never). The statement triggers add (or take out) what the statement's memberships contributed
-- as one set: the same sums as SQLite's row by row, and no key a row passes through that the set does not.
CREATE FUNCTION value_groups_value_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_group_revenue (segment_id, channel, kind, group_value, customers, revenue)
	SELECT s.segment_id, c.channel, g.kind, g.group_value, 0, NEW.revenue
	FROM (SELECT 'cohort' AS kind, substr(first_seen_at, 1, 10) AS group_value FROM customer_facts WHERE customer_id = NEW.customer_id
			UNION ALL SELECT 'stage', coalesce(lifecycle_stage, '') FROM customers WHERE id = NEW.customer_id
			UNION ALL SELECT 'segment', segment_id FROM segment_memberships WHERE customer_id = NEW.customer_id) g,
		(SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = NEW.customer_id) s,
		(SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = NEW.customer_id AND channel IS NOT NULL) c
	ON CONFLICT (segment_id, channel, kind, group_value) DO UPDATE SET customers = value_group_revenue.customers + excluded.customers, revenue = value_group_revenue.revenue + excluded.revenue;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER value_groups_value_insert AFTER INSERT ON customer_value FOR EACH ROW EXECUTE FUNCTION value_groups_value_insert();
--> statement-breakpoint
CREATE FUNCTION value_groups_value_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_group_revenue (segment_id, channel, kind, group_value, customers, revenue)
	SELECT s.segment_id, c.channel, g.kind, g.group_value, 0, NEW.revenue - OLD.revenue
	FROM (SELECT 'cohort' AS kind, substr(first_seen_at, 1, 10) AS group_value FROM customer_facts WHERE customer_id = NEW.customer_id
			UNION ALL SELECT 'stage', coalesce(lifecycle_stage, '') FROM customers WHERE id = NEW.customer_id
			UNION ALL SELECT 'segment', segment_id FROM segment_memberships WHERE customer_id = NEW.customer_id) g,
		(SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = NEW.customer_id) s,
		(SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = NEW.customer_id AND channel IS NOT NULL) c
	ON CONFLICT (segment_id, channel, kind, group_value) DO UPDATE SET customers = value_group_revenue.customers + excluded.customers, revenue = value_group_revenue.revenue + excluded.revenue;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER value_groups_value_update AFTER UPDATE OF revenue ON customer_value FOR EACH ROW
	WHEN (OLD.customer_id IS NOT DISTINCT FROM NEW.customer_id AND OLD.revenue IS DISTINCT FROM NEW.revenue) EXECUTE FUNCTION value_groups_value_update();
--> statement-breakpoint
CREATE FUNCTION value_groups_value_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_group_revenue (segment_id, channel, kind, group_value, customers, revenue)
	SELECT s.segment_id, c.channel, g.kind, g.group_value, 0, -OLD.revenue
	FROM (SELECT 'cohort' AS kind, substr(first_seen_at, 1, 10) AS group_value FROM customer_facts WHERE customer_id = OLD.customer_id
			UNION ALL SELECT 'stage', coalesce(lifecycle_stage, '') FROM customers WHERE id = OLD.customer_id
			UNION ALL SELECT 'segment', segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id) g,
		(SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id) s,
		(SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = OLD.customer_id AND channel IS NOT NULL) c
	ON CONFLICT (segment_id, channel, kind, group_value) DO UPDATE SET customers = value_group_revenue.customers + excluded.customers, revenue = value_group_revenue.revenue + excluded.revenue;
		INSERT INTO value_group_revenue (segment_id, channel, kind, group_value, customers, revenue)
	SELECT s.segment_id, c.channel, g.kind, g.group_value, 0, NEW.revenue
	FROM (SELECT 'cohort' AS kind, substr(first_seen_at, 1, 10) AS group_value FROM customer_facts WHERE customer_id = NEW.customer_id
			UNION ALL SELECT 'stage', coalesce(lifecycle_stage, '') FROM customers WHERE id = NEW.customer_id
			UNION ALL SELECT 'segment', segment_id FROM segment_memberships WHERE customer_id = NEW.customer_id) g,
		(SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = NEW.customer_id) s,
		(SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = NEW.customer_id AND channel IS NOT NULL) c
	ON CONFLICT (segment_id, channel, kind, group_value) DO UPDATE SET customers = value_group_revenue.customers + excluded.customers, revenue = value_group_revenue.revenue + excluded.revenue;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER value_groups_value_moved AFTER UPDATE OF customer_id ON customer_value FOR EACH ROW
	WHEN (OLD.customer_id IS DISTINCT FROM NEW.customer_id) EXECUTE FUNCTION value_groups_value_moved();
--> statement-breakpoint
CREATE FUNCTION value_groups_value_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_group_revenue (segment_id, channel, kind, group_value, customers, revenue)
	SELECT s.segment_id, c.channel, g.kind, g.group_value, 0, -OLD.revenue
	FROM (SELECT 'cohort' AS kind, substr(first_seen_at, 1, 10) AS group_value FROM customer_facts WHERE customer_id = OLD.customer_id
			UNION ALL SELECT 'stage', coalesce(lifecycle_stage, '') FROM customers WHERE id = OLD.customer_id
			UNION ALL SELECT 'segment', segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id) g,
		(SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id) s,
		(SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = OLD.customer_id AND channel IS NOT NULL) c
	ON CONFLICT (segment_id, channel, kind, group_value) DO UPDATE SET customers = value_group_revenue.customers + excluded.customers, revenue = value_group_revenue.revenue + excluded.revenue;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER value_groups_value_delete AFTER DELETE ON customer_value FOR EACH ROW EXECUTE FUNCTION value_groups_value_delete();
--> statement-breakpoint
CREATE FUNCTION value_groups_customer_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_group_revenue (segment_id, channel, kind, group_value, customers, revenue)
	SELECT s.segment_id, c.channel, 'stage', coalesce(NEW.lifecycle_stage, ''), 1, coalesce((SELECT revenue FROM customer_value WHERE customer_id = NEW.id), 0)
	FROM (SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = NEW.id) s,
		(SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = NEW.id AND channel IS NOT NULL) c
	ON CONFLICT (segment_id, channel, kind, group_value) DO UPDATE SET customers = value_group_revenue.customers + excluded.customers, revenue = value_group_revenue.revenue + excluded.revenue;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER value_groups_customer_insert AFTER INSERT ON customers FOR EACH ROW EXECUTE FUNCTION value_groups_customer_insert();
--> statement-breakpoint
-- NULL and '' are both the '' group: a stage moved between them takes the customer out of it and back in, which SQLite
-- adds up row by row and one Postgres upsert must meet once (the two are summed per stage first).
CREATE FUNCTION value_groups_customer_stage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_group_revenue (segment_id, channel, kind, group_value, customers, revenue)
	SELECT s.segment_id, c.channel, 'stage', x.stage, x.sign, x.sign * coalesce((SELECT revenue FROM customer_value WHERE customer_id = NEW.id), 0)
	FROM (SELECT y.stage, sum(y.sign)::int AS sign FROM (SELECT coalesce(OLD.lifecycle_stage, '') AS stage, -1 AS sign UNION ALL SELECT coalesce(NEW.lifecycle_stage, ''), 1) y GROUP BY y.stage) x,
		(SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = NEW.id) s,
		(SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = NEW.id AND channel IS NOT NULL) c
	ON CONFLICT (segment_id, channel, kind, group_value) DO UPDATE SET customers = value_group_revenue.customers + excluded.customers, revenue = value_group_revenue.revenue + excluded.revenue;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER value_groups_customer_stage AFTER UPDATE OF lifecycle_stage ON customers FOR EACH ROW
	WHEN (OLD.lifecycle_stage IS DISTINCT FROM NEW.lifecycle_stage) EXECUTE FUNCTION value_groups_customer_stage();
--> statement-breakpoint
CREATE FUNCTION value_groups_customer_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_group_revenue (segment_id, channel, kind, group_value, customers, revenue)
	SELECT s.segment_id, c.channel, 'stage', coalesce(OLD.lifecycle_stage, ''), -1, -coalesce((SELECT revenue FROM customer_value WHERE customer_id = OLD.id), 0)
	FROM (SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = OLD.id) s,
		(SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = OLD.id AND channel IS NOT NULL) c
	ON CONFLICT (segment_id, channel, kind, group_value) DO UPDATE SET customers = value_group_revenue.customers + excluded.customers, revenue = value_group_revenue.revenue + excluded.revenue;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER value_groups_customer_delete AFTER DELETE ON customers FOR EACH ROW EXECUTE FUNCTION value_groups_customer_delete();
--> statement-breakpoint
CREATE FUNCTION value_groups_facts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_group_revenue (segment_id, channel, kind, group_value, customers, revenue)
	SELECT s.segment_id, c.channel, g.kind, g.group_value, 1, coalesce((SELECT revenue FROM customer_value WHERE customer_id = NEW.customer_id), 0)
	FROM (SELECT 'cohort' AS kind, substr(NEW.first_seen_at, 1, 10) AS group_value
			UNION ALL SELECT 'stage', coalesce(lifecycle_stage, '') FROM customers WHERE id = NEW.customer_id
			UNION ALL SELECT 'segment', segment_id FROM segment_memberships WHERE customer_id = NEW.customer_id) g,
		(SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = NEW.customer_id) s,
		(SELECT '' AS channel UNION ALL SELECT NEW.channel WHERE NEW.channel IS NOT NULL) c
	WHERE g.kind = 'cohort' OR c.channel <> ''
	ON CONFLICT (segment_id, channel, kind, group_value) DO UPDATE SET customers = value_group_revenue.customers + excluded.customers, revenue = value_group_revenue.revenue + excluded.revenue;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER value_groups_facts_insert AFTER INSERT ON customer_facts FOR EACH ROW EXECUTE FUNCTION value_groups_facts_insert();
--> statement-breakpoint
CREATE FUNCTION value_groups_facts_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_group_revenue (segment_id, channel, kind, group_value, customers, revenue)
	SELECT s.segment_id, c.channel, g.kind, g.group_value, -1, -coalesce((SELECT revenue FROM customer_value WHERE customer_id = OLD.customer_id), 0)
	FROM (SELECT 'cohort' AS kind, substr(OLD.first_seen_at, 1, 10) AS group_value
			UNION ALL SELECT 'stage', coalesce(lifecycle_stage, '') FROM customers WHERE id = OLD.customer_id
			UNION ALL SELECT 'segment', segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id) g,
		(SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id) s,
		(SELECT '' AS channel UNION ALL SELECT OLD.channel WHERE OLD.channel IS NOT NULL) c
	WHERE g.kind = 'cohort' OR c.channel <> ''
	ON CONFLICT (segment_id, channel, kind, group_value) DO UPDATE SET customers = value_group_revenue.customers + excluded.customers, revenue = value_group_revenue.revenue + excluded.revenue;
		INSERT INTO value_group_revenue (segment_id, channel, kind, group_value, customers, revenue)
	SELECT s.segment_id, c.channel, g.kind, g.group_value, 1, coalesce((SELECT revenue FROM customer_value WHERE customer_id = NEW.customer_id), 0)
	FROM (SELECT 'cohort' AS kind, substr(NEW.first_seen_at, 1, 10) AS group_value
			UNION ALL SELECT 'stage', coalesce(lifecycle_stage, '') FROM customers WHERE id = NEW.customer_id
			UNION ALL SELECT 'segment', segment_id FROM segment_memberships WHERE customer_id = NEW.customer_id) g,
		(SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = NEW.customer_id) s,
		(SELECT '' AS channel UNION ALL SELECT NEW.channel WHERE NEW.channel IS NOT NULL) c
	WHERE g.kind = 'cohort' OR c.channel <> ''
	ON CONFLICT (segment_id, channel, kind, group_value) DO UPDATE SET customers = value_group_revenue.customers + excluded.customers, revenue = value_group_revenue.revenue + excluded.revenue;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER value_groups_facts_update AFTER UPDATE OF customer_id, first_seen_at, channel ON customer_facts FOR EACH ROW
	WHEN (OLD.customer_id IS DISTINCT FROM NEW.customer_id OR substr(OLD.first_seen_at, 1, 10) IS DISTINCT FROM substr(NEW.first_seen_at, 1, 10) OR OLD.channel IS DISTINCT FROM NEW.channel) EXECUTE FUNCTION value_groups_facts_update();
--> statement-breakpoint
CREATE FUNCTION value_groups_facts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_group_revenue (segment_id, channel, kind, group_value, customers, revenue)
	SELECT s.segment_id, c.channel, g.kind, g.group_value, -1, -coalesce((SELECT revenue FROM customer_value WHERE customer_id = OLD.customer_id), 0)
	FROM (SELECT 'cohort' AS kind, substr(OLD.first_seen_at, 1, 10) AS group_value
			UNION ALL SELECT 'stage', coalesce(lifecycle_stage, '') FROM customers WHERE id = OLD.customer_id
			UNION ALL SELECT 'segment', segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id) g,
		(SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id) s,
		(SELECT '' AS channel UNION ALL SELECT OLD.channel WHERE OLD.channel IS NOT NULL) c
	WHERE g.kind = 'cohort' OR c.channel <> ''
	ON CONFLICT (segment_id, channel, kind, group_value) DO UPDATE SET customers = value_group_revenue.customers + excluded.customers, revenue = value_group_revenue.revenue + excluded.revenue;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER value_groups_facts_delete AFTER DELETE ON customer_facts FOR EACH ROW EXECUTE FUNCTION value_groups_facts_delete();
--> statement-breakpoint
-- Memberships joined (per statement). SQLite's row trigger for a membership of segment S counts the customer under
-- (every scope they have, group S) and (scope S, every group they are in), reading their memberships just after that
-- row. Summed over the statement's rows of one customer, in any order: (a) the joined segment as a group under every
-- scope the customer has once the statement is done, and (b) under the joined segment's scope, every group but the
-- segments this statement joins (each pair of those is counted once each way by (a)). Aggregated per key before the
-- upsert, which may then meet a key once only.
CREATE FUNCTION value_groups_member_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_group_revenue (segment_id, channel, kind, group_value, customers, revenue)
	SELECT x.segment_id, x.channel, x.kind, x.group_value, count(*), sum(x.revenue)
	FROM (
		SELECT s.segment_id, c.channel, 'segment' AS kind, n.segment_id AS group_value, coalesce(v.revenue, 0) AS revenue
		FROM joined_rows n LEFT JOIN customer_value v ON v.customer_id = n.customer_id
		CROSS JOIN LATERAL (SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = n.customer_id) s
		CROSS JOIN LATERAL (SELECT '' AS channel UNION ALL SELECT f.channel FROM customer_facts f WHERE f.customer_id = n.customer_id AND f.channel IS NOT NULL) c
		UNION ALL
		SELECT n.segment_id, c.channel, g.kind, g.group_value, coalesce(v.revenue, 0)
		FROM joined_rows n LEFT JOIN customer_value v ON v.customer_id = n.customer_id
		CROSS JOIN LATERAL (SELECT 'cohort' AS kind, substr(f.first_seen_at, 1, 10) AS group_value FROM customer_facts f WHERE f.customer_id = n.customer_id
			UNION ALL SELECT 'stage', coalesce(u.lifecycle_stage, '') FROM customers u WHERE u.id = n.customer_id
			UNION ALL SELECT 'segment', m.segment_id FROM segment_memberships m WHERE m.customer_id = n.customer_id
				AND NOT EXISTS (SELECT 1 FROM joined_rows o WHERE o.customer_id = m.customer_id AND o.segment_id = m.segment_id)) g
		CROSS JOIN LATERAL (SELECT '' AS channel UNION ALL SELECT f.channel FROM customer_facts f WHERE f.customer_id = n.customer_id AND f.channel IS NOT NULL) c
	) x
	GROUP BY x.segment_id, x.channel, x.kind, x.group_value
	ON CONFLICT (segment_id, channel, kind, group_value) DO UPDATE SET customers = value_group_revenue.customers + excluded.customers, revenue = value_group_revenue.revenue + excluded.revenue;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER value_groups_member_insert AFTER INSERT ON segment_memberships REFERENCING NEW TABLE AS joined_rows
	FOR EACH STATEMENT EXECUTE FUNCTION value_groups_member_insert();
--> statement-breakpoint
-- Memberships left (per statement): the mirror of the above. SQLite's row trigger reads the memberships just after
-- its row (those the statement deletes later still there), so: (a) the left segment as a group under every scope the
-- customer had before the statement (those held now plus those left), and (b) under the left segment's scope, every
-- group they are in now.
CREATE FUNCTION value_groups_member_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_group_revenue (segment_id, channel, kind, group_value, customers, revenue)
	SELECT x.segment_id, x.channel, x.kind, x.group_value, -count(*), -sum(x.revenue)
	FROM (
		SELECT s.segment_id, c.channel, 'segment' AS kind, o.segment_id AS group_value, coalesce(v.revenue, 0) AS revenue
		FROM left_rows o LEFT JOIN customer_value v ON v.customer_id = o.customer_id
		CROSS JOIN LATERAL (SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = o.customer_id
			UNION ALL SELECT l.segment_id FROM left_rows l WHERE l.customer_id = o.customer_id) s
		CROSS JOIN LATERAL (SELECT '' AS channel UNION ALL SELECT f.channel FROM customer_facts f WHERE f.customer_id = o.customer_id AND f.channel IS NOT NULL) c
		UNION ALL
		SELECT o.segment_id, c.channel, g.kind, g.group_value, coalesce(v.revenue, 0)
		FROM left_rows o LEFT JOIN customer_value v ON v.customer_id = o.customer_id
		CROSS JOIN LATERAL (SELECT 'cohort' AS kind, substr(f.first_seen_at, 1, 10) AS group_value FROM customer_facts f WHERE f.customer_id = o.customer_id
			UNION ALL SELECT 'stage', coalesce(u.lifecycle_stage, '') FROM customers u WHERE u.id = o.customer_id
			UNION ALL SELECT 'segment', m.segment_id FROM segment_memberships m WHERE m.customer_id = o.customer_id) g
		CROSS JOIN LATERAL (SELECT '' AS channel UNION ALL SELECT f.channel FROM customer_facts f WHERE f.customer_id = o.customer_id AND f.channel IS NOT NULL) c
	) x
	GROUP BY x.segment_id, x.channel, x.kind, x.group_value
	ON CONFLICT (segment_id, channel, kind, group_value) DO UPDATE SET customers = value_group_revenue.customers + excluded.customers, revenue = value_group_revenue.revenue + excluded.revenue;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER value_groups_member_delete AFTER DELETE ON segment_memberships REFERENCING OLD TABLE AS left_rows
	FOR EACH STATEMENT EXECUTE FUNCTION value_groups_member_delete();
