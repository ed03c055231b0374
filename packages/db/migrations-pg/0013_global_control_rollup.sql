-- The Postgres form of SQLite migration 0043 (the global control rollup's triggers; see that migration for what the
-- tables hold): one plpgsql function per trigger, named after it. Deliberate differences:
-- * global_control.in_control is a boolean here and the rollups' in_control a bigint (0/1, as SQLite stores both): cast.
-- * The triggers on customer_revenue_days (revenue_day_added, _changed, _removed) read the table they fire on (a
--   customer's previous and next days, the days to multiply with). SQLite runs a row trigger right after its row, so
--   when one statement writes several days of a customer (a merge's INSERT … SELECT, a forget's `DELETE … WHERE
--   customer_id = ?`) each call sees the days before it written and the ones after not yet; Postgres runs row
--   triggers after the whole statement, where every call would see all of them. These three run once per statement
--   over its transition table instead and take its rows one by one against the table as it was just after each (the
--   cells a customer's days pass through on the way — left at 0 — included). Not reproduced: one INSERT … ON
--   CONFLICT DO UPDATE that both adds and tops up days of the same customer (its insert and update halves fire apart
--   in Postgres); the app's upsert writes one day per statement.
CREATE FUNCTION global_control_groups_assigned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO global_control_groups (in_control, customers) VALUES (NEW.in_control::int, 1) ON CONFLICT (in_control) DO UPDATE SET customers = global_control_groups.customers + 1;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER global_control_groups_assigned AFTER INSERT ON global_control FOR EACH ROW EXECUTE FUNCTION global_control_groups_assigned();
--> statement-breakpoint
CREATE FUNCTION global_control_groups_unassigned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE global_control_groups SET customers = customers - 1 WHERE in_control = OLD.in_control::int;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER global_control_groups_unassigned AFTER DELETE ON global_control FOR EACH ROW EXECUTE FUNCTION global_control_groups_unassigned();
--> statement-breakpoint
CREATE FUNCTION global_control_groups_regrouped() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE global_control_groups SET customers = customers - 1 WHERE in_control = OLD.in_control::int;
		INSERT INTO global_control_groups (in_control, customers) VALUES (NEW.in_control::int, 1) ON CONFLICT (in_control) DO UPDATE SET customers = global_control_groups.customers + 1;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER global_control_groups_regrouped AFTER UPDATE OF in_control ON global_control FOR EACH ROW
	WHEN (OLD.in_control IS DISTINCT FROM NEW.in_control) EXECUTE FUNCTION global_control_groups_regrouped();
--> statement-breakpoint
-- The three revenue-day triggers run once per statement over its transition table (see the top), taking its rows one
-- by one as SQLite's row triggers do: each row's change is counted against the customer's days as they are just after
-- that row (`cur`: the table as it is now, with the statement's rows not yet taken back to what they were before).
-- Added: the statement's rows in the order it inserted them (a VALUES list's, an INSERT … SELECT's own order).
CREATE FUNCTION global_control_revenue_day_added() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	r customer_revenue_days;
	pending customer_revenue_days[];
BEGIN
	SELECT array_agg(ROW(a.day, a.customer_id, a.revenue)::customer_revenue_days) INTO pending FROM added_days a;
	FOR r IN SELECT a.day, a.customer_id, a.revenue FROM added_days a LOOP
		pending := array_remove(pending, r);
		INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		WITH cur AS (SELECT t.day, t.revenue FROM customer_revenue_days t WHERE t.customer_id = r.customer_id
			AND NOT EXISTS (SELECT 1 FROM unnest(pending) p WHERE p.customer_id = t.customer_id AND p.day = t.day))
		SELECT k.filter_key, k.in_control, x.day, x.prev_day, x.customers, x.revenue FROM (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = r.customer_id) s WHERE g.customer_id = r.customer_id) k,
			(SELECT r.day AS day, coalesce((SELECT max(day) FROM cur WHERE day < r.day), '') AS prev_day, 1 AS customers, r.revenue AS revenue
			 UNION ALL SELECT n.day, coalesce((SELECT max(day) FROM cur WHERE day < r.day), ''), -1, -n.revenue FROM (SELECT day, revenue FROM cur WHERE day > r.day ORDER BY day LIMIT 1) n
			 UNION ALL SELECT n.day, r.day, 1, n.revenue FROM (SELECT day, revenue FROM cur WHERE day > r.day ORDER BY day LIMIT 1) n) x
		ON CONFLICT (filter_key, in_control, day, prev_day) DO UPDATE SET customers = global_control_revenue_cells.customers + excluded.customers, revenue = global_control_revenue_cells.revenue + excluded.revenue;
		INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		WITH cur AS (SELECT t.day, t.revenue FROM customer_revenue_days t WHERE t.customer_id = r.customer_id
			AND NOT EXISTS (SELECT 1 FROM unnest(pending) p WHERE p.customer_id = t.customer_id AND p.day = t.day))
		SELECT k.filter_key, k.in_control, least(e.day, r.day), greatest(e.day, r.day), r.revenue * e.revenue
		FROM cur e, (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = r.customer_id) s WHERE g.customer_id = r.customer_id) k
		ON CONFLICT (filter_key, in_control, day, later_day) DO UPDATE SET product = global_control_revenue_products.product + excluded.product;
	END LOOP;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER global_control_revenue_day_added AFTER INSERT ON customer_revenue_days REFERENCING NEW TABLE AS added_days
	FOR EACH STATEMENT EXECUTE FUNCTION global_control_revenue_day_added();
--> statement-breakpoint
-- Changed: SQLite's `UPDATE OF revenue … WHEN OLD.revenue IS NOT NEW.revenue` as the rows whose revenue changed (a
-- trigger with transition tables cannot name columns), paired by key (the app never moves a revenue day to another day
-- or customer). Their order does not matter here (every row adds to cells and products that are there already).
CREATE FUNCTION global_control_revenue_day_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	r record;
	pending customer_revenue_days[];
