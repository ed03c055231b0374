-- A random split's step recorded again (a progress activity retried after its first attempt committed) failed for
-- ever with "UNIQUE constraint failed: experiment_arm_runs…": the step upsert's DO UPDATE fires this trigger, and
-- SQLite applies the outer statement's conflict policy (ABORT) to the statements inside a trigger, overriding their
-- OR IGNORE. The arm row is now inserted only when it is not there, which needs no conflict policy at all.
DROP TRIGGER IF EXISTS `experiment_arm_step_changed`;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `experiment_arm_step_changed` AFTER UPDATE OF `node_id`, `node_type`, `exit` ON `run_steps` WHEN NEW.`node_type` = 'random_split' AND NEW.`exit` IS NOT NULL BEGIN
	INSERT INTO experiment_arm_runs (workflow_id, node_id, arm, journey_id, customer_id, day, converted)
		SELECT NEW.workflow_id, NEW.node_id, NEW.exit, r.journey_id, r.customer_id, substr(NEW.entered_at, 1, 10), EXISTS (SELECT 1 FROM run_conversions c WHERE c.workflow_id = NEW.workflow_id)
		FROM runs r WHERE r.workflow_id = NEW.workflow_id
			AND NOT EXISTS (SELECT 1 FROM experiment_arm_runs a WHERE a.workflow_id = NEW.workflow_id AND a.node_id = NEW.node_id AND a.arm = NEW.exit);
END;
