-- The Postgres form of SQLite migration 0029 (value_retention_rollups): the triggers that keep the revenue and
-- first-seen counters per filter scope (revenue_scope_days, revenue_scope_payers, customer_scope_first_seen) current.
-- Same statements as SQLite's, two deliberate differences:
-- - revenue_scopes_day_removed fires BEFORE DELETE, not after. Postgres runs AFTER row triggers once the whole
--   statement is done (SQLite: each right after its row), so when a forget deletes all of a customer's days in one
--   statement, each day's trigger would find none of the others left to re-link the payer cells around. Before each
--   row, the rows the statement already deleted are gone and the others remain, as SQLite's trigger sees them (the row
--   itself is left out by the strict < and >). Not reproduced: the order. SQLite deletes a customer's days in rowid
--   (first-insert) order, Postgres in its scan order; the counts come out the same, but the cells a multi-day delete
--   passes through and leaves at 0 differ (rows with customers = 0, which every reader sums away).
--   revenue_scopes_day_added stays AFTER INSERT: the app inserts one day per statement (an INSERT of several days of
--   one customer in one statement would see them all and count their payer cells wrong).
-- - value_scopes_facts_changed writes its first-seen moves in two statements (out of the old day and channel, then into
--   the new) where SQLite writes one: a first-seen moved within its day yields the same key twice in one statement,
--   which SQLite's upsert adds up and Postgres's refuses.
CREATE FUNCTION revenue_scopes_day_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO revenue_scope_days (segment_id, channel, day, currency, amount, orders)
		SELECT s.segment_id, c.channel, NEW.day, NEW.currency, NEW.amount, NEW.orders
		FROM (SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) s,
			(SELECT '' AS channel UNION ALL SELECT f.channel FROM customer_facts f WHERE f.customer_id = NEW.customer_id AND f.channel IS NOT NULL) c
		ON CONFLICT (segment_id, channel, day, currency) DO UPDATE SET amount = revenue_scope_days.amount + excluded.amount, orders = revenue_scope_days.orders + excluded.orders;
	INSERT INTO revenue_scope_payers (segment_id, channel, day, prev_day, customers)
		SELECT s.segment_id, c.channel, x.day, x.prev_day, x.delta
		FROM (SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) s,
			(SELECT '' AS channel UNION ALL SELECT f.channel FROM customer_facts f WHERE f.customer_id = NEW.customer_id AND f.channel IS NOT NULL) c,
			(SELECT NEW.day AS day, coalesce(b.prev, '') AS prev_day, 1 AS delta
				FROM (SELECT max(d.day) AS prev FROM customer_revenue_daily d WHERE d.customer_id = NEW.customer_id AND d.currency = '' AND d.day < NEW.day) b
			 UNION ALL SELECT a."next", coalesce(b.prev, ''), -1
				FROM (SELECT max(d.day) AS prev FROM customer_revenue_daily d WHERE d.customer_id = NEW.customer_id AND d.currency = '' AND d.day < NEW.day) b,
					(SELECT min(d.day) AS "next" FROM customer_revenue_daily d WHERE d.customer_id = NEW.customer_id AND d.currency = '' AND d.day > NEW.day) a
				WHERE a."next" IS NOT NULL
			 UNION ALL SELECT a."next", NEW.day, 1
				FROM (SELECT min(d.day) AS "next" FROM customer_revenue_daily d WHERE d.customer_id = NEW.customer_id AND d.currency = '' AND d.day > NEW.day) a
				WHERE a."next" IS NOT NULL) x
		WHERE NEW.currency = ''
		ON CONFLICT (segment_id, channel, day, prev_day) DO UPDATE SET customers = revenue_scope_payers.customers + excluded.customers;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER revenue_scopes_day_added AFTER INSERT ON customer_revenue_daily FOR EACH ROW EXECUTE FUNCTION revenue_scopes_day_added();
--> statement-breakpoint
CREATE FUNCTION revenue_scopes_day_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO revenue_scope_days (segment_id, channel, day, currency, amount, orders)
		SELECT s.segment_id, c.channel, NEW.day, NEW.currency, NEW.amount - OLD.amount, NEW.orders - OLD.orders
		FROM (SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) s,
			(SELECT '' AS channel UNION ALL SELECT f.channel FROM customer_facts f WHERE f.customer_id = NEW.customer_id AND f.channel IS NOT NULL) c
		ON CONFLICT (segment_id, channel, day, currency) DO UPDATE SET amount = revenue_scope_days.amount + excluded.amount, orders = revenue_scope_days.orders + excluded.orders;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER revenue_scopes_day_changed AFTER UPDATE OF amount, orders ON customer_revenue_daily FOR EACH ROW EXECUTE FUNCTION revenue_scopes_day_changed();