BEGIN
	SELECT array_agg(ROW(o.day, o.customer_id, o.revenue)::customer_revenue_days) INTO pending
	FROM old_days o JOIN new_days n ON n.customer_id = o.customer_id AND n.day = o.day WHERE n.revenue IS DISTINCT FROM o.revenue;
	FOR r IN SELECT n.day, n.customer_id, n.revenue, o.revenue AS old_revenue FROM old_days o JOIN new_days n ON n.customer_id = o.customer_id AND n.day = o.day
		WHERE n.revenue IS DISTINCT FROM o.revenue ORDER BY n.customer_id, n.day LOOP
		pending := array_remove(pending, ROW(r.day, r.customer_id, r.old_revenue)::customer_revenue_days);
		INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, r.day, coalesce((SELECT max(day) FROM customer_revenue_days WHERE customer_id = r.customer_id AND day < r.day), ''), 0, r.revenue - r.old_revenue FROM (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = r.customer_id) s WHERE g.customer_id = r.customer_id) k
		ON CONFLICT (filter_key, in_control, day, prev_day) DO UPDATE SET customers = global_control_revenue_cells.customers + excluded.customers, revenue = global_control_revenue_cells.revenue + excluded.revenue;
		INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		WITH cur AS (SELECT t.day, coalesce((SELECT p.revenue FROM unnest(pending) p WHERE p.customer_id = t.customer_id AND p.day = t.day), t.revenue) AS revenue
			FROM customer_revenue_days t WHERE t.customer_id = r.customer_id)
		SELECT k.filter_key, k.in_control, least(e.day, r.day), greatest(e.day, r.day),
			CASE WHEN e.day = r.day THEN r.revenue * r.revenue - r.old_revenue * r.old_revenue ELSE (r.revenue - r.old_revenue) * e.revenue END
		FROM cur e, (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = r.customer_id) s WHERE g.customer_id = r.customer_id) k
		ON CONFLICT (filter_key, in_control, day, later_day) DO UPDATE SET product = global_control_revenue_products.product + excluded.product;
	END LOOP;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER global_control_revenue_day_changed AFTER UPDATE ON customer_revenue_days REFERENCING OLD TABLE AS old_days NEW TABLE AS new_days
	FOR EACH STATEMENT EXECUTE FUNCTION global_control_revenue_day_changed();
