-- The Postgres form of SQLite migration 0040 (value_churn_months): the triggers keeping customer_stage_months and
-- value_churn_scopes, each a plpgsql function named after its trigger. SQLite's group_concat over the ordered
-- DISTINCT subquery is string_agg(... ORDER BY to_stage): the same stages, in the same (byte) order, joined by char(31).
-- Postgres runs row triggers after the whole statement, not after each row: a statement deleting several stage moves
-- of a customer rebuilds their months from the final rows, where SQLite rebuilds after each row and can leave
-- value_churn_scopes cells at 0 customers that Postgres never creates. Every other row is the same.
CREATE FUNCTION value_stage_months_history_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM customer_stage_months WHERE customer_id = NEW.customer_id AND "month" >= substr(NEW.at, 1, 7);
	INSERT INTO customer_stage_months (customer_id, "month", start_stage, entered)
	SELECT NEW.customer_id, e."month",
		coalesce((SELECT p.to_stage FROM stage_history p WHERE p.customer_id = NEW.customer_id AND p.at < e."month" || '-01T00:00:00.000Z' ORDER BY p.at DESC, p.id DESC LIMIT 1), ''), e.entered
	FROM (SELECT m."month", string_agg(m.to_stage, chr(31) ORDER BY m.to_stage) AS entered FROM (
		SELECT DISTINCT substr(h.at, 1, 7) AS "month", h.to_stage FROM stage_history h WHERE h.customer_id = NEW.customer_id AND h.at >= substr(NEW.at, 1, 7) || '-01') m GROUP BY m."month") e;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER value_stage_months_history_insert AFTER INSERT ON stage_history FOR EACH ROW EXECUTE FUNCTION value_stage_months_history_insert();
--> statement-breakpoint
CREATE FUNCTION value_stage_months_history_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM customer_stage_months WHERE customer_id = OLD.customer_id AND "month" >= substr(OLD.at, 1, 7);
	INSERT INTO customer_stage_months (customer_id, "month", start_stage, entered)
	SELECT OLD.customer_id, e."month",
		coalesce((SELECT p.to_stage FROM stage_history p WHERE p.customer_id = OLD.customer_id AND p.at < e."month" || '-01T00:00:00.000Z' ORDER BY p.at DESC, p.id DESC LIMIT 1), ''), e.entered
	FROM (SELECT m."month", string_agg(m.to_stage, chr(31) ORDER BY m.to_stage) AS entered FROM (
		SELECT DISTINCT substr(h.at, 1, 7) AS "month", h.to_stage FROM stage_history h WHERE h.customer_id = OLD.customer_id AND h.at >= substr(OLD.at, 1, 7) || '-01') m GROUP BY m."month") e;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER value_stage_months_history_delete AFTER DELETE ON stage_history FOR EACH ROW EXECUTE FUNCTION value_stage_months_history_delete();
--> statement-breakpoint
CREATE FUNCTION value_stage_months_history_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM customer_stage_months WHERE customer_id = OLD.customer_id AND "month" >= substr(OLD.at, 1, 7);
	INSERT INTO customer_stage_months (customer_id, "month", start_stage, entered)
	SELECT OLD.customer_id, e."month",
		coalesce((SELECT p.to_stage FROM stage_history p WHERE p.customer_id = OLD.customer_id AND p.at < e."month" || '-01T00:00:00.000Z' ORDER BY p.at DESC, p.id DESC LIMIT 1), ''), e.entered
	FROM (SELECT m."month", string_agg(m.to_stage, chr(31) ORDER BY m.to_stage) AS entered FROM (
		SELECT DISTINCT substr(h.at, 1, 7) AS "month", h.to_stage FROM stage_history h WHERE h.customer_id = OLD.customer_id AND h.at >= substr(OLD.at, 1, 7) || '-01') m GROUP BY m."month") e;
	DELETE FROM customer_stage_months WHERE customer_id = NEW.customer_id AND "month" >= substr(NEW.at, 1, 7);
	INSERT INTO customer_stage_months (customer_id, "month", start_stage, entered)
	SELECT NEW.customer_id, e."month",
		coalesce((SELECT p.to_stage FROM stage_history p WHERE p.customer_id = NEW.customer_id AND p.at < e."month" || '-01T00:00:00.000Z' ORDER BY p.at DESC, p.id DESC LIMIT 1), ''), e.entered
	FROM (SELECT m."month", string_agg(m.to_stage, chr(31) ORDER BY m.to_stage) AS entered FROM (
		SELECT DISTINCT substr(h.at, 1, 7) AS "month", h.to_stage FROM stage_history h WHERE h.customer_id = NEW.customer_id AND h.at >= substr(NEW.at, 1, 7) || '-01') m GROUP BY m."month") e;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER value_stage_months_history_update AFTER UPDATE OF customer_id, "at", to_stage ON stage_history FOR EACH ROW WHEN (OLD.customer_id IS DISTINCT FROM NEW.customer_id OR OLD.at IS DISTINCT FROM NEW.at OR OLD.to_stage IS DISTINCT FROM NEW.to_stage) EXECUTE FUNCTION value_stage_months_history_update();