--> statement-breakpoint
CREATE FUNCTION revenue_scopes_day_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO revenue_scope_days (segment_id, channel, day, currency, amount, orders)
		SELECT s.segment_id, c.channel, OLD.day, OLD.currency, -OLD.amount, -OLD.orders
		FROM (SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) s,
			(SELECT '' AS channel UNION ALL SELECT f.channel FROM customer_facts f WHERE f.customer_id = OLD.customer_id AND f.channel IS NOT NULL) c
		ON CONFLICT (segment_id, channel, day, currency) DO UPDATE SET amount = revenue_scope_days.amount + excluded.amount, orders = revenue_scope_days.orders + excluded.orders;
	INSERT INTO revenue_scope_payers (segment_id, channel, day, prev_day, customers)
		SELECT s.segment_id, c.channel, x.day, x.prev_day, x.delta
		FROM (SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) s,
			(SELECT '' AS channel UNION ALL SELECT f.channel FROM customer_facts f WHERE f.customer_id = OLD.customer_id AND f.channel IS NOT NULL) c,
			(SELECT OLD.day AS day, coalesce(b.prev, '') AS prev_day, -1 AS delta
				FROM (SELECT max(d.day) AS prev FROM customer_revenue_daily d WHERE d.customer_id = OLD.customer_id AND d.currency = '' AND d.day < OLD.day) b
			 UNION ALL SELECT a."next", coalesce(b.prev, ''), 1
				FROM (SELECT max(d.day) AS prev FROM customer_revenue_daily d WHERE d.customer_id = OLD.customer_id AND d.currency = '' AND d.day < OLD.day) b,
					(SELECT min(d.day) AS "next" FROM customer_revenue_daily d WHERE d.customer_id = OLD.customer_id AND d.currency = '' AND d.day > OLD.day) a
				WHERE a."next" IS NOT NULL
			 UNION ALL SELECT a."next", OLD.day, -1
				FROM (SELECT min(d.day) AS "next" FROM customer_revenue_daily d WHERE d.customer_id = OLD.customer_id AND d.currency = '' AND d.day > OLD.day) a
				WHERE a."next" IS NOT NULL) x
		WHERE OLD.currency = ''
		ON CONFLICT (segment_id, channel, day, prev_day) DO UPDATE SET customers = revenue_scope_payers.customers + excluded.customers;
	RETURN OLD;
END $$;
--> statement-breakpoint
-- BEFORE, not AFTER (see the top of the file): the payer cells re-link as each row goes, as in SQLite.
CREATE TRIGGER revenue_scopes_day_removed BEFORE DELETE ON customer_revenue_daily FOR EACH ROW EXECUTE FUNCTION revenue_scopes_day_removed();
--> statement-breakpoint
CREATE FUNCTION value_scopes_facts_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO customer_scope_first_seen (segment_id, channel, day, customers)
		SELECT s.segment_id, c.channel, substr(NEW.first_seen_at, 1, 10), 1
		FROM (SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) s,
			(SELECT '' AS channel UNION ALL SELECT NEW.channel WHERE NEW.channel IS NOT NULL) c
		ON CONFLICT (segment_id, channel, day) DO UPDATE SET customers = customer_scope_first_seen.customers + excluded.customers;
	INSERT INTO revenue_scope_days (segment_id, channel, day, currency, amount, orders)
		SELECT s.segment_id, NEW.channel, r.day, r.currency, r.amount, r.orders FROM customer_revenue_daily r,
			(SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) s
		WHERE r.customer_id = NEW.customer_id AND NEW.channel IS NOT NULL
		ON CONFLICT (segment_id, channel, day, currency) DO UPDATE SET amount = revenue_scope_days.amount + excluded.amount, orders = revenue_scope_days.orders + excluded.orders;
	INSERT INTO revenue_scope_payers (segment_id, channel, day, prev_day, customers)
		SELECT s.segment_id, NEW.channel, p.day, p.prev_day, 1
		FROM (SELECT d.day, coalesce(lag(d.day) OVER (ORDER BY d.day), '') AS prev_day FROM customer_revenue_daily d WHERE d.customer_id = NEW.customer_id AND d.currency = '') p,
			(SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) s
		WHERE NEW.channel IS NOT NULL
		ON CONFLICT (segment_id, channel, day, prev_day) DO UPDATE SET customers = revenue_scope_payers.customers + excluded.customers;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER value_scopes_facts_added AFTER INSERT ON customer_facts FOR EACH ROW EXECUTE FUNCTION value_scopes_facts_added();
