-- The Postgres form of SQLite migration 0036 (stage_funnel_rollup): the triggers that mark customers whose funnel walks
-- must be worked out again (stage_funnel_dirty) and keep stage_funnel_keyed equal to the walks (stage_funnel_reach) ×
-- each customer's segment and channel keys. Same statements as SQLite's; the one difference is where the reach
-- triggers test stage_funnel_state.building: in the function body, since a Postgres trigger's WHEN may not hold a
-- subquery (same outcome: nothing is written while a rebuild fills both tables).
CREATE FUNCTION stage_funnel_reach_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	-- SQLite's WHEN (a subquery, which a Postgres trigger's WHEN may not hold): not while a rebuild fills the tables.
	IF (SELECT s.building FROM stage_funnel_state s WHERE s.id = 1) = 0 THEN
		INSERT INTO stage_funnel_keyed (segment_id, channel, start_stage, track, day, prev_day, step, bucket, entries)
		SELECT k.segment_id, k.channel, NEW.start_stage, NEW.track, NEW.day, NEW.prev_day, NEW.step, NEW.bucket, 1 * NEW.entries
		FROM (SELECT '' AS segment_id, '' AS channel UNION ALL SELECT v.segment_id, v.channel FROM stage_customer_keys v WHERE v.customer_id = NEW.customer_id) k
		ON CONFLICT (segment_id, channel, start_stage, track, day, prev_day, step, bucket) DO UPDATE SET entries = stage_funnel_keyed.entries + excluded.entries;
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stage_funnel_reach_insert AFTER INSERT ON stage_funnel_reach FOR EACH ROW EXECUTE FUNCTION stage_funnel_reach_insert();
--> statement-breakpoint
CREATE FUNCTION stage_funnel_reach_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	-- SQLite's WHEN (a subquery, which a Postgres trigger's WHEN may not hold): not while a rebuild fills the tables.
	IF (SELECT s.building FROM stage_funnel_state s WHERE s.id = 1) = 0 THEN
		INSERT INTO stage_funnel_keyed (segment_id, channel, start_stage, track, day, prev_day, step, bucket, entries)
		SELECT k.segment_id, k.channel, OLD.start_stage, OLD.track, OLD.day, OLD.prev_day, OLD.step, OLD.bucket, -1 * OLD.entries
		FROM (SELECT '' AS segment_id, '' AS channel UNION ALL SELECT v.segment_id, v.channel FROM stage_customer_keys v WHERE v.customer_id = OLD.customer_id) k
		ON CONFLICT (segment_id, channel, start_stage, track, day, prev_day, step, bucket) DO UPDATE SET entries = stage_funnel_keyed.entries + excluded.entries;
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stage_funnel_reach_delete AFTER DELETE ON stage_funnel_reach FOR EACH ROW EXECUTE FUNCTION stage_funnel_reach_delete();
--> statement-breakpoint
CREATE FUNCTION stage_funnel_history_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stage_funnel_dirty (customer_id) SELECT NEW.customer_id WHERE NOT EXISTS (SELECT 1 FROM stage_funnel_dirty d WHERE d.customer_id = NEW.customer_id);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stage_funnel_history_insert AFTER INSERT ON stage_history FOR EACH ROW EXECUTE FUNCTION stage_funnel_history_insert();
--> statement-breakpoint
CREATE FUNCTION stage_funnel_history_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stage_funnel_dirty (customer_id) SELECT OLD.customer_id WHERE NOT EXISTS (SELECT 1 FROM stage_funnel_dirty d WHERE d.customer_id = OLD.customer_id);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stage_funnel_history_delete AFTER DELETE ON stage_history FOR EACH ROW EXECUTE FUNCTION stage_funnel_history_delete();
--> statement-breakpoint
CREATE FUNCTION stage_funnel_history_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stage_funnel_dirty (customer_id) SELECT OLD.customer_id WHERE NOT EXISTS (SELECT 1 FROM stage_funnel_dirty d WHERE d.customer_id = OLD.customer_id);
	INSERT INTO stage_funnel_dirty (customer_id) SELECT NEW.customer_id WHERE NOT EXISTS (SELECT 1 FROM stage_funnel_dirty d WHERE d.customer_id = NEW.customer_id);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stage_funnel_history_update AFTER UPDATE OF customer_id, at, to_stage ON stage_history FOR EACH ROW
	WHEN (OLD.customer_id IS DISTINCT FROM NEW.customer_id OR OLD.at IS DISTINCT FROM NEW.at OR OLD.to_stage IS DISTINCT FROM NEW.to_stage) EXECUTE FUNCTION stage_funnel_history_update();
--> statement-breakpoint
CREATE FUNCTION stage_funnel_seen_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stage_funnel_dirty (customer_id) SELECT NEW.customer_id WHERE NOT EXISTS (SELECT 1 FROM stage_funnel_dirty d WHERE d.customer_id = NEW.customer_id);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stage_funnel_seen_update AFTER UPDATE OF first_seen_at ON customer_facts FOR EACH ROW WHEN (OLD.first_seen_at IS DISTINCT FROM NEW.first_seen_at) EXECUTE FUNCTION stage_funnel_seen_update();
--> statement-breakpoint
CREATE FUNCTION stage_funnel_facts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stage_funnel_dirty (customer_id) SELECT NEW.customer_id WHERE NOT EXISTS (SELECT 1 FROM stage_funnel_dirty d WHERE d.customer_id = NEW.customer_id);
	INSERT INTO stage_funnel_keyed (segment_id, channel, start_stage, track, day, prev_day, step, bucket, entries)
	SELECT k.s, k.ch, r.start_stage, r.track, r.day, r.prev_day, r.step, r.bucket, 1 * sum(r.entries)
	FROM (SELECT '' AS s, NEW.channel AS ch WHERE NEW.channel IS NOT NULL UNION ALL SELECT m.segment_id, NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id AND NEW.channel IS NOT NULL) k
		JOIN stage_funnel_reach r ON r.customer_id = NEW.customer_id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
	ON CONFLICT (segment_id, channel, start_stage, track, day, prev_day, step, bucket) DO UPDATE SET entries = stage_funnel_keyed.entries + excluded.entries;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stage_funnel_facts_insert AFTER INSERT ON customer_facts FOR EACH ROW EXECUTE FUNCTION stage_funnel_facts_insert();
