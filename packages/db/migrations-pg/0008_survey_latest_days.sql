-- The Postgres form of SQLite migration 0037 (survey_latest_days): the triggers keeping survey_answer_links,
-- survey_score_days and survey_name_counts, each a plpgsql function named after its trigger. One deliberate
-- difference: Postgres runs row triggers after the whole statement, not after each row, so a statement touching
-- several answers of one customer and kind (forgetting a customer) rebuilds their chain once from the final rows,
-- where SQLite rebuilds it per row and can leave survey_score_days cells at 0 answers that Postgres never creates.
-- The counts of every cell are the same.
CREATE FUNCTION survey_links_answer_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM survey_answer_links WHERE (customer_id = NEW.customer_id AND kind = NEW.kind);
	INSERT INTO survey_answer_links (customer_id, kind, scope, survey, day, next_day, stage, journey_id, class)
		SELECT a.customer_id, a.kind, '*', a.survey, substr(a.answered_at, 1, 10), coalesce(lead(substr(a.answered_at, 1, 10)) OVER (PARTITION BY a.customer_id, a.kind ORDER BY a.answered_at, a.survey DESC), '~'), coalesce(a.stage, ''), '', CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = NEW.customer_id AND a.kind = NEW.kind)
		UNION ALL SELECT a.customer_id, a.kind, 'j:' || coalesce(a.journey_id, ''), a.survey, substr(a.answered_at, 1, 10), coalesce(lead(substr(a.answered_at, 1, 10)) OVER (PARTITION BY a.customer_id, a.kind, a.journey_id ORDER BY a.answered_at, a.survey DESC), '~'), coalesce(a.stage, ''), '', CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = NEW.customer_id AND a.kind = NEW.kind)
		UNION ALL SELECT a.customer_id, a.kind, 'v:' || a.survey, a.survey, substr(a.answered_at, 1, 10), '~', coalesce(a.stage, ''), coalesce(a.journey_id, ''), CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = NEW.customer_id AND a.kind = NEW.kind);
	INSERT INTO survey_name_counts (survey, kind, answers, last_answered_at) VALUES (NEW.survey, NEW.kind, 1, NEW.answered_at)
		ON CONFLICT (survey, kind) DO UPDATE SET answers = survey_name_counts.answers + 1, last_answered_at = greatest(survey_name_counts.last_answered_at, excluded.last_answered_at);
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER survey_links_answer_added AFTER INSERT ON survey_answers FOR EACH ROW EXECUTE FUNCTION survey_links_answer_added();
--> statement-breakpoint
CREATE FUNCTION survey_links_answer_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM survey_answer_links WHERE (customer_id = OLD.customer_id AND kind = OLD.kind) OR (customer_id = NEW.customer_id AND kind = NEW.kind);
	INSERT INTO survey_answer_links (customer_id, kind, scope, survey, day, next_day, stage, journey_id, class)
		SELECT a.customer_id, a.kind, '*', a.survey, substr(a.answered_at, 1, 10), coalesce(lead(substr(a.answered_at, 1, 10)) OVER (PARTITION BY a.customer_id, a.kind ORDER BY a.answered_at, a.survey DESC), '~'), coalesce(a.stage, ''), '', CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = OLD.customer_id AND a.kind = OLD.kind) OR (a.customer_id = NEW.customer_id AND a.kind = NEW.kind)
		UNION ALL SELECT a.customer_id, a.kind, 'j:' || coalesce(a.journey_id, ''), a.survey, substr(a.answered_at, 1, 10), coalesce(lead(substr(a.answered_at, 1, 10)) OVER (PARTITION BY a.customer_id, a.kind, a.journey_id ORDER BY a.answered_at, a.survey DESC), '~'), coalesce(a.stage, ''), '', CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = OLD.customer_id AND a.kind = OLD.kind) OR (a.customer_id = NEW.customer_id AND a.kind = NEW.kind)
		UNION ALL SELECT a.customer_id, a.kind, 'v:' || a.survey, a.survey, substr(a.answered_at, 1, 10), '~', coalesce(a.stage, ''), coalesce(a.journey_id, ''), CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = OLD.customer_id AND a.kind = OLD.kind) OR (a.customer_id = NEW.customer_id AND a.kind = NEW.kind);
	UPDATE survey_name_counts SET answers = answers - 1 WHERE survey = OLD.survey AND kind = OLD.kind;
	INSERT INTO survey_name_counts (survey, kind, answers, last_answered_at) VALUES (NEW.survey, NEW.kind, 1, NEW.answered_at)
		ON CONFLICT (survey, kind) DO UPDATE SET answers = survey_name_counts.answers + 1, last_answered_at = greatest(survey_name_counts.last_answered_at, excluded.last_answered_at);
	DELETE FROM survey_name_counts WHERE survey = OLD.survey AND kind = OLD.kind AND answers <= 0;
	UPDATE survey_name_counts SET last_answered_at = (SELECT max(answered_at) FROM survey_answers WHERE survey = OLD.survey AND kind = OLD.kind) WHERE survey = OLD.survey AND kind = OLD.kind;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER survey_links_answer_changed AFTER UPDATE ON survey_answers FOR EACH ROW WHEN (OLD.customer_id IS DISTINCT FROM NEW.customer_id OR OLD.survey IS DISTINCT FROM NEW.survey OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.score IS DISTINCT FROM NEW.score OR OLD.stage IS DISTINCT FROM NEW.stage OR OLD.journey_id IS DISTINCT FROM NEW.journey_id OR OLD.answered_at IS DISTINCT FROM NEW.answered_at) EXECUTE FUNCTION survey_links_answer_changed();
