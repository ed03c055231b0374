-- The Postgres form of SQLite migration 0030 (filtered_journey_figures): the triggers that keep the per-filter-key
-- journey, experiment and survey rows current (journey_filtered_runs, journey_conversion_rows, experiment_arm_runs,
-- experiment_arm_days, survey_answer_rows). The view analytics_filter_keys is in 0001. Deliberate differences:
-- - SQLite's INSERT OR REPLACE INTO journey_conversion_rows is a DELETE of the rows the insert would replace, then a
--   plain INSERT: the conversion-days triggers of 0038 on that table must see a replaced row leave and the new one
--   come (SQLite: BEFORE INSERT takes the old row out, AFTER INSERT puts the new one in); an ON CONFLICT DO UPDATE
--   would fire BEFORE INSERT and then AFTER UPDATE on top of it, and count the old row out twice.
--   survey_answer_rows has no triggers: its INSERT OR REPLACE is an ON CONFLICT DO UPDATE of every other column.
-- - seconds to convert: SQLite's (julianday(b) - julianday(a)) * 86400 computed the way SQLite does (whole
--   milliseconds since the Julian epoch divided by 86400000.0 as doubles), so the stored value is the same double
--   to the last bit rather than the exact difference (they differ by up to ~1e-4 s).
CREATE FUNCTION filtered_runs_started() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO journey_filtered_runs (filter_key, day, version_id, journey_id, status, runs)
		SELECT x.filter_key, substr(NEW.started_at, 1, 10), NEW.version_id, NEW.journey_id, NEW.status, 1 FROM analytics_filter_keys x WHERE x.customer_id = NEW.customer_id
		ON CONFLICT (filter_key, day, version_id, status) DO UPDATE SET runs = journey_filtered_runs.runs + 1;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER filtered_runs_started AFTER INSERT ON runs FOR EACH ROW EXECUTE FUNCTION filtered_runs_started();
--> statement-breakpoint
CREATE FUNCTION filtered_runs_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO journey_filtered_runs (filter_key, day, version_id, journey_id, status, runs)
		SELECT x.filter_key, substr(OLD.started_at, 1, 10), OLD.version_id, OLD.journey_id, OLD.status, -1 FROM analytics_filter_keys x WHERE x.customer_id = OLD.customer_id
		ON CONFLICT (filter_key, day, version_id, status) DO UPDATE SET runs = journey_filtered_runs.runs - 1;
	INSERT INTO journey_filtered_runs (filter_key, day, version_id, journey_id, status, runs)
		SELECT x.filter_key, substr(NEW.started_at, 1, 10), NEW.version_id, NEW.journey_id, NEW.status, 1 FROM analytics_filter_keys x WHERE x.customer_id = NEW.customer_id
		ON CONFLICT (filter_key, day, version_id, status) DO UPDATE SET runs = journey_filtered_runs.runs + 1;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER filtered_runs_status AFTER UPDATE OF status ON runs FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION filtered_runs_status();
--> statement-breakpoint
CREATE FUNCTION filtered_conversion_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	-- INSERT OR REPLACE as delete-then-insert (see the top of the file).
	DELETE FROM journey_conversion_rows d USING (SELECT '*' AS filter_key UNION ALL SELECT x.filter_key FROM analytics_filter_keys x WHERE x.customer_id = NEW.customer_id) k WHERE d.workflow_id = NEW.workflow_id AND d.filter_key = k.filter_key;
	INSERT INTO journey_conversion_rows (filter_key, workflow_id, journey_id, version_id, customer_id, started_at, seconds, revenue)
		SELECT k.filter_key, NEW.workflow_id, NEW.journey_id, NEW.version_id, NEW.customer_id, NEW.started_at,
			greatest(0, (((extract(epoch FROM NEW.converted_at::timestamptz) * 1000)::bigint + 210866760000000)::double precision / 86400000 - ((extract(epoch FROM NEW.started_at::timestamptz) * 1000)::bigint + 210866760000000)::double precision / 86400000) * 86400),
			coalesce((SELECT w.revenue FROM journey_run_windows w WHERE w.workflow_id = NEW.workflow_id), 0)
		FROM (SELECT '*' AS filter_key UNION ALL SELECT x.filter_key FROM analytics_filter_keys x WHERE x.customer_id = NEW.customer_id) k;
	UPDATE experiment_arm_runs SET converted = 1 WHERE workflow_id = NEW.workflow_id AND converted = 0;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER filtered_conversion_recorded AFTER INSERT ON run_conversions FOR EACH ROW EXECUTE FUNCTION filtered_conversion_recorded();