--> statement-breakpoint
CREATE FUNCTION value_scopes_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	-- SQLite's one statement in two (see the top of the file): the old day and channel out, then the new ones in.
	INSERT INTO customer_scope_first_seen (segment_id, channel, day, customers)
		SELECT s.segment_id, c.channel, c.day, c.delta
		FROM (SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) s,
			(SELECT '' AS channel, substr(OLD.first_seen_at, 1, 10) AS day, -1 AS delta
			 UNION ALL SELECT OLD.channel, substr(OLD.first_seen_at, 1, 10), -1 WHERE OLD.channel IS NOT NULL) c
		ON CONFLICT (segment_id, channel, day) DO UPDATE SET customers = customer_scope_first_seen.customers + excluded.customers;
	INSERT INTO customer_scope_first_seen (segment_id, channel, day, customers)
		SELECT s.segment_id, c.channel, c.day, c.delta
		FROM (SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) s,
			(SELECT '' AS channel, substr(NEW.first_seen_at, 1, 10) AS day, 1 AS delta
			 UNION ALL SELECT NEW.channel, substr(NEW.first_seen_at, 1, 10), 1 WHERE NEW.channel IS NOT NULL) c
		ON CONFLICT (segment_id, channel, day) DO UPDATE SET customers = customer_scope_first_seen.customers + excluded.customers;
	INSERT INTO revenue_scope_days (segment_id, channel, day, currency, amount, orders)
		SELECT s.segment_id, c.channel, r.day, r.currency, c.sign * r.amount, c.sign * r.orders FROM customer_revenue_daily r,
			(SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) s,
			(SELECT OLD.channel AS channel, -1 AS sign WHERE OLD.channel IS NOT NULL UNION ALL SELECT NEW.channel, 1 WHERE NEW.channel IS NOT NULL) c
		WHERE r.customer_id = NEW.customer_id AND OLD.channel IS DISTINCT FROM NEW.channel
		ON CONFLICT (segment_id, channel, day, currency) DO UPDATE SET amount = revenue_scope_days.amount + excluded.amount, orders = revenue_scope_days.orders + excluded.orders;
	INSERT INTO revenue_scope_payers (segment_id, channel, day, prev_day, customers)
		SELECT s.segment_id, c.channel, p.day, p.prev_day, c.sign
		FROM (SELECT d.day, coalesce(lag(d.day) OVER (ORDER BY d.day), '') AS prev_day FROM customer_revenue_daily d WHERE d.customer_id = NEW.customer_id AND d.currency = '') p,
			(SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) s,
			(SELECT OLD.channel AS channel, -1 AS sign WHERE OLD.channel IS NOT NULL UNION ALL SELECT NEW.channel, 1 WHERE NEW.channel IS NOT NULL) c
		WHERE OLD.channel IS DISTINCT FROM NEW.channel
		ON CONFLICT (segment_id, channel, day, prev_day) DO UPDATE SET customers = revenue_scope_payers.customers + excluded.customers;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER value_scopes_facts_changed AFTER UPDATE OF first_seen_at, channel ON customer_facts FOR EACH ROW
	WHEN (OLD.first_seen_at IS DISTINCT FROM NEW.first_seen_at OR OLD.channel IS DISTINCT FROM NEW.channel) EXECUTE FUNCTION value_scopes_facts_changed();
--> statement-breakpoint
CREATE FUNCTION value_scopes_facts_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO customer_scope_first_seen (segment_id, channel, day, customers)
		SELECT s.segment_id, c.channel, substr(OLD.first_seen_at, 1, 10), -1
		FROM (SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) s,
			(SELECT '' AS channel UNION ALL SELECT OLD.channel WHERE OLD.channel IS NOT NULL) c
		ON CONFLICT (segment_id, channel, day) DO UPDATE SET customers = customer_scope_first_seen.customers + excluded.customers;
	INSERT INTO revenue_scope_days (segment_id, channel, day, currency, amount, orders)
		SELECT s.segment_id, OLD.channel, r.day, r.currency, -r.amount, -r.orders FROM customer_revenue_daily r,
			(SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) s
		WHERE r.customer_id = OLD.customer_id AND OLD.channel IS NOT NULL
		ON CONFLICT (segment_id, channel, day, currency) DO UPDATE SET amount = revenue_scope_days.amount + excluded.amount, orders = revenue_scope_days.orders + excluded.orders;
	INSERT INTO revenue_scope_payers (segment_id, channel, day, prev_day, customers)
		SELECT s.segment_id, OLD.channel, p.day, p.prev_day, -1
		FROM (SELECT d.day, coalesce(lag(d.day) OVER (ORDER BY d.day), '') AS prev_day FROM customer_revenue_daily d WHERE d.customer_id = OLD.customer_id AND d.currency = '') p,
			(SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) s
		WHERE OLD.channel IS NOT NULL
		ON CONFLICT (segment_id, channel, day, prev_day) DO UPDATE SET customers = revenue_scope_payers.customers + excluded.customers;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER value_scopes_facts_removed AFTER DELETE ON customer_facts FOR EACH ROW EXECUTE FUNCTION value_scopes_facts_removed();
