-- Hand-written: SQLite's scalar functions that Lifecycle's SQL text uses, with SQLite's answers, so that the text is
-- written once and runs on both backends (issue 13). Each answers as SQLite does where Lifecycle relies on it: times
-- are UTC ISO-8601 text, 'now' is the statement's time, a value SQLite cannot read as a time gives NULL (not an error),
-- json_extract answers a string unquoted, a number or boolean (1/0) as its text and an object or array as JSON text, and
-- the two-argument max/min are NULL when either argument is (greatest/least would skip it).
--
-- The parts of SQLite's SQL that are syntax rather than functions (INSERT OR IGNORE, INDEXED BY, rowid, typeof) have
-- portable or per-backend forms in the query code instead.

-- A dotted JSON path as SQLite writes it ($, ."quoted key", .key, [index]) → the key array of Postgres's #> operator.
CREATE FUNCTION "sqlite_json_path"("path" text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
	keys text[] := '{}';
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
			keys := keys || (('"' || substr("path", i + 2, j - i - 2) || '"')::jsonb #>> '{}');
			i := j + 1;
		ELSIF c = '.' THEN
			j := i + 1;
			WHILE j <= n AND substr("path", j, 1) NOT IN ('.', '[') LOOP j := j + 1; END LOOP;
			keys := keys || substr("path", i + 1, j - i - 1);
			i := j;
		ELSIF c = '[' THEN
			j := strpos(substr("path", i), ']') + i - 1;
			key := substr("path", i + 1, j - i - 1);
			IF key !~ '^[0-9]+$' THEN RAISE EXCEPTION 'JSON path error near %', "path"; END IF;
			keys := keys || key;
			i := j + 1;
		ELSE
			RAISE EXCEPTION 'JSON path error near %', "path";
		END IF;
	END LOOP;
	RETURN keys;
END $$;
--> statement-breakpoint
-- A JSON value as SQLite's json_extract and json_each answer it: strings unquoted, true/false as 1/0, null as NULL,
-- numbers, objects and arrays as their JSON text.
CREATE FUNCTION "sqlite_json_value"("value" jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE jsonb_typeof("value")
		WHEN 'string' THEN "value" #>> '{}'
		WHEN 'boolean' THEN CASE WHEN "value" = 'true'::jsonb THEN '1' ELSE '0' END
		WHEN 'null' THEN NULL
		ELSE "value"::text END
$$;
--> statement-breakpoint
CREATE FUNCTION "json_extract"("doc" jsonb, "path" text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT sqlite_json_value("doc" #> sqlite_json_path("path"))
$$;
--> statement-breakpoint
CREATE FUNCTION "json_extract"("doc" text, "path" text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT json_extract("doc"::jsonb, "path")
$$;
--> statement-breakpoint
-- SQLite's json_each: a row per element of an array (key: its index) or member of an object (key: its name), or one
-- row for a scalar; `value` as json_extract answers it, `type` as SQLite names JSON types.
CREATE FUNCTION "json_each"("doc" jsonb, "path" text DEFAULT '$') RETURNS TABLE ("key" text, "value" text, "type" text)
LANGUAGE sql IMMUTABLE AS $$
	WITH target AS (SELECT "doc" #> sqlite_json_path("path") AS v)
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
CREATE FUNCTION "json_each"("doc" text, "path" text DEFAULT '$') RETURNS TABLE ("key" text, "value" text, "type" text)
LANGUAGE sql IMMUTABLE AS $$
	SELECT * FROM json_each("doc"::jsonb, "path")
$$;
--> statement-breakpoint
-- RFC 7396 merge patch, as SQLite's json_patch: members of `patch` replace those of `target`, objects merge
-- recursively, a null member removes the key, and a patch that is not an object replaces the target.
CREATE FUNCTION "json_patch"("target" jsonb, "patch" jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	result jsonb;
	member record;
BEGIN
	IF "patch" IS NULL THEN RETURN NULL; END IF;
	IF jsonb_typeof("patch") <> 'object' THEN RETURN "patch"; END IF;
	result := CASE WHEN jsonb_typeof("target") = 'object' THEN "target" ELSE '{}'::jsonb END;
	FOR member IN SELECT * FROM jsonb_each("patch") LOOP
		IF jsonb_typeof(member.value) = 'null' THEN
			result := result - member.key;
		ELSE
			result := jsonb_set(result, ARRAY[member.key], json_patch(result -> member.key, member.value));
		END IF;
	END LOOP;
	RETURN result;
END $$;
--> statement-breakpoint
-- A time value and SQLite's modifiers → a UTC timestamp, or NULL where SQLite answers NULL. Values: 'now', ISO-8601
-- text (a trailing Z or offset is converted to UTC, none means UTC), a number (a Julian day, or seconds with
-- 'unixepoch'). Modifiers: ±N days/hours/minutes/seconds/months/years, start of day/month/year, weekday N, unixepoch.
CREATE FUNCTION "sqlite_timestamp"("value" text, "modifiers" text[]) RETURNS timestamp LANGUAGE plpgsql STABLE AS $$
DECLARE
	t timestamp;
	modifier text;
	parts text[];
BEGIN
	IF "value" IS NULL THEN RETURN NULL; END IF;
	BEGIN
		IF lower(trim("value")) = 'now' THEN
			t := statement_timestamp() AT TIME ZONE 'UTC';
		ELSIF trim("value") ~ '^-?[0-9]+(\.[0-9]*)?$' THEN
			IF 'unixepoch' = ANY("modifiers") THEN
				t := to_timestamp(trim("value")::double precision) AT TIME ZONE 'UTC';
			ELSE
				t := to_timestamp((trim("value")::double precision - 2440587.5) * 86400) AT TIME ZONE 'UTC';
			END IF;
		ELSIF trim("value") ~ '(Z|z|[+-][0-9]{2}:?[0-9]{2})$' THEN
			t := trim("value")::timestamptz AT TIME ZONE 'UTC';
		ELSE
			t := trim("value")::timestamp;
		END IF;
	EXCEPTION WHEN others THEN
		RETURN NULL;
	END;
	FOREACH modifier IN ARRAY coalesce("modifiers", '{}') LOOP
		modifier := lower(trim(modifier));
		parts := regexp_match(modifier, '^([+-]?[0-9]+(\.[0-9]*)?)\s+(year|month|day|hour|minute|second)s?$');
		IF parts IS NOT NULL THEN
			t := t + (parts[1] || ' ' || parts[3])::interval;
		ELSIF modifier = 'start of day' THEN
			t := date_trunc('day', t);
		ELSIF modifier = 'start of month' THEN
			t := date_trunc('month', t);
		ELSIF modifier = 'start of year' THEN
			t := date_trunc('year', t);
		ELSIF modifier ~ '^weekday [0-6]$' THEN
			t := t + ((substr(modifier, 9)::integer - extract(dow FROM t)::integer + 7) % 7) * interval '1 day';
		ELSIF modifier IN ('unixepoch', 'utc', 'localtime', 'auto', 'subsec', 'subsecond') THEN
			NULL;
		ELSE
			RETURN NULL;
		END IF;
	END LOOP;
	RETURN t;
END $$;
--> statement-breakpoint
CREATE FUNCTION "strftime"("format" text, "value" text, VARIADIC "modifiers" text[] DEFAULT '{}') RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
	t timestamp := sqlite_timestamp("value", "modifiers");
	result text := '';
	i integer := 1;
	c text;
BEGIN
	IF t IS NULL OR "format" IS NULL THEN RETURN NULL; END IF;
	WHILE i <= length("format") LOOP
		c := substr("format", i, 1);
		IF c = '%' AND i < length("format") THEN
			i := i + 1;
			c := substr("format", i, 1);
			result := result || CASE c
				WHEN 'Y' THEN to_char(t, 'YYYY')
				WHEN 'm' THEN to_char(t, 'MM')
				WHEN 'd' THEN to_char(t, 'DD')
				WHEN 'H' THEN to_char(t, 'HH24')
				WHEN 'M' THEN to_char(t, 'MI')
				WHEN 'S' THEN to_char(t, 'SS')
				WHEN 'f' THEN to_char(t, 'SS.MS')
				WHEN 'w' THEN extract(dow FROM t)::integer::text
				WHEN 'u' THEN extract(isodow FROM t)::integer::text
				WHEN 'j' THEN to_char(t, 'DDD')
				WHEN 's' THEN floor(extract(epoch FROM t))::bigint::text
				WHEN 'J' THEN (((extract(epoch FROM t) * 1000)::bigint + 210866760000000)::double precision / 86400000.0)::text
				WHEN '%' THEN '%'
				ELSE '%' || c END;
		ELSE
			result := result || c;
		END IF;
		i := i + 1;
	END LOOP;
	RETURN result;
END $$;
--> statement-breakpoint
CREATE FUNCTION "strftime"("format" text, "value" double precision, VARIADIC "modifiers" text[] DEFAULT '{}') RETURNS text LANGUAGE sql STABLE AS $$
	SELECT strftime("format", "value"::text, VARIADIC "modifiers")
$$;
--> statement-breakpoint
-- With modifiers only: `date(x)` alone is Postgres's cast to its date type (node-postgres is told to answer dates as
-- their text, but a UNION or CASE beside text refuses it), so the query text writes strftime('%Y-%m-%d', x) instead.
CREATE FUNCTION "date"("value" text, VARIADIC "modifiers" text[]) RETURNS text LANGUAGE sql STABLE AS $$
	SELECT strftime('%Y-%m-%d', "value", VARIADIC "modifiers")
$$;
--> statement-breakpoint
CREATE FUNCTION "datetime"("value" text, VARIADIC "modifiers" text[] DEFAULT '{}') RETURNS text LANGUAGE sql STABLE AS $$
	SELECT strftime('%Y-%m-%d %H:%M:%S', "value", VARIADIC "modifiers")
$$;
--> statement-breakpoint
-- As SQLite computes it: whole milliseconds since the Julian epoch over 86400000.0, so differences agree to the bit.
CREATE FUNCTION "julianday"("value" text, VARIADIC "modifiers" text[] DEFAULT '{}') RETURNS double precision LANGUAGE sql STABLE AS $$
	SELECT ((extract(epoch FROM t) * 1000)::bigint + 210866760000000)::double precision / 86400000.0
	FROM (SELECT sqlite_timestamp("value", "modifiers") AS t) x
$$;
--> statement-breakpoint
CREATE FUNCTION "unixepoch"("value" text, VARIADIC "modifiers" text[] DEFAULT '{}') RETURNS bigint LANGUAGE sql STABLE AS $$
	SELECT floor(extract(epoch FROM sqlite_timestamp("value", "modifiers")))::bigint
$$;
--> statement-breakpoint
CREATE FUNCTION "instr"("haystack" text, "needle" text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
	SELECT strpos("haystack", "needle")
$$;
--> statement-breakpoint
-- SQLite's scalar max/min of two values: NULL when either is NULL.
CREATE FUNCTION "max"("a" anycompatible, "b" anycompatible) RETURNS anycompatible LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN "a" IS NULL OR "b" IS NULL THEN NULL ELSE greatest("a", "b") END
$$;
--> statement-breakpoint
CREATE FUNCTION "min"("a" anycompatible, "b" anycompatible) RETURNS anycompatible LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN "a" IS NULL OR "b" IS NULL THEN NULL ELSE least("a", "b") END
$$;
--> statement-breakpoint
-- SQLite sums comparisons (`sum(status = 'sent')`): they are 1/0 there. The same sum of booleans, NULL over no rows as
-- SQLite's sum is, NULLs skipped.
CREATE FUNCTION "sqlite_sum_boolean"("total" bigint, "value" boolean) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN "value" IS NULL THEN "total" ELSE coalesce("total", 0) + CASE WHEN "value" THEN 1 ELSE 0 END END
$$;
--> statement-breakpoint
CREATE AGGREGATE "sum"(boolean) (SFUNC = "sqlite_sum_boolean", STYPE = bigint);
--> statement-breakpoint
-- SQLite's json_type: the type of the value at `path` as SQLite names it (null, true, false, integer, real, text, array,
-- object), or NULL where there is no value.
CREATE FUNCTION "json_type"("doc" jsonb, "path" text DEFAULT '$') RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE jsonb_typeof(v) WHEN 'number' THEN CASE WHEN v::text ~ '^-?[0-9]+$' THEN 'integer' ELSE 'real' END
		WHEN 'string' THEN 'text' WHEN 'boolean' THEN v::text ELSE jsonb_typeof(v) END
	FROM (SELECT "doc" #> sqlite_json_path("path") AS v) x
$$;
--> statement-breakpoint
CREATE FUNCTION "json_type"("doc" text, "path" text DEFAULT '$') RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT json_type("doc"::jsonb, "path")
$$;