--> statement-breakpoint
CREATE FUNCTION value_churn_scopes_month_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_churn_scopes (segment_id, channel, "month", start_stage, entered, customers)
	SELECT s.segment_id, c.channel, NEW."month", NEW.start_stage, NEW.entered, 1 FROM (SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = NEW.customer_id) s, (SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = NEW.customer_id AND channel IS NOT NULL) c
	ON CONFLICT (segment_id, channel, "month", start_stage, entered) DO UPDATE SET customers = value_churn_scopes.customers + excluded.customers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER value_churn_scopes_month_insert AFTER INSERT ON customer_stage_months FOR EACH ROW EXECUTE FUNCTION value_churn_scopes_month_insert();
--> statement-breakpoint
CREATE FUNCTION value_churn_scopes_month_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_churn_scopes (segment_id, channel, "month", start_stage, entered, customers)
	SELECT s.segment_id, c.channel, OLD."month", OLD.start_stage, OLD.entered, -1 FROM (SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id) s, (SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = OLD.customer_id AND channel IS NOT NULL) c
	ON CONFLICT (segment_id, channel, "month", start_stage, entered) DO UPDATE SET customers = value_churn_scopes.customers + excluded.customers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER value_churn_scopes_month_delete AFTER DELETE ON customer_stage_months FOR EACH ROW EXECUTE FUNCTION value_churn_scopes_month_delete();
--> statement-breakpoint
CREATE FUNCTION value_churn_scopes_member_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_churn_scopes (segment_id, channel, "month", start_stage, entered, customers)
	SELECT NEW.segment_id, c.channel, r."month", r.start_stage, r.entered, 1 FROM customer_stage_months r, (SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = NEW.customer_id AND channel IS NOT NULL) c WHERE r.customer_id = NEW.customer_id
	ON CONFLICT (segment_id, channel, "month", start_stage, entered) DO UPDATE SET customers = value_churn_scopes.customers + excluded.customers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER value_churn_scopes_member_insert AFTER INSERT ON segment_memberships FOR EACH ROW EXECUTE FUNCTION value_churn_scopes_member_insert();
--> statement-breakpoint
CREATE FUNCTION value_churn_scopes_member_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_churn_scopes (segment_id, channel, "month", start_stage, entered, customers)
	SELECT OLD.segment_id, c.channel, r."month", r.start_stage, r.entered, -1 FROM customer_stage_months r, (SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = OLD.customer_id AND channel IS NOT NULL) c WHERE r.customer_id = OLD.customer_id
	ON CONFLICT (segment_id, channel, "month", start_stage, entered) DO UPDATE SET customers = value_churn_scopes.customers + excluded.customers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER value_churn_scopes_member_delete AFTER DELETE ON segment_memberships FOR EACH ROW EXECUTE FUNCTION value_churn_scopes_member_delete();
--> statement-breakpoint
CREATE FUNCTION value_churn_scopes_facts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_churn_scopes (segment_id, channel, "month", start_stage, entered, customers)
	SELECT s.segment_id, NEW.channel, r."month", r.start_stage, r.entered, 1 FROM customer_stage_months r, (SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = NEW.customer_id) s WHERE r.customer_id = NEW.customer_id
	ON CONFLICT (segment_id, channel, "month", start_stage, entered) DO UPDATE SET customers = value_churn_scopes.customers + excluded.customers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER value_churn_scopes_facts_insert AFTER INSERT ON customer_facts FOR EACH ROW WHEN (NEW.channel IS NOT NULL) EXECUTE FUNCTION value_churn_scopes_facts_insert();
--> statement-breakpoint
CREATE FUNCTION value_churn_scopes_facts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_churn_scopes (segment_id, channel, "month", start_stage, entered, customers)
	SELECT s.segment_id, OLD.channel, r."month", r.start_stage, r.entered, -1 FROM customer_stage_months r, (SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = OLD.customer_id) s WHERE r.customer_id = OLD.customer_id
	ON CONFLICT (segment_id, channel, "month", start_stage, entered) DO UPDATE SET customers = value_churn_scopes.customers + excluded.customers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER value_churn_scopes_facts_delete AFTER DELETE ON customer_facts FOR EACH ROW WHEN (OLD.channel IS NOT NULL) EXECUTE FUNCTION value_churn_scopes_facts_delete();
--> statement-breakpoint
CREATE FUNCTION value_churn_scopes_facts_channel() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_churn_scopes (segment_id, channel, "month", start_stage, entered, customers)
	SELECT s.segment_id, c.channel, r."month", r.start_stage, r.entered, c.sign FROM customer_stage_months r, (SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = NEW.customer_id) s,
		(SELECT OLD.channel AS channel, -1 AS sign WHERE OLD.channel IS NOT NULL UNION ALL SELECT NEW.channel, 1 WHERE NEW.channel IS NOT NULL) c
	WHERE r.customer_id = NEW.customer_id
	ON CONFLICT (segment_id, channel, "month", start_stage, entered) DO UPDATE SET customers = value_churn_scopes.customers + excluded.customers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER value_churn_scopes_facts_channel AFTER UPDATE OF channel ON customer_facts FOR EACH ROW WHEN (OLD.channel IS DISTINCT FROM NEW.channel) EXECUTE FUNCTION value_churn_scopes_facts_channel();
