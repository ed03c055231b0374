-- Lists a marketer can live with: archived journeys, and customers in natural order (cust-2 before cust-10) by id,
-- name or email, each order an index so a page costs the same at 1M customers.
ALTER TABLE `journeys` ADD `archived_at` text;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `journeys_updated` ON `journeys` (`updated_at`,`id`);
--> statement-breakpoint
-- Journeys list counts (in progress, converted) read the analytics run counters per journey and status: this index
-- covers that read, so it touches only the index however many days and versions a journey has.
CREATE INDEX IF NOT EXISTS `journey_daily_runs_status` ON `journey_daily_runs` (`journey_id`,`status`,`runs`);
--> statement-breakpoint
-- The name a person reads: traits.name, else first and last name (camelCase or snake_case traits).
ALTER TABLE `customers` ADD `display_name` text GENERATED ALWAYS AS (coalesce(nullif(trim(json_extract(`traits`, '$.name')), ''), nullif(trim(coalesce(json_extract(`traits`, '$.firstName'), json_extract(`traits`, '$.first_name'), '') || ' ' || coalesce(json_extract(`traits`, '$.lastName'), json_extract(`traits`, '$.last_name'), '')), ''))) VIRTUAL;
--> statement-breakpoint
-- Natural sort keys: lower case, the trailing number written as its digit count then its digits (leading zeros
-- dropped), so `cust-2` (`cust-012`) sorts before `cust-10` (`cust-0210`); for an email the number ending its local
-- part. A missing name or email sorts last (U+10FFFF).
ALTER TABLE `customers` ADD `id_sort` text GENERATED ALWAYS AS (rtrim(lower(`id`), '0123456789') || printf('%02d', length(ltrim(substr(lower(`id`), length(rtrim(lower(`id`), '0123456789')) + 1), '0'))) || ltrim(substr(lower(`id`), length(rtrim(lower(`id`), '0123456789')) + 1), '0')) VIRTUAL;
--> statement-breakpoint
ALTER TABLE `customers` ADD `name_sort` text GENERATED ALWAYS AS (coalesce(rtrim(lower(`display_name`), '0123456789') || printf('%02d', length(ltrim(substr(lower(`display_name`), length(rtrim(lower(`display_name`), '0123456789')) + 1), '0'))) || ltrim(substr(lower(`display_name`), length(rtrim(lower(`display_name`), '0123456789')) + 1), '0'), char(1114111))) VIRTUAL;
--> statement-breakpoint
ALTER TABLE `customers` ADD `email_sort` text GENERATED ALWAYS AS (coalesce(CASE WHEN instr(lower(`email`), '@') > 0 THEN rtrim(substr(lower(`email`), 1, instr(lower(`email`), '@') - 1), '0123456789') || printf('%02d', length(ltrim(substr(substr(lower(`email`), 1, instr(lower(`email`), '@') - 1), length(rtrim(substr(lower(`email`), 1, instr(lower(`email`), '@') - 1), '0123456789')) + 1), '0'))) || ltrim(substr(substr(lower(`email`), 1, instr(lower(`email`), '@') - 1), length(rtrim(substr(lower(`email`), 1, instr(lower(`email`), '@') - 1), '0123456789')) + 1), '0') || substr(lower(`email`), instr(lower(`email`), '@')) ELSE rtrim(lower(`email`), '0123456789') || printf('%02d', length(ltrim(substr(lower(`email`), length(rtrim(lower(`email`), '0123456789')) + 1), '0'))) || ltrim(substr(lower(`email`), length(rtrim(lower(`email`), '0123456789')) + 1), '0') END, char(1114111))) VIRTUAL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `customers_id_sort` ON `customers` (`id_sort`,`id`);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `customers_name_sort` ON `customers` (`name_sort`,`id`);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `customers_email_sort` ON `customers` (`email_sort`,`id`);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `customers_created` ON `customers` (`created_at`,`id`);
