-- Hand-written (issue 13): two answers of 0008 and 0018 that differed from SQLite's.
--
-- 1. A path step `.0` names the key "0" of an object in SQLite and never an item of a list, and `[0]` an item of a list
--    and never a key of an object; Postgres's #> takes a step of digits as either, so json_extract('{"tags":["a"]}',
--    '$.tags.0') was 'a' here and NULL in SQLite. The path is now parsed into steps that keep their kind, and a path with
--    a step of digits is walked step by step; any other path still goes through #> (the path is a constant in the
--    queries, so Postgres folds its parse).
-- 2. survey_links_answer_removed set `last_answered_at` to the survey's newest remaining answer: when one DELETE removes
--    every answer of a survey, each row's trigger runs after the whole statement (Postgres), finds no answer left while
--    the count is still above zero, and wrote NULL into a NOT NULL column. It keeps the time until the count row goes.

-- The steps of a SQLite JSON path: 'k' || key for `.key` and `."quoted key"`, 'i' || index for `[index]`.
CREATE FUNCTION "sqlite_json_steps"("path" text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
	steps text[] := '{}';
	i integer := 2;
	n integer := length("path");
	c text;
	key text;
	j integer;
BEGIN
	IF left("path", 1) <> '$' THEN RAISE EXCEPTION 'JSON path error near %', "path"; END IF;
	WHILE i <= n LOOP
		c := substr("path", i, 1);
		IF c = '.' AND substr("path", i + 1, 1) = '"' THEN
			-- A quoted key: up to the closing quote that no backslash escapes; JSON decodes its escapes.
			j := i + 2;
			WHILE j <= n AND substr("path", j, 1) <> '"' LOOP
				IF substr("path", j, 1) = E'\\' THEN j := j + 1; END IF;
				j := j + 1;
			END LOOP;
			steps := steps || ('k' || (('"' || substr("path", i + 2, j - i - 2) || '"')::jsonb #>> '{}'));
			i := j + 1;
		ELSIF c = '.' THEN
			j := i + 1;
			WHILE j <= n AND substr("path", j, 1) NOT IN ('.', '[') LOOP j := j + 1; END LOOP;
			steps := steps || ('k' || substr("path", i + 1, j - i - 1));
			i := j;
		ELSIF c = '[' THEN
			j := strpos(substr("path", i), ']') + i - 1;
			key := substr("path", i + 1, j - i - 1);
			IF key !~ '^[0-9]+$' THEN RAISE EXCEPTION 'JSON path error near %', "path"; END IF;
			steps := steps || ('i' || key);
			i := j + 1;
		ELSE
			RAISE EXCEPTION 'JSON path error near %', "path";
		END IF;
	END LOOP;
	RETURN steps;
END $$;
--> statement-breakpoint
-- The key array of #> for a path: its steps without their kind (one parser for both).
CREATE OR REPLACE FUNCTION "sqlite_json_path"("path" text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT AS $$
	SELECT coalesce(array_agg(substr(step, 2) ORDER BY n), '{}') FROM unnest(sqlite_json_steps("path")) WITH ORDINALITY AS s(step, n)
$$;
--> statement-breakpoint
-- Whether #> could read a step otherwise than SQLite: one of digits, which #> takes as a key or an index alike.
CREATE FUNCTION "sqlite_json_path_has_digits"("path" text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS $$
	SELECT EXISTS (SELECT 1 FROM unnest(sqlite_json_steps("path")) AS s(step) WHERE step ~ '^[ki][0-9]+$')
$$;
--> statement-breakpoint
-- The value at a path, step by step: a key only in an object, an index only in a list.
CREATE FUNCTION "sqlite_json_walk"("doc" jsonb, "path" text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
	v jsonb := "doc";
	step text;
BEGIN
	FOREACH step IN ARRAY sqlite_json_steps("path") LOOP
		IF left(step, 1) = 'k' THEN
			IF jsonb_typeof(v) <> 'object' THEN RETURN NULL; END IF;
			v := v -> substr(step, 2);
		ELSE
			IF jsonb_typeof(v) <> 'array' THEN RETURN NULL; END IF;
			v := v -> substr(step, 2)::integer;
		END IF;
		IF v IS NULL THEN RETURN NULL; END IF;
	END LOOP;
	RETURN v;
END $$;
--> statement-breakpoint
-- The value at a SQLite JSON path, as SQLite finds it.
CREATE FUNCTION "sqlite_json_at"("doc" jsonb, "path" text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN sqlite_json_path_has_digits("path") THEN sqlite_json_walk("doc", "path") ELSE "doc" #> sqlite_json_path("path") END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "json_extract"("doc" jsonb, "path" text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT sqlite_json_value(sqlite_json_at("doc", "path"))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "json_each"("doc" jsonb, "path" text DEFAULT '$') RETURNS TABLE ("key" text, "value" text, "type" text)
LANGUAGE sql IMMUTABLE AS $$
	WITH target AS (SELECT sqlite_json_at("doc", "path") AS v)
	SELECT (e.ordinality - 1)::text, sqlite_json_value(e.value),
		CASE jsonb_typeof(e.value) WHEN 'number' THEN CASE WHEN e.value::text ~ '^-?[0-9]+$' THEN 'integer' ELSE 'real' END
			WHEN 'string' THEN 'text' WHEN 'boolean' THEN e.value::text ELSE jsonb_typeof(e.value) END
	FROM target, jsonb_array_elements(CASE jsonb_typeof(target.v) WHEN 'array' THEN target.v ELSE '[]'::jsonb END) WITH ORDINALITY e
	UNION ALL
	SELECT e.key, sqlite_json_value(e.value),
		CASE jsonb_typeof(e.value) WHEN 'number' THEN CASE WHEN e.value::text ~ '^-?[0-9]+$' THEN 'integer' ELSE 'real' END
			WHEN 'string' THEN 'text' WHEN 'boolean' THEN e.value::text ELSE jsonb_typeof(e.value) END
	FROM target, jsonb_each(CASE jsonb_typeof(target.v) WHEN 'object' THEN target.v ELSE '{}'::jsonb END) e
	UNION ALL
	SELECT NULL, sqlite_json_value(target.v), jsonb_typeof(target.v)
	FROM target WHERE jsonb_typeof(target.v) NOT IN ('array', 'object')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "json_type"("doc" jsonb, "path" text DEFAULT '$') RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE jsonb_typeof(v) WHEN 'number' THEN CASE WHEN v::text ~ '^-?[0-9]+$' THEN 'integer' ELSE 'real' END
		WHEN 'string' THEN 'text' WHEN 'boolean' THEN v::text ELSE jsonb_typeof(v) END
	FROM (SELECT sqlite_json_at("doc", "path") AS v) x
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION survey_links_answer_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM survey_answer_links WHERE (customer_id = OLD.customer_id AND kind = OLD.kind);
	INSERT INTO survey_answer_links (customer_id, kind, scope, survey, day, next_day, stage, journey_id, class)
		SELECT a.customer_id, a.kind, '*', a.survey, substr(a.answered_at, 1, 10), coalesce(lead(substr(a.answered_at, 1, 10)) OVER (PARTITION BY a.customer_id, a.kind ORDER BY a.answered_at, a.survey DESC), '~'), coalesce(a.stage, ''), '', CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = OLD.customer_id AND a.kind = OLD.kind)
		UNION ALL SELECT a.customer_id, a.kind, 'j:' || coalesce(a.journey_id, ''), a.survey, substr(a.answered_at, 1, 10), coalesce(lead(substr(a.answered_at, 1, 10)) OVER (PARTITION BY a.customer_id, a.kind, a.journey_id ORDER BY a.answered_at, a.survey DESC), '~'), coalesce(a.stage, ''), '', CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = OLD.customer_id AND a.kind = OLD.kind)
		UNION ALL SELECT a.customer_id, a.kind, 'v:' || a.survey, a.survey, substr(a.answered_at, 1, 10), '~', coalesce(a.stage, ''), coalesce(a.journey_id, ''), CASE WHEN a.kind = 'nps' THEN (CASE WHEN a.score >= 9 THEN 'p' WHEN a.score >= 7 THEN 'n' ELSE 'd' END) ELSE (CASE WHEN a.score >= 4 THEN 'p' WHEN a.score = 3 THEN 'n' ELSE 'd' END) END FROM survey_answers a WHERE (a.customer_id = OLD.customer_id AND a.kind = OLD.kind);
	UPDATE survey_name_counts SET answers = answers - 1 WHERE survey = OLD.survey AND kind = OLD.kind;
	DELETE FROM survey_name_counts WHERE survey = OLD.survey AND kind = OLD.kind AND answers <= 0;
	UPDATE survey_name_counts SET last_answered_at = coalesce((SELECT max(answered_at) FROM survey_answers WHERE survey = OLD.survey AND kind = OLD.kind), last_answered_at) WHERE survey = OLD.survey AND kind = OLD.kind;
	RETURN NULL;
END
$$;