--> statement-breakpoint
CREATE FUNCTION filtered_conversion_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM journey_conversion_rows WHERE workflow_id = OLD.workflow_id;
	UPDATE experiment_arm_runs SET converted = 0 WHERE workflow_id = OLD.workflow_id AND converted = 1;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER filtered_conversion_removed AFTER DELETE ON run_conversions FOR EACH ROW EXECUTE FUNCTION filtered_conversion_removed();
--> statement-breakpoint
CREATE FUNCTION filtered_conversion_revenue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE journey_conversion_rows SET revenue = NEW.revenue WHERE workflow_id = NEW.workflow_id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER filtered_conversion_revenue AFTER UPDATE OF revenue ON journey_run_windows FOR EACH ROW WHEN (OLD.revenue IS DISTINCT FROM NEW.revenue) EXECUTE FUNCTION filtered_conversion_revenue();
--> statement-breakpoint
CREATE FUNCTION filtered_conversion_window_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE journey_conversion_rows SET revenue = 0 WHERE workflow_id = OLD.workflow_id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER filtered_conversion_window_removed AFTER DELETE ON journey_run_windows FOR EACH ROW EXECUTE FUNCTION filtered_conversion_window_removed();
--> statement-breakpoint
CREATE FUNCTION experiment_arm_step_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO experiment_arm_runs (workflow_id, node_id, arm, journey_id, customer_id, day, converted)
		SELECT NEW.workflow_id, NEW.node_id, NEW.exit, r.journey_id, r.customer_id, substr(NEW.entered_at, 1, 10), (EXISTS (SELECT 1 FROM run_conversions c WHERE c.workflow_id = NEW.workflow_id))::int
		FROM runs r WHERE r.workflow_id = NEW.workflow_id
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER experiment_arm_step_recorded AFTER INSERT ON run_steps FOR EACH ROW WHEN (NEW.node_type = 'random_split' AND NEW.exit IS NOT NULL) EXECUTE FUNCTION experiment_arm_step_recorded();
--> statement-breakpoint
CREATE FUNCTION experiment_arm_step_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO experiment_arm_runs (workflow_id, node_id, arm, journey_id, customer_id, day, converted)
		SELECT NEW.workflow_id, NEW.node_id, NEW.exit, r.journey_id, r.customer_id, substr(NEW.entered_at, 1, 10), (EXISTS (SELECT 1 FROM run_conversions c WHERE c.workflow_id = NEW.workflow_id))::int
		FROM runs r WHERE r.workflow_id = NEW.workflow_id
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER experiment_arm_step_changed AFTER UPDATE OF node_id, node_type, exit ON run_steps FOR EACH ROW WHEN (NEW.node_type = 'random_split' AND NEW.exit IS NOT NULL) EXECUTE FUNCTION experiment_arm_step_changed();
--> statement-breakpoint
CREATE FUNCTION experiment_arm_run_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO experiment_arm_days (filter_key, journey_id, node_id, day, arm, entered, converted)
		SELECT k.filter_key, NEW.journey_id, NEW.node_id, NEW.day, NEW.arm, 1, NEW.converted FROM (SELECT '*' AS filter_key UNION ALL SELECT x.filter_key FROM analytics_filter_keys x WHERE x.customer_id = NEW.customer_id) k
		ON CONFLICT (filter_key, journey_id, node_id, day, arm) DO UPDATE SET entered = experiment_arm_days.entered + 1, converted = experiment_arm_days.converted + excluded.converted;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER experiment_arm_run_added AFTER INSERT ON experiment_arm_runs FOR EACH ROW EXECUTE FUNCTION experiment_arm_run_added();