--> statement-breakpoint
CREATE FUNCTION survey_links_answer_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM survey_answer_links WHERE (customer_id = OLD.customer_id AND kind = OLD.kind);
	INSERT INTO survey_answer_links (customer_id, kind, scope, survey, day, next_day, stage, journey_id, class)
		SELECT a.customer_id, a.kind, '*', a.survey, substr(a.answered_at, 1, 10), coalesce(lead(substr(a.answered_at, 1, 10)) OVER (PARTITION BY a.customer_id, a.kind ORDER BY a.answered_at, a.survey DESC), '~'), coalesce(a.stage, ''), '', CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = OLD.customer_id AND a.kind = OLD.kind)
		UNION ALL SELECT a.customer_id, a.kind, 'j:' || coalesce(a.journey_id, ''), a.survey, substr(a.answered_at, 1, 10), coalesce(lead(substr(a.answered_at, 1, 10)) OVER (PARTITION BY a.customer_id, a.kind, a.journey_id ORDER BY a.answered_at, a.survey DESC), '~'), coalesce(a.stage, ''), '', CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = OLD.customer_id AND a.kind = OLD.kind)
		UNION ALL SELECT a.customer_id, a.kind, 'v:' || a.survey, a.survey, substr(a.answered_at, 1, 10), '~', coalesce(a.stage, ''), coalesce(a.journey_id, ''), CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = OLD.customer_id AND a.kind = OLD.kind);
	UPDATE survey_name_counts SET answers = answers - 1 WHERE survey = OLD.survey AND kind = OLD.kind;
	DELETE FROM survey_name_counts WHERE survey = OLD.survey AND kind = OLD.kind AND answers <= 0;
	UPDATE survey_name_counts SET last_answered_at = (SELECT max(answered_at) FROM survey_answers WHERE survey = OLD.survey AND kind = OLD.kind) WHERE survey = OLD.survey AND kind = OLD.kind;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER survey_links_answer_removed AFTER DELETE ON survey_answers FOR EACH ROW EXECUTE FUNCTION survey_links_answer_removed();
--> statement-breakpoint
CREATE FUNCTION survey_score_days_link_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO survey_score_days (filter_key, kind, scope, day, next_day, stage, journey_id, class, answers)
		SELECT k.filter_key, NEW.kind, NEW.scope, NEW.day, NEW.next_day, NEW.stage, NEW.journey_id, NEW.class, 1 FROM (SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = NEW.customer_id) k
		ON CONFLICT (filter_key, kind, scope, day, next_day, stage, journey_id, class) DO UPDATE SET answers = survey_score_days.answers + excluded.answers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER survey_score_days_link_added AFTER INSERT ON survey_answer_links FOR EACH ROW EXECUTE FUNCTION survey_score_days_link_added();
--> statement-breakpoint
CREATE FUNCTION survey_score_days_link_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO survey_score_days (filter_key, kind, scope, day, next_day, stage, journey_id, class, answers)
		SELECT k.filter_key, OLD.kind, OLD.scope, OLD.day, OLD.next_day, OLD.stage, OLD.journey_id, OLD.class, -1 FROM (SELECT '*' AS filter_key UNION ALL SELECT filter_key FROM analytics_filter_keys WHERE customer_id = OLD.customer_id) k
		ON CONFLICT (filter_key, kind, scope, day, next_day, stage, journey_id, class) DO UPDATE SET answers = survey_score_days.answers + excluded.answers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER survey_score_days_link_removed AFTER DELETE ON survey_answer_links FOR EACH ROW EXECUTE FUNCTION survey_score_days_link_removed();