--> statement-breakpoint
-- Removed: the statement's rows in each customer's day order, the order SQLite deletes them in (`DELETE … WHERE
-- customer_id = ?` walks the index customer_revenue_days_customer); `cur` adds back the days still to be taken.
CREATE FUNCTION global_control_revenue_day_removed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	r customer_revenue_days;
	pending customer_revenue_days[];
BEGIN
	SELECT array_agg(ROW(o.day, o.customer_id, o.revenue)::customer_revenue_days) INTO pending FROM removed_days o;
	FOR r IN SELECT o.day, o.customer_id, o.revenue FROM removed_days o ORDER BY o.customer_id, o.day LOOP
		pending := array_remove(pending, r);
		INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		WITH cur AS (SELECT t.day, t.revenue FROM customer_revenue_days t WHERE t.customer_id = r.customer_id
			UNION ALL SELECT p.day, p.revenue FROM unnest(pending) p WHERE p.customer_id = r.customer_id)
		SELECT k.filter_key, k.in_control, x.day, x.prev_day, x.customers, x.revenue FROM (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = r.customer_id) s WHERE g.customer_id = r.customer_id) k,
			(SELECT r.day AS day, coalesce((SELECT max(day) FROM cur WHERE day < r.day), '') AS prev_day, -1 AS customers, -r.revenue AS revenue
			 UNION ALL SELECT n.day, coalesce((SELECT max(day) FROM cur WHERE day < r.day), ''), 1, n.revenue FROM (SELECT day, revenue FROM cur WHERE day > r.day ORDER BY day LIMIT 1) n
			 UNION ALL SELECT n.day, r.day, -1, -n.revenue FROM (SELECT day, revenue FROM cur WHERE day > r.day ORDER BY day LIMIT 1) n) x
		ON CONFLICT (filter_key, in_control, day, prev_day) DO UPDATE SET customers = global_control_revenue_cells.customers + excluded.customers, revenue = global_control_revenue_cells.revenue + excluded.revenue;
		INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		WITH cur AS (SELECT t.day, t.revenue FROM customer_revenue_days t WHERE t.customer_id = r.customer_id
			UNION ALL SELECT p.day, p.revenue FROM unnest(pending) p WHERE p.customer_id = r.customer_id),
		k AS (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = r.customer_id) s WHERE g.customer_id = r.customer_id)
		SELECT k.filter_key, k.in_control, r.day, r.day, -r.revenue * r.revenue FROM k
		UNION ALL SELECT k.filter_key, k.in_control, least(e.day, r.day), greatest(e.day, r.day), -r.revenue * e.revenue FROM cur e, k
		ON CONFLICT (filter_key, in_control, day, later_day) DO UPDATE SET product = global_control_revenue_products.product + excluded.product;
	END LOOP;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER global_control_revenue_day_removed AFTER DELETE ON customer_revenue_days REFERENCING OLD TABLE AS removed_days
	FOR EACH STATEMENT EXECUTE FUNCTION global_control_revenue_day_removed();
--> statement-breakpoint
CREATE FUNCTION global_control_assigned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, (SELECT substr(first_seen_at, 1, 10) FROM customer_facts WHERE customer_id = NEW.customer_id), 1 FROM (SELECT NEW.in_control::int AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE f.customer_id = NEW.customer_id) k
		ON CONFLICT (filter_key, in_control, day) DO UPDATE SET customers = global_control_first_seen.customers + excluded.customers;
		INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, 1, 1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = NEW.customer_id) p, (SELECT NEW.in_control::int AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE f.customer_id = NEW.customer_id) k
		ON CONFLICT (filter_key, in_control, day, prev_day) DO UPDATE SET customers = global_control_revenue_cells.customers + excluded.customers, revenue = global_control_revenue_cells.revenue + excluded.revenue;
		INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, 1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT NEW.in_control::int AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE f.customer_id = NEW.customer_id) k WHERE a.customer_id = NEW.customer_id
		ON CONFLICT (filter_key, in_control, day, later_day) DO UPDATE SET product = global_control_revenue_products.product + excluded.product;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER global_control_assigned AFTER INSERT ON global_control FOR EACH ROW EXECUTE FUNCTION global_control_assigned();
