-- A customer's first-touch facts deleted (the customer forgotten, or merged into another): their runs, arm passes,
-- conversions and survey answers leave the channel keys ('c:<channel>' and 's:<segment>|c:<channel>') of migration
-- 0030, as they do when the channel moves (filter_keys_channel_moved) or a segment membership ends.
CREATE TRIGGER IF NOT EXISTS `filter_keys_channel_removed` AFTER DELETE ON `customer_facts` WHEN OLD.`channel` IS NOT NULL BEGIN
	INSERT INTO journey_filtered_runs (filter_key, day, version_id, journey_id, status, runs)
		SELECT k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status, -count(*) FROM runs r, (SELECT 'c:' || OLD.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || OLD.channel FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) k WHERE r.customer_id = OLD.customer_id
		GROUP BY k.filter_key, substr(r.started_at, 1, 10), r.version_id, r.journey_id, r.status
		ON CONFLICT DO UPDATE SET runs = runs + excluded.runs;
	INSERT INTO experiment_arm_days (filter_key, journey_id, node_id, day, arm, entered, converted)
		SELECT k.filter_key, a.journey_id, a.node_id, a.day, a.arm, -count(*), -sum(a.converted) FROM experiment_arm_runs a, (SELECT 'c:' || OLD.channel AS filter_key UNION ALL SELECT 's:' || m.segment_id || '|c:' || OLD.channel FROM segment_memberships m WHERE m.customer_id = OLD.customer_id) k WHERE a.customer_id = OLD.customer_id
		GROUP BY k.filter_key, a.journey_id, a.node_id, a.day, a.arm
		ON CONFLICT DO UPDATE SET entered = entered + excluded.entered, converted = converted + excluded.converted;
	DELETE FROM journey_conversion_rows WHERE customer_id = OLD.customer_id AND filter_key IN (SELECT 'c:' || OLD.channel UNION ALL SELECT 's:' || m.segment_id || '|c:' || OLD.channel FROM segment_memberships m WHERE m.customer_id = OLD.customer_id);
	DELETE FROM survey_answer_rows WHERE customer_id = OLD.customer_id AND filter_key IN (SELECT 'c:' || OLD.channel UNION ALL SELECT 's:' || m.segment_id || '|c:' || OLD.channel FROM segment_memberships m WHERE m.customer_id = OLD.customer_id);
END;
--> statement-breakpoint
-- Per-day band deltas were written on every band change and read by nothing (the band figures read health_history
-- and the keyed rollups of 0041).
DROP TABLE IF EXISTS `health_band_days`;