--> statement-breakpoint
CREATE FUNCTION experiment_arm_run_converted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO experiment_arm_days (filter_key, journey_id, node_id, day, arm, entered, converted)
		SELECT k.filter_key, NEW.journey_id, NEW.node_id, NEW.day, NEW.arm, 0, NEW.converted - OLD.converted FROM (SELECT '*' AS filter_key UNION ALL SELECT x.filter_key FROM analytics_filter_keys x WHERE x.customer_id = NEW.customer_id) k
		ON CONFLICT (filter_key, journey_id, node_id, day, arm) DO UPDATE SET converted = experiment_arm_days.converted + excluded.converted;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER experiment_arm_run_converted AFTER UPDATE OF converted ON experiment_arm_runs FOR EACH ROW WHEN (OLD.converted IS DISTINCT FROM NEW.converted) EXECUTE FUNCTION experiment_arm_run_converted();
--> statement-breakpoint
CREATE FUNCTION survey_answer_rows_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO survey_answer_rows (filter_key, customer_id, survey, kind, score, comment, stage, delivery_id, journey_id, answered_at)
		SELECT k.filter_key, NEW.customer_id, NEW.survey, NEW.kind, NEW.score, NEW.comment, NEW.stage, NEW.delivery_id, NEW.journey_id, NEW.answered_at FROM (SELECT '*' AS filter_key UNION ALL SELECT x.filter_key FROM analytics_filter_keys x WHERE x.customer_id = NEW.customer_id) k
		ON CONFLICT (customer_id, survey, filter_key) DO UPDATE SET kind = excluded.kind, score = excluded.score, comment = excluded.comment, stage = excluded.stage,
			delivery_id = excluded.delivery_id, journey_id = excluded.journey_id, answered_at = excluded.answered_at;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER survey_answer_rows_added AFTER INSERT ON survey_answers FOR EACH ROW EXECUTE FUNCTION survey_answer_rows_added();
--> statement-breakpoint
CREATE FUNCTION survey_answer_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE survey_answer_rows SET kind = NEW.kind, score = NEW.score, comment = NEW.comment, stage = NEW.stage, delivery_id = NEW.delivery_id, journey_id = NEW.journey_id, answered_at = NEW.answered_at
		WHERE customer_id = OLD.customer_id AND survey = OLD.survey;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER survey_answer_rows_changed AFTER UPDATE ON survey_answers FOR EACH ROW EXECUTE FUNCTION survey_answer_rows_changed();