--> statement-breakpoint
CREATE FUNCTION global_control_unassigned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, (SELECT substr(first_seen_at, 1, 10) FROM customer_facts WHERE customer_id = OLD.customer_id), -1 FROM (SELECT OLD.in_control::int AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = OLD.customer_id) s WHERE f.customer_id = OLD.customer_id) k
		ON CONFLICT (filter_key, in_control, day) DO UPDATE SET customers = global_control_first_seen.customers + excluded.customers;
		INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, -1, -1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = OLD.customer_id) p, (SELECT OLD.in_control::int AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = OLD.customer_id) s WHERE f.customer_id = OLD.customer_id) k
		ON CONFLICT (filter_key, in_control, day, prev_day) DO UPDATE SET customers = global_control_revenue_cells.customers + excluded.customers, revenue = global_control_revenue_cells.revenue + excluded.revenue;
		INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, -1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT OLD.in_control::int AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = OLD.customer_id) s WHERE f.customer_id = OLD.customer_id) k WHERE a.customer_id = OLD.customer_id
		ON CONFLICT (filter_key, in_control, day, later_day) DO UPDATE SET product = global_control_revenue_products.product + excluded.product;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER global_control_unassigned AFTER DELETE ON global_control FOR EACH ROW EXECUTE FUNCTION global_control_unassigned();
--> statement-breakpoint
CREATE FUNCTION global_control_regrouped() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, (SELECT substr(first_seen_at, 1, 10) FROM customer_facts WHERE customer_id = OLD.customer_id), -1 FROM (SELECT OLD.in_control::int AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = OLD.customer_id) s WHERE f.customer_id = OLD.customer_id) k
		ON CONFLICT (filter_key, in_control, day) DO UPDATE SET customers = global_control_first_seen.customers + excluded.customers;
		INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, -1, -1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = OLD.customer_id) p, (SELECT OLD.in_control::int AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = OLD.customer_id) s WHERE f.customer_id = OLD.customer_id) k
		ON CONFLICT (filter_key, in_control, day, prev_day) DO UPDATE SET customers = global_control_revenue_cells.customers + excluded.customers, revenue = global_control_revenue_cells.revenue + excluded.revenue;
		INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, -1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT OLD.in_control::int AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = OLD.customer_id) s WHERE f.customer_id = OLD.customer_id) k WHERE a.customer_id = OLD.customer_id
		ON CONFLICT (filter_key, in_control, day, later_day) DO UPDATE SET product = global_control_revenue_products.product + excluded.product;
		INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, (SELECT substr(first_seen_at, 1, 10) FROM customer_facts WHERE customer_id = NEW.customer_id), 1 FROM (SELECT NEW.in_control::int AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE f.customer_id = NEW.customer_id) k
		ON CONFLICT (filter_key, in_control, day) DO UPDATE SET customers = global_control_first_seen.customers + excluded.customers;
		INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, 1, 1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = NEW.customer_id) p, (SELECT NEW.in_control::int AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE f.customer_id = NEW.customer_id) k
		ON CONFLICT (filter_key, in_control, day, prev_day) DO UPDATE SET customers = global_control_revenue_cells.customers + excluded.customers, revenue = global_control_revenue_cells.revenue + excluded.revenue;
		INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, 1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT NEW.in_control::int AS in_control, s.filter_key AS filter_key FROM customer_facts f,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE f.customer_id = NEW.customer_id) k WHERE a.customer_id = NEW.customer_id
		ON CONFLICT (filter_key, in_control, day, later_day) DO UPDATE SET product = global_control_revenue_products.product + excluded.product;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER global_control_regrouped AFTER UPDATE OF in_control ON global_control FOR EACH ROW
	WHEN (OLD.in_control IS DISTINCT FROM NEW.in_control) EXECUTE FUNCTION global_control_regrouped();
