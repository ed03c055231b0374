-- The Postgres form of SQLite migration 0046 (retention_scopes): the triggers that move each customer's retention marks
-- (retention_marks) between the filter-scope counters (retention_scope_counts) when a segment membership or the
-- first-touch channel changes. Same statements as SQLite's, no deliberate difference ("interval" is quoted: a keyword).
CREATE FUNCTION retention_scopes_member_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO retention_scope_counts (segment_id, channel, figure, "interval", a, b, customers)
		SELECT NEW.segment_id, c.channel, r.figure, r."interval", r.a, r.b, 1 FROM retention_marks r,
			(SELECT '' AS channel UNION ALL SELECT f.channel FROM customer_facts f WHERE f.customer_id = NEW.customer_id AND f.channel IS NOT NULL) c
		WHERE r.customer_id = NEW.customer_id
		ON CONFLICT (segment_id, channel, figure, "interval", a, b) DO UPDATE SET customers = retention_scope_counts.customers + excluded.customers;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER retention_scopes_member_added AFTER INSERT ON segment_memberships FOR EACH ROW EXECUTE FUNCTION retention_scopes_member_added();
--> statement-breakpoint
CREATE FUNCTION retention_scopes_member_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO retention_scope_counts (segment_id, channel, figure, "interval", a, b, customers)
		SELECT OLD.segment_id, c.channel, r.figure, r."interval", r.a, r.b, -1 FROM retention_marks r,
			(SELECT '' AS channel UNION ALL SELECT f.channel FROM customer_facts f WHERE f.customer_id = OLD.customer_id AND f.channel IS NOT NULL) c
		WHERE r.customer_id = OLD.customer_id
		ON CONFLICT (segment_id, channel, figure, "interval", a, b) DO UPDATE SET customers = retention_scope_counts.customers + excluded.customers;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER retention_scopes_member_removed AFTER DELETE ON segment_memberships FOR EACH ROW EXECUTE FUNCTION retention_scopes_member_removed();
--> statement-breakpoint
CREATE FUNCTION retention_scopes_facts_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO retention_scope_counts (segment_id, channel, figure, "interval", a, b, customers)
		SELECT s.segment_id, NEW.channel, r.figure, r."interval", r.a, r.b, 1 FROM retention_marks r,
			(SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) s
		WHERE r.customer_id = NEW.customer_id
		ON CONFLICT (segment_id, channel, figure, "interval", a, b) DO UPDATE SET customers = retention_scope_counts.customers + excluded.customers;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER retention_scopes_facts_added AFTER INSERT ON customer_facts FOR EACH ROW WHEN (NEW.channel IS NOT NULL) EXECUTE FUNCTION retention_scopes_facts_added();
--> statement-breakpoint
CREATE FUNCTION retention_scopes_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO retention_scope_counts (segment_id, channel, figure, "interval", a, b, customers)
		SELECT s.segment_id, c.channel, r.figure, r."interval", r.a, r.b, c.delta FROM retention_marks r,
			(SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) s,
			(SELECT OLD.channel AS channel, -1 AS delta WHERE OLD.channel IS NOT NULL UNION ALL SELECT NEW.channel, 1 WHERE NEW.channel IS NOT NULL) c
		WHERE r.customer_id = NEW.customer_id
		ON CONFLICT (segment_id, channel, figure, "interval", a, b) DO UPDATE SET customers = retention_scope_counts.customers + excluded.customers;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER retention_scopes_facts_changed AFTER UPDATE OF channel ON customer_facts FOR EACH ROW WHEN (OLD.channel IS DISTINCT FROM NEW.channel) EXECUTE FUNCTION retention_scopes_facts_changed();
--> statement-breakpoint
CREATE FUNCTION retention_scopes_facts_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO retention_scope_counts (segment_id, channel, figure, "interval", a, b, customers)
		SELECT s.segment_id, OLD.channel, r.figure, r."interval", r.a, r.b, -1 FROM retention_marks r,
			(SELECT '' AS segment_id UNION ALL SELECT m.segment_id FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) s
		WHERE r.customer_id = OLD.customer_id
		ON CONFLICT (segment_id, channel, figure, "interval", a, b) DO UPDATE SET customers = retention_scope_counts.customers + excluded.customers;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER retention_scopes_facts_removed AFTER DELETE ON customer_facts FOR EACH ROW WHEN (OLD.channel IS NOT NULL) EXECUTE FUNCTION retention_scopes_facts_removed();