--> statement-breakpoint
CREATE FUNCTION survey_answer_rows_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM survey_answer_rows WHERE customer_id = OLD.customer_id AND survey = OLD.survey;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER survey_answer_rows_removed AFTER DELETE ON survey_answers FOR EACH ROW EXECUTE FUNCTION survey_answer_rows_removed();
--> statement-breakpoint
CREATE FUNCTION filter_keys_segment_entered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO journey_filtered_runs (filter_key, day, version_id, journey_id, status, runs)
		SELECT k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status, count(*) FROM runs r, (SELECT 's:' || NEW.segment_id AS filter_key UNION ALL SELECT 's:' || NEW.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = NEW.customer_id AND f.channel IS NOT NULL) k WHERE r.customer_id = NEW.customer_id
		GROUP BY k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status
		ON CONFLICT (filter_key, day, version_id, status) DO UPDATE SET runs = journey_filtered_runs.runs + excluded.runs;
	INSERT INTO experiment_arm_days (filter_key, journey_id, node_id, day, arm, entered, converted)
		SELECT k.filter_key, a.journey_id, a.node_id, a.day, a.arm, count(*), sum(a.converted) FROM experiment_arm_runs a, (SELECT 's:' || NEW.segment_id AS filter_key UNION ALL SELECT 's:' || NEW.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = NEW.customer_id AND f.channel IS NOT NULL) k WHERE a.customer_id = NEW.customer_id
		GROUP BY k.filter_key, a.journey_id, a.node_id, a.day, a.arm
		ON CONFLICT (filter_key, journey_id, node_id, day, arm) DO UPDATE SET entered = experiment_arm_days.entered + excluded.entered, converted = experiment_arm_days.converted + excluded.converted;
	-- INSERT OR REPLACE as delete-then-insert (see the top of the file).
	DELETE FROM journey_conversion_rows d USING journey_conversion_rows c, (SELECT 's:' || NEW.segment_id AS filter_key UNION ALL SELECT 's:' || NEW.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = NEW.customer_id AND f.channel IS NOT NULL) k
		WHERE c.customer_id = NEW.customer_id AND c.filter_key = '*' AND d.workflow_id = c.workflow_id AND d.filter_key = k.filter_key;
	INSERT INTO journey_conversion_rows (filter_key, workflow_id, journey_id, version_id, customer_id, started_at, seconds, revenue)
		SELECT k.filter_key, c.workflow_id, c.journey_id, c.version_id, c.customer_id, c.started_at, c.seconds, c.revenue FROM journey_conversion_rows c, (SELECT 's:' || NEW.segment_id AS filter_key UNION ALL SELECT 's:' || NEW.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = NEW.customer_id AND f.channel IS NOT NULL) k WHERE c.customer_id = NEW.customer_id AND c.filter_key = '*';
	INSERT INTO survey_answer_rows (filter_key, customer_id, survey, kind, score, comment, stage, delivery_id, journey_id, answered_at)
		SELECT k.filter_key, s.customer_id, s.survey, s.kind, s.score, s.comment, s.stage, s.delivery_id, s.journey_id, s.answered_at FROM survey_answer_rows s, (SELECT 's:' || NEW.segment_id AS filter_key UNION ALL SELECT 's:' || NEW.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = NEW.customer_id AND f.channel IS NOT NULL) k WHERE s.customer_id = NEW.customer_id AND s.filter_key = '*'
		ON CONFLICT (customer_id, survey, filter_key) DO UPDATE SET kind = excluded.kind, score = excluded.score, comment = excluded.comment, stage = excluded.stage,
			delivery_id = excluded.delivery_id, journey_id = excluded.journey_id, answered_at = excluded.answered_at;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER filter_keys_segment_entered AFTER INSERT ON segment_memberships FOR EACH ROW EXECUTE FUNCTION filter_keys_segment_entered();
--> statement-breakpoint
CREATE FUNCTION filter_keys_segment_left() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO journey_filtered_runs (filter_key, day, version_id, journey_id, status, runs)
		SELECT k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status, -count(*) FROM runs r, (SELECT 's:' || OLD.segment_id AS filter_key UNION ALL SELECT 's:' || OLD.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = OLD.customer_id AND f.channel IS NOT NULL) k WHERE r.customer_id = OLD.customer_id
		GROUP BY k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status
		ON CONFLICT (filter_key, day, version_id, status) DO UPDATE SET runs = journey_filtered_runs.runs + excluded.runs;
	INSERT INTO experiment_arm_days (filter_key, journey_id, node_id, day, arm, entered, converted)
		SELECT k.filter_key, a.journey_id, a.node_id, a.day, a.arm, -count(*), -sum(a.converted) FROM experiment_arm_runs a, (SELECT 's:' || OLD.segment_id AS filter_key UNION ALL SELECT 's:' || OLD.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = OLD.customer_id AND f.channel IS NOT NULL) k WHERE a.customer_id = OLD.customer_id
		GROUP BY k.filter_key, a.journey_id, a.node_id, a.day, a.arm
		ON CONFLICT (filter_key, journey_id, node_id, day, arm) DO UPDATE SET entered = experiment_arm_days.entered + excluded.entered, converted = experiment_arm_days.converted + excluded.converted;
	DELETE FROM journey_conversion_rows WHERE customer_id = OLD.customer_id AND filter_key IN (SELECT 's:' || OLD.segment_id AS filter_key UNION ALL SELECT 's:' || OLD.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = OLD.customer_id AND f.channel IS NOT NULL);
	DELETE FROM survey_answer_rows WHERE customer_id = OLD.customer_id AND filter_key IN (SELECT 's:' || OLD.segment_id AS filter_key UNION ALL SELECT 's:' || OLD.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = OLD.customer_id AND f.channel IS NOT NULL);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER filter_keys_segment_left AFTER DELETE ON segment_memberships FOR EACH ROW EXECUTE FUNCTION filter_keys_segment_left();