--> statement-breakpoint
CREATE FUNCTION global_control_facts_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, substr(NEW.first_seen_at, 1, 10), 1 FROM (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE g.customer_id = NEW.customer_id) k
		ON CONFLICT (filter_key, in_control, day) DO UPDATE SET customers = global_control_first_seen.customers + excluded.customers;
		INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, 1, 1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = NEW.customer_id) p, (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE g.customer_id = NEW.customer_id) k
		ON CONFLICT (filter_key, in_control, day, prev_day) DO UPDATE SET customers = global_control_revenue_cells.customers + excluded.customers, revenue = global_control_revenue_cells.revenue + excluded.revenue;
		INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, 1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE g.customer_id = NEW.customer_id) k WHERE a.customer_id = NEW.customer_id
		ON CONFLICT (filter_key, in_control, day, later_day) DO UPDATE SET product = global_control_revenue_products.product + excluded.product;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER global_control_facts_added AFTER INSERT ON customer_facts FOR EACH ROW EXECUTE FUNCTION global_control_facts_added();
--> statement-breakpoint
CREATE FUNCTION global_control_facts_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, substr(OLD.first_seen_at, 1, 10), -1 FROM (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g,
			(SELECT '*' AS filter_key UNION ALL SELECT 'c:' || OLD.channel WHERE OLD.channel IS NOT NULL
			 UNION ALL SELECT 's:' || segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id
			 UNION ALL SELECT 's:' || segment_id || '|c:' || OLD.channel FROM segment_memberships WHERE customer_id = OLD.customer_id AND OLD.channel IS NOT NULL) s WHERE g.customer_id = OLD.customer_id) k
		ON CONFLICT (filter_key, in_control, day) DO UPDATE SET customers = global_control_first_seen.customers + excluded.customers;
		INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, -1, -1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = OLD.customer_id) p, (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g,
			(SELECT '*' AS filter_key UNION ALL SELECT 'c:' || OLD.channel WHERE OLD.channel IS NOT NULL
			 UNION ALL SELECT 's:' || segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id
			 UNION ALL SELECT 's:' || segment_id || '|c:' || OLD.channel FROM segment_memberships WHERE customer_id = OLD.customer_id AND OLD.channel IS NOT NULL) s WHERE g.customer_id = OLD.customer_id) k
		ON CONFLICT (filter_key, in_control, day, prev_day) DO UPDATE SET customers = global_control_revenue_cells.customers + excluded.customers, revenue = global_control_revenue_cells.revenue + excluded.revenue;
		INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, -1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g,
			(SELECT '*' AS filter_key UNION ALL SELECT 'c:' || OLD.channel WHERE OLD.channel IS NOT NULL
			 UNION ALL SELECT 's:' || segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id
			 UNION ALL SELECT 's:' || segment_id || '|c:' || OLD.channel FROM segment_memberships WHERE customer_id = OLD.customer_id AND OLD.channel IS NOT NULL) s WHERE g.customer_id = OLD.customer_id) k WHERE a.customer_id = OLD.customer_id
		ON CONFLICT (filter_key, in_control, day, later_day) DO UPDATE SET product = global_control_revenue_products.product + excluded.product;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER global_control_facts_removed AFTER DELETE ON customer_facts FOR EACH ROW EXECUTE FUNCTION global_control_facts_removed();