--> statement-breakpoint
CREATE FUNCTION stage_funnel_facts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stage_funnel_dirty (customer_id) SELECT OLD.customer_id WHERE NOT EXISTS (SELECT 1 FROM stage_funnel_dirty d WHERE d.customer_id = OLD.customer_id);
	INSERT INTO stage_funnel_keyed (segment_id, channel, start_stage, track, day, prev_day, step, bucket, entries)
	SELECT k.s, k.ch, r.start_stage, r.track, r.day, r.prev_day, r.step, r.bucket, -1 * sum(r.entries)
	FROM (SELECT '' AS s, OLD.channel AS ch WHERE OLD.channel IS NOT NULL UNION ALL SELECT m.segment_id, OLD.channel FROM segment_memberships m WHERE m.customer_id = OLD.customer_id AND OLD.channel IS NOT NULL) k
		JOIN stage_funnel_reach r ON r.customer_id = OLD.customer_id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
	ON CONFLICT (segment_id, channel, start_stage, track, day, prev_day, step, bucket) DO UPDATE SET entries = stage_funnel_keyed.entries + excluded.entries;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stage_funnel_facts_delete AFTER DELETE ON customer_facts FOR EACH ROW EXECUTE FUNCTION stage_funnel_facts_delete();
--> statement-breakpoint
CREATE FUNCTION stage_funnel_facts_channel() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stage_funnel_keyed (segment_id, channel, start_stage, track, day, prev_day, step, bucket, entries)
	SELECT k.s, k.ch, r.start_stage, r.track, r.day, r.prev_day, r.step, r.bucket, -1 * sum(r.entries)
	FROM (SELECT '' AS s, OLD.channel AS ch WHERE OLD.channel IS NOT NULL UNION ALL SELECT m.segment_id, OLD.channel FROM segment_memberships m WHERE m.customer_id = OLD.customer_id AND OLD.channel IS NOT NULL) k
		JOIN stage_funnel_reach r ON r.customer_id = OLD.customer_id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
	ON CONFLICT (segment_id, channel, start_stage, track, day, prev_day, step, bucket) DO UPDATE SET entries = stage_funnel_keyed.entries + excluded.entries;
	INSERT INTO stage_funnel_keyed (segment_id, channel, start_stage, track, day, prev_day, step, bucket, entries)
	SELECT k.s, k.ch, r.start_stage, r.track, r.day, r.prev_day, r.step, r.bucket, 1 * sum(r.entries)
	FROM (SELECT '' AS s, NEW.channel AS ch WHERE NEW.channel IS NOT NULL UNION ALL SELECT m.segment_id, NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id AND NEW.channel IS NOT NULL) k
		JOIN stage_funnel_reach r ON r.customer_id = NEW.customer_id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
	ON CONFLICT (segment_id, channel, start_stage, track, day, prev_day, step, bucket) DO UPDATE SET entries = stage_funnel_keyed.entries + excluded.entries;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stage_funnel_facts_channel AFTER UPDATE OF channel ON customer_facts FOR EACH ROW WHEN (OLD.channel IS DISTINCT FROM NEW.channel) EXECUTE FUNCTION stage_funnel_facts_channel();
--> statement-breakpoint
CREATE FUNCTION stage_funnel_member_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stage_funnel_keyed (segment_id, channel, start_stage, track, day, prev_day, step, bucket, entries)
	SELECT k.s, k.ch, r.start_stage, r.track, r.day, r.prev_day, r.step, r.bucket, 1 * sum(r.entries)
	FROM (SELECT NEW.segment_id AS s, '' AS ch UNION ALL SELECT NEW.segment_id, f.channel FROM customer_facts f WHERE f.customer_id = NEW.customer_id AND f.channel IS NOT NULL) k
		JOIN stage_funnel_reach r ON r.customer_id = NEW.customer_id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
	ON CONFLICT (segment_id, channel, start_stage, track, day, prev_day, step, bucket) DO UPDATE SET entries = stage_funnel_keyed.entries + excluded.entries;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stage_funnel_member_insert AFTER INSERT ON segment_memberships FOR EACH ROW EXECUTE FUNCTION stage_funnel_member_insert();
--> statement-breakpoint
CREATE FUNCTION stage_funnel_member_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stage_funnel_keyed (segment_id, channel, start_stage, track, day, prev_day, step, bucket, entries)
	SELECT k.s, k.ch, r.start_stage, r.track, r.day, r.prev_day, r.step, r.bucket, -1 * sum(r.entries)
	FROM (SELECT OLD.segment_id AS s, '' AS ch UNION ALL SELECT OLD.segment_id, f.channel FROM customer_facts f WHERE f.customer_id = OLD.customer_id AND f.channel IS NOT NULL) k
		JOIN stage_funnel_reach r ON r.customer_id = OLD.customer_id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
	ON CONFLICT (segment_id, channel, start_stage, track, day, prev_day, step, bucket) DO UPDATE SET entries = stage_funnel_keyed.entries + excluded.entries;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stage_funnel_member_delete AFTER DELETE ON segment_memberships FOR EACH ROW EXECUTE FUNCTION stage_funnel_member_delete();