--> statement-breakpoint
CREATE FUNCTION filter_keys_channel_set() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO journey_filtered_runs (filter_key, day, version_id, journey_id, status, runs)
		SELECT k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status, count(*) FROM runs r, (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) k WHERE r.customer_id = NEW.customer_id
		GROUP BY k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status
		ON CONFLICT (filter_key, day, version_id, status) DO UPDATE SET runs = journey_filtered_runs.runs + excluded.runs;
	INSERT INTO experiment_arm_days (filter_key, journey_id, node_id, day, arm, entered, converted)
		SELECT k.filter_key, a.journey_id, a.node_id, a.day, a.arm, count(*), sum(a.converted) FROM experiment_arm_runs a, (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) k WHERE a.customer_id = NEW.customer_id
		GROUP BY k.filter_key, a.journey_id, a.node_id, a.day, a.arm
		ON CONFLICT (filter_key, journey_id, node_id, day, arm) DO UPDATE SET entered = experiment_arm_days.entered + excluded.entered, converted = experiment_arm_days.converted + excluded.converted;
	-- INSERT OR REPLACE as delete-then-insert (see the top of the file).
	DELETE FROM journey_conversion_rows d USING journey_conversion_rows c, (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) k
		WHERE c.customer_id = NEW.customer_id AND c.filter_key = '*' AND d.workflow_id = c.workflow_id AND d.filter_key = k.filter_key;
	INSERT INTO journey_conversion_rows (filter_key, workflow_id, journey_id, version_id, customer_id, started_at, seconds, revenue)
		SELECT k.filter_key, c.workflow_id, c.journey_id, c.version_id, c.customer_id, c.started_at, c.seconds, c.revenue FROM journey_conversion_rows c, (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) k WHERE c.customer_id = NEW.customer_id AND c.filter_key = '*';
	INSERT INTO survey_answer_rows (filter_key, customer_id, survey, kind, score, comment, stage, delivery_id, journey_id, answered_at)
		SELECT k.filter_key, s.customer_id, s.survey, s.kind, s.score, s.comment, s.stage, s.delivery_id, s.journey_id, s.answered_at FROM survey_answer_rows s, (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) k WHERE s.customer_id = NEW.customer_id AND s.filter_key = '*'
		ON CONFLICT (customer_id, survey, filter_key) DO UPDATE SET kind = excluded.kind, score = excluded.score, comment = excluded.comment, stage = excluded.stage,
			delivery_id = excluded.delivery_id, journey_id = excluded.journey_id, answered_at = excluded.answered_at;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER filter_keys_channel_set AFTER INSERT ON customer_facts FOR EACH ROW WHEN (NEW.channel IS NOT NULL) EXECUTE FUNCTION filter_keys_channel_set();