--> statement-breakpoint
CREATE FUNCTION global_control_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, substr(OLD.first_seen_at, 1, 10), -1 FROM (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g,
			(SELECT '*' AS filter_key UNION ALL SELECT 'c:' || OLD.channel WHERE OLD.channel IS NOT NULL
			 UNION ALL SELECT 's:' || segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id
			 UNION ALL SELECT 's:' || segment_id || '|c:' || OLD.channel FROM segment_memberships WHERE customer_id = OLD.customer_id AND OLD.channel IS NOT NULL) s WHERE g.customer_id = OLD.customer_id) k
		ON CONFLICT (filter_key, in_control, day) DO UPDATE SET customers = global_control_first_seen.customers + excluded.customers;
		INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, substr(NEW.first_seen_at, 1, 10), 1 FROM (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) s WHERE g.customer_id = NEW.customer_id) k
		ON CONFLICT (filter_key, in_control, day) DO UPDATE SET customers = global_control_first_seen.customers + excluded.customers;
		INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, -1, -1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = OLD.customer_id) p, (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g,
			(SELECT 'c:' || OLD.channel AS filter_key WHERE OLD.channel IS NOT NULL
			 UNION ALL SELECT 's:' || segment_id || '|c:' || OLD.channel FROM segment_memberships WHERE customer_id = OLD.customer_id AND OLD.channel IS NOT NULL) s
			WHERE g.customer_id = OLD.customer_id AND OLD.channel IS DISTINCT FROM NEW.channel) k
		ON CONFLICT (filter_key, in_control, day, prev_day) DO UPDATE SET customers = global_control_revenue_cells.customers + excluded.customers, revenue = global_control_revenue_cells.revenue + excluded.revenue;
		INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, -1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g,
			(SELECT 'c:' || OLD.channel AS filter_key WHERE OLD.channel IS NOT NULL
			 UNION ALL SELECT 's:' || segment_id || '|c:' || OLD.channel FROM segment_memberships WHERE customer_id = OLD.customer_id AND OLD.channel IS NOT NULL) s
			WHERE g.customer_id = OLD.customer_id AND OLD.channel IS DISTINCT FROM NEW.channel) k WHERE a.customer_id = OLD.customer_id
		ON CONFLICT (filter_key, in_control, day, later_day) DO UPDATE SET product = global_control_revenue_products.product + excluded.product;
		INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, 1, 1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = NEW.customer_id) p, (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g,
			(SELECT 'c:' || NEW.channel AS filter_key WHERE NEW.channel IS NOT NULL
			 UNION ALL SELECT 's:' || segment_id || '|c:' || NEW.channel FROM segment_memberships WHERE customer_id = NEW.customer_id AND NEW.channel IS NOT NULL) s
			WHERE g.customer_id = NEW.customer_id AND OLD.channel IS DISTINCT FROM NEW.channel) k
		ON CONFLICT (filter_key, in_control, day, prev_day) DO UPDATE SET customers = global_control_revenue_cells.customers + excluded.customers, revenue = global_control_revenue_cells.revenue + excluded.revenue;
		INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, 1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g,
			(SELECT 'c:' || NEW.channel AS filter_key WHERE NEW.channel IS NOT NULL
			 UNION ALL SELECT 's:' || segment_id || '|c:' || NEW.channel FROM segment_memberships WHERE customer_id = NEW.customer_id AND NEW.channel IS NOT NULL) s
			WHERE g.customer_id = NEW.customer_id AND OLD.channel IS DISTINCT FROM NEW.channel) k WHERE a.customer_id = NEW.customer_id
		ON CONFLICT (filter_key, in_control, day, later_day) DO UPDATE SET product = global_control_revenue_products.product + excluded.product;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER global_control_facts_changed AFTER UPDATE OF first_seen_at, channel ON customer_facts FOR EACH ROW
	WHEN (OLD.first_seen_at IS DISTINCT FROM NEW.first_seen_at OR OLD.channel IS DISTINCT FROM NEW.channel) EXECUTE FUNCTION global_control_facts_changed();