--> statement-breakpoint
CREATE FUNCTION survey_score_days_segment_entered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO survey_score_days (filter_key, kind, scope, day, next_day, stage, journey_id, class, answers)
		SELECT k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class, count(*) FROM survey_answer_links l, (SELECT 's:' || NEW.segment_id AS filter_key UNION ALL SELECT 's:' || NEW.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = NEW.customer_id AND f.channel IS NOT NULL) k WHERE l.customer_id = NEW.customer_id
		GROUP BY k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class
		ON CONFLICT (filter_key, kind, scope, day, next_day, stage, journey_id, class) DO UPDATE SET answers = survey_score_days.answers + excluded.answers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER survey_score_days_segment_entered AFTER INSERT ON segment_memberships FOR EACH ROW EXECUTE FUNCTION survey_score_days_segment_entered();
--> statement-breakpoint
CREATE FUNCTION survey_score_days_segment_left() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO survey_score_days (filter_key, kind, scope, day, next_day, stage, journey_id, class, answers)
		SELECT k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class, -count(*) FROM survey_answer_links l, (SELECT 's:' || OLD.segment_id AS filter_key UNION ALL SELECT 's:' || OLD.segment_id || '|c:' || f.channel FROM customer_facts f WHERE f.customer_id = OLD.customer_id AND f.channel IS NOT NULL) k WHERE l.customer_id = OLD.customer_id
		GROUP BY k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class
		ON CONFLICT (filter_key, kind, scope, day, next_day, stage, journey_id, class) DO UPDATE SET answers = survey_score_days.answers + excluded.answers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER survey_score_days_segment_left AFTER DELETE ON segment_memberships FOR EACH ROW EXECUTE FUNCTION survey_score_days_segment_left();
--> statement-breakpoint
CREATE FUNCTION survey_score_days_channel_set() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO survey_score_days (filter_key, kind, scope, day, next_day, stage, journey_id, class, answers)
		SELECT k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class, count(*) FROM survey_answer_links l, (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) k WHERE l.customer_id = NEW.customer_id
		GROUP BY k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class
		ON CONFLICT (filter_key, kind, scope, day, next_day, stage, journey_id, class) DO UPDATE SET answers = survey_score_days.answers + excluded.answers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER survey_score_days_channel_set AFTER INSERT ON customer_facts FOR EACH ROW WHEN (NEW.channel IS NOT NULL) EXECUTE FUNCTION survey_score_days_channel_set();
--> statement-breakpoint
CREATE FUNCTION survey_score_days_channel_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO survey_score_days (filter_key, kind, scope, day, next_day, stage, journey_id, class, answers)
		SELECT k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class, -count(*) FROM survey_answer_links l, (SELECT g.filter_key FROM (SELECT 'c:' || OLD.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || OLD.channel FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) g WHERE OLD.channel IS NOT NULL) k WHERE l.customer_id = OLD.customer_id
		GROUP BY k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class
		ON CONFLICT (filter_key, kind, scope, day, next_day, stage, journey_id, class) DO UPDATE SET answers = survey_score_days.answers + excluded.answers;
	INSERT INTO survey_score_days (filter_key, kind, scope, day, next_day, stage, journey_id, class, answers)
		SELECT k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class, count(*) FROM survey_answer_links l, (SELECT g.filter_key FROM (SELECT 'c:' || NEW.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || NEW.channel FROM segment_memberships m WHERE m.customer_id = NEW.customer_id) g WHERE NEW.channel IS NOT NULL) k WHERE l.customer_id = NEW.customer_id
		GROUP BY k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class
		ON CONFLICT (filter_key, kind, scope, day, next_day, stage, journey_id, class) DO UPDATE SET answers = survey_score_days.answers + excluded.answers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER survey_score_days_channel_moved AFTER UPDATE OF channel ON customer_facts FOR EACH ROW WHEN (OLD.channel IS DISTINCT FROM NEW.channel) EXECUTE FUNCTION survey_score_days_channel_moved();
--> statement-breakpoint
CREATE FUNCTION survey_score_days_facts_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO survey_score_days (filter_key, kind, scope, day, next_day, stage, journey_id, class, answers)
		SELECT k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class, -count(*) FROM survey_answer_links l, (SELECT 'c:' || OLD.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || OLD.channel FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) k WHERE l.customer_id = OLD.customer_id
		GROUP BY k.filter_key, l.kind, l.scope, l.day, l.next_day, l.stage, l.journey_id, l.class
		ON CONFLICT (filter_key, kind, scope, day, next_day, stage, journey_id, class) DO UPDATE SET answers = survey_score_days.answers + excluded.answers;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER survey_score_days_facts_removed AFTER DELETE ON customer_facts FOR EACH ROW WHEN (OLD.channel IS NOT NULL) EXECUTE FUNCTION survey_score_days_facts_removed();