--> statement-breakpoint
CREATE FUNCTION filter_keys_channel_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO journey_filtered_runs (filter_key, day, version_id, journey_id, status, runs)
		SELECT k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status, -count(*) FROM runs r, (SELECT o.filter_key FROM (SELECT 'c:' || OLD.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || OLD.channel FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) o WHERE OLD.channel IS NOT NULL) k WHERE r.customer_id = OLD.customer_id
		GROUP BY k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status
		ON CONFLICT (filter_key, day, version_id, status) DO UPDATE SET runs = journey_filtered_runs.runs + excluded.runs;
	INSERT INTO experiment_arm_days (filter_key, journey_id, node_id, day, arm, entered, converted)
		SELECT k.filter_key, a.journey_id, a.node_id, a.day, a.arm, -count(*), -sum(a.converted) FROM experiment_arm_runs a, (SELECT o.filter_key FROM (SELECT 'c:' || OLD.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || OLD.channel FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) o WHERE OLD.channel IS NOT NULL) k WHERE a.customer_id = OLD.customer_id
		GROUP BY k.filter_key, a.journey_id, a.node_id, a.day, a.arm
		ON CONFLICT (filter_key, journey_id, node_id, day, arm) DO UPDATE SET entered = experiment_arm_days.entered + excluded.entered, converted = experiment_arm_days.converted + excluded.converted;
	DELETE FROM journey_conversion_rows WHERE customer_id = OLD.customer_id AND filter_key IN (SELECT o.filter_key FROM (SELECT 'c:' || OLD.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || OLD.channel FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) o WHERE OLD.channel IS NOT NULL);
	DELETE FROM survey_answer_rows WHERE customer_id = OLD.customer_id AND filter_key IN (SELECT o.filter_key FROM (SELECT 'c:' || OLD.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || OLD.channel FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) o WHERE OLD.channel IS NOT NULL);
	INSERT INTO journey_filtered_runs (filter_key, day, version_id, journey_id, status, runs)
		SELECT k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status, count(*) FROM runs r, (SELECT o.filter_key FROM (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) o WHERE NEW.channel IS NOT NULL) k WHERE r.customer_id = NEW.customer_id
		GROUP BY k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status
		ON CONFLICT (filter_key, day, version_id, status) DO UPDATE SET runs = journey_filtered_runs.runs + excluded.runs;
	INSERT INTO experiment_arm_days (filter_key, journey_id, node_id, day, arm, entered, converted)
		SELECT k.filter_key, a.journey_id, a.node_id, a.day, a.arm, count(*), sum(a.converted) FROM experiment_arm_runs a, (SELECT o.filter_key FROM (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) o WHERE NEW.channel IS NOT NULL) k WHERE a.customer_id = NEW.customer_id
		GROUP BY k.filter_key, a.journey_id, a.node_id, a.day, a.arm
		ON CONFLICT (filter_key, journey_id, node_id, day, arm) DO UPDATE SET entered = experiment_arm_days.entered + excluded.entered, converted = experiment_arm_days.converted + excluded.converted;
	-- INSERT OR REPLACE as delete-then-insert (see the top of the file).
	DELETE FROM journey_conversion_rows d USING journey_conversion_rows c, (SELECT o.filter_key FROM (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) o WHERE NEW.channel IS NOT NULL) k
		WHERE c.customer_id = NEW.customer_id AND c.filter_key = '*' AND d.workflow_id = c.workflow_id AND d.filter_key = k.filter_key;
	INSERT INTO journey_conversion_rows (filter_key, workflow_id, journey_id, version_id, customer_id, started_at, seconds, revenue)
		SELECT k.filter_key, c.workflow_id, c.journey_id, c.version_id, c.customer_id, c.started_at, c.seconds, c.revenue FROM journey_conversion_rows c, (SELECT o.filter_key FROM (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) o WHERE NEW.channel IS NOT NULL) k WHERE c.customer_id = NEW.customer_id AND c.filter_key = '*';
	INSERT INTO survey_answer_rows (filter_key, customer_id, survey, kind, score, comment, stage, delivery_id, journey_id, answered_at)
		SELECT k.filter_key, s.customer_id, s.survey, s.kind, s.score, s.comment, s.stage, s.delivery_id, s.journey_id, s.answered_at FROM survey_answer_rows s, (SELECT o.filter_key FROM (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) o WHERE NEW.channel IS NOT NULL) k WHERE s.customer_id = NEW.customer_id AND s.filter_key = '*'
		ON CONFLICT (customer_id, survey, filter_key) DO UPDATE SET kind = excluded.kind, score = excluded.score, comment = excluded.comment, stage = excluded.stage,
			delivery_id = excluded.delivery_id, journey_id = excluded.journey_id, answered_at = excluded.answered_at;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER filter_keys_channel_moved AFTER UPDATE OF channel ON customer_facts FOR EACH ROW WHEN (OLD.channel IS DISTINCT FROM NEW.channel) EXECUTE FUNCTION filter_keys_channel_moved();