--> statement-breakpoint
CREATE FUNCTION global_control_member_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, (SELECT substr(first_seen_at, 1, 10) FROM customer_facts WHERE customer_id = NEW.customer_id), 1 FROM (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT 's:' || NEW.segment_id AS filter_key UNION ALL SELECT 's:' || NEW.segment_id || '|c:' || channel FROM customer_facts WHERE customer_id = NEW.customer_id AND channel IS NOT NULL) s
			WHERE g.customer_id = NEW.customer_id) k
		ON CONFLICT (filter_key, in_control, day) DO UPDATE SET customers = global_control_first_seen.customers + excluded.customers;
		INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, 1, 1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = NEW.customer_id) p, (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT 's:' || NEW.segment_id AS filter_key UNION ALL SELECT 's:' || NEW.segment_id || '|c:' || channel FROM customer_facts WHERE customer_id = NEW.customer_id AND channel IS NOT NULL) s
			WHERE g.customer_id = NEW.customer_id) k
		ON CONFLICT (filter_key, in_control, day, prev_day) DO UPDATE SET customers = global_control_revenue_cells.customers + excluded.customers, revenue = global_control_revenue_cells.revenue + excluded.revenue;
		INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, 1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT 's:' || NEW.segment_id AS filter_key UNION ALL SELECT 's:' || NEW.segment_id || '|c:' || channel FROM customer_facts WHERE customer_id = NEW.customer_id AND channel IS NOT NULL) s
			WHERE g.customer_id = NEW.customer_id) k WHERE a.customer_id = NEW.customer_id
		ON CONFLICT (filter_key, in_control, day, later_day) DO UPDATE SET product = global_control_revenue_products.product + excluded.product;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER global_control_member_added AFTER INSERT ON segment_memberships FOR EACH ROW EXECUTE FUNCTION global_control_member_added();
--> statement-breakpoint
CREATE FUNCTION global_control_member_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO global_control_first_seen (filter_key, in_control, day, customers)
		SELECT k.filter_key, k.in_control, (SELECT substr(first_seen_at, 1, 10) FROM customer_facts WHERE customer_id = OLD.customer_id), -1 FROM (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT 's:' || OLD.segment_id AS filter_key UNION ALL SELECT 's:' || OLD.segment_id || '|c:' || channel FROM customer_facts WHERE customer_id = OLD.customer_id AND channel IS NOT NULL) s
			WHERE g.customer_id = OLD.customer_id) k
		ON CONFLICT (filter_key, in_control, day) DO UPDATE SET customers = global_control_first_seen.customers + excluded.customers;
		INSERT INTO global_control_revenue_cells (filter_key, in_control, day, prev_day, customers, revenue)
		SELECT k.filter_key, k.in_control, p.day, p.prev_day, -1, -1 * p.revenue
		FROM (SELECT day, revenue, coalesce(lag(day) OVER (ORDER BY day), '') AS prev_day FROM customer_revenue_days WHERE customer_id = OLD.customer_id) p, (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT 's:' || OLD.segment_id AS filter_key UNION ALL SELECT 's:' || OLD.segment_id || '|c:' || channel FROM customer_facts WHERE customer_id = OLD.customer_id AND channel IS NOT NULL) s
			WHERE g.customer_id = OLD.customer_id) k
		ON CONFLICT (filter_key, in_control, day, prev_day) DO UPDATE SET customers = global_control_revenue_cells.customers + excluded.customers, revenue = global_control_revenue_cells.revenue + excluded.revenue;
		INSERT INTO global_control_revenue_products (filter_key, in_control, day, later_day, product)
		SELECT k.filter_key, k.in_control, a.day, b.day, -1 * a.revenue * b.revenue
		FROM customer_revenue_days a JOIN customer_revenue_days b ON b.customer_id = a.customer_id AND b.day >= a.day, (SELECT g.in_control::int AS in_control, s.filter_key AS filter_key FROM global_control g JOIN customer_facts f ON f.customer_id = g.customer_id,
			(SELECT 's:' || OLD.segment_id AS filter_key UNION ALL SELECT 's:' || OLD.segment_id || '|c:' || channel FROM customer_facts WHERE customer_id = OLD.customer_id AND channel IS NOT NULL) s
			WHERE g.customer_id = OLD.customer_id) k WHERE a.customer_id = OLD.customer_id
		ON CONFLICT (filter_key, in_control, day, later_day) DO UPDATE SET product = global_control_revenue_products.product + excluded.product;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER global_control_member_removed AFTER DELETE ON segment_memberships FOR EACH ROW EXECUTE FUNCTION global_control_member_removed();