--> statement-breakpoint
CREATE FUNCTION value_scopes_member_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO customer_scope_first_seen (segment_id, channel, day, customers)
		SELECT NEW.segment_id, c.channel, substr(f.first_seen_at, 1, 10), 1 FROM customer_facts f,
			(SELECT '' AS channel UNION ALL SELECT x.channel FROM customer_facts x WHERE x.customer_id = NEW.customer_id AND x.channel IS NOT NULL) c
		WHERE f.customer_id = NEW.customer_id
		ON CONFLICT (segment_id, channel, day) DO UPDATE SET customers = customer_scope_first_seen.customers + excluded.customers;
	INSERT INTO revenue_scope_days (segment_id, channel, day, currency, amount, orders)
		SELECT NEW.segment_id, c.channel, r.day, r.currency, r.amount, r.orders FROM customer_revenue_daily r,
			(SELECT '' AS channel UNION ALL SELECT x.channel FROM customer_facts x WHERE x.customer_id = NEW.customer_id AND x.channel IS NOT NULL) c
		WHERE r.customer_id = NEW.customer_id
		ON CONFLICT (segment_id, channel, day, currency) DO UPDATE SET amount = revenue_scope_days.amount + excluded.amount, orders = revenue_scope_days.orders + excluded.orders;
	INSERT INTO revenue_scope_payers (segment_id, channel, day, prev_day, customers)
		SELECT NEW.segment_id, c.channel, p.day, p.prev_day, 1
		FROM (SELECT d.day, coalesce(lag(d.day) OVER (ORDER BY d.day), '') AS prev_day FROM customer_revenue_daily d WHERE d.customer_id = NEW.customer_id AND d.currency = '') p,
			(SELECT '' AS channel UNION ALL SELECT x.channel FROM customer_facts x WHERE x.customer_id = NEW.customer_id AND x.channel IS NOT NULL) c
		ON CONFLICT (segment_id, channel, day, prev_day) DO UPDATE SET customers = revenue_scope_payers.customers + excluded.customers;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER value_scopes_member_added AFTER INSERT ON segment_memberships FOR EACH ROW EXECUTE FUNCTION value_scopes_member_added();
--> statement-breakpoint
CREATE FUNCTION value_scopes_member_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO customer_scope_first_seen (segment_id, channel, day, customers)
		SELECT OLD.segment_id, c.channel, substr(f.first_seen_at, 1, 10), -1 FROM customer_facts f,
			(SELECT '' AS channel UNION ALL SELECT x.channel FROM customer_facts x WHERE x.customer_id = OLD.customer_id AND x.channel IS NOT NULL) c
		WHERE f.customer_id = OLD.customer_id
		ON CONFLICT (segment_id, channel, day) DO UPDATE SET customers = customer_scope_first_seen.customers + excluded.customers;
	INSERT INTO revenue_scope_days (segment_id, channel, day, currency, amount, orders)
		SELECT OLD.segment_id, c.channel, r.day, r.currency, -r.amount, -r.orders FROM customer_revenue_daily r,
			(SELECT '' AS channel UNION ALL SELECT x.channel FROM customer_facts x WHERE x.customer_id = OLD.customer_id AND x.channel IS NOT NULL) c
		WHERE r.customer_id = OLD.customer_id
		ON CONFLICT (segment_id, channel, day, currency) DO UPDATE SET amount = revenue_scope_days.amount + excluded.amount, orders = revenue_scope_days.orders + excluded.orders;
	INSERT INTO revenue_scope_payers (segment_id, channel, day, prev_day, customers)
		SELECT OLD.segment_id, c.channel, p.day, p.prev_day, -1
		FROM (SELECT d.day, coalesce(lag(d.day) OVER (ORDER BY d.day), '') AS prev_day FROM customer_revenue_daily d WHERE d.customer_id = OLD.customer_id AND d.currency = '') p,
			(SELECT '' AS channel UNION ALL SELECT x.channel FROM customer_facts x WHERE x.customer_id = OLD.customer_id AND x.channel IS NOT NULL) c
		ON CONFLICT (segment_id, channel, day, prev_day) DO UPDATE SET customers = revenue_scope_payers.customers + excluded.customers;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER value_scopes_member_removed AFTER DELETE ON segment_memberships FOR EACH ROW EXECUTE FUNCTION value_scopes_member_removed();
