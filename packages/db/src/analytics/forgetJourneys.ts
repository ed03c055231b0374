import type { Db } from '../client';

// Each statement uncounts one customer's runs, steps and deliveries from the journey counters the insert triggers of
// migration 0016 and 0030 added them to (the filter-keyed ones left the keys with `detachCustomerKeys` first).
const UNCOUNT = [
  `INSERT INTO journey_daily_runs (version_id, journey_id, day, status, runs)
   SELECT version_id, journey_id, substr(started_at, 1, 10), status, -count(*) FROM runs WHERE customer_id = @id GROUP BY 1, 2, 3, 4
   ON CONFLICT (version_id, day, status) DO UPDATE SET runs = journey_daily_runs.runs + excluded.runs`,
  `INSERT INTO journey_node_stats (version_id, node_id, exit, visits)
   SELECT version_id, node_id, exit, -count(*) FROM (
     SELECT r.version_id, s.node_id, '' AS exit FROM run_steps s JOIN runs r ON r.workflow_id = s.workflow_id WHERE r.customer_id = @id
     UNION ALL SELECT r.version_id, s.node_id, s.exit FROM run_steps s JOIN runs r ON r.workflow_id = s.workflow_id WHERE r.customer_id = @id AND s.exit IS NOT NULL) AS sub1
   WHERE true GROUP BY 1, 2, 3
   ON CONFLICT (version_id, node_id, exit) DO UPDATE SET visits = journey_node_stats.visits + excluded.visits`,
  `INSERT INTO journey_send_stats (version_id, node_id, template_id, journey_id, sent, delivered, failed, skipped, opened, clicked, unsubscribed)
   SELECT coalesce(r.version_id, ''), d.node_id, d.template_id, d.journey_id, -sum(d.status IN ('sent', 'failed', 'uncertain')), -sum(d.status = 'sent'),
     -sum(d.status = 'failed'), -sum(d.status = 'skipped'), -sum(d.opened_at IS NOT NULL), -sum(d.clicked_at IS NOT NULL), -count(u.delivery_id)
   FROM deliveries d LEFT JOIN runs r ON r.workflow_id = d.workflow_id LEFT JOIN delivery_unsubscribes u ON u.delivery_id = d.id
   WHERE d.customer_id = @id AND d.journey_id IS NOT NULL GROUP BY 1, 2, 3, 4
   ON CONFLICT (version_id, node_id, template_id) DO UPDATE SET sent = journey_send_stats.sent + excluded.sent, delivered = journey_send_stats.delivered + excluded.delivered, failed = journey_send_stats.failed + excluded.failed,
     skipped = journey_send_stats.skipped + excluded.skipped, opened = journey_send_stats.opened + excluded.opened, clicked = journey_send_stats.clicked + excluded.clicked, unsubscribed = journey_send_stats.unsubscribed + excluded.unsubscribed`,
  `DELETE FROM delivery_unsubscribes WHERE delivery_id IN (SELECT id FROM deliveries WHERE customer_id = @id)`,
  `DELETE FROM journey_conversion_times WHERE workflow_id IN (SELECT workflow_id FROM runs WHERE customer_id = @id)`,
  // Through the table: its trigger removes the conversion rows of every key and the arm runs' conversions.
  `DELETE FROM run_conversions WHERE customer_id = @id`,
  `INSERT INTO experiment_arm_days (filter_key, journey_id, node_id, day, arm, entered, converted)
   SELECT '*', journey_id, node_id, day, arm, -count(*), -sum(converted) FROM experiment_arm_runs WHERE customer_id = @id GROUP BY 2, 3, 4, 5
   ON CONFLICT (filter_key, journey_id, node_id, day, arm) DO UPDATE SET entered = experiment_arm_days.entered + excluded.entered, converted = experiment_arm_days.converted + excluded.converted`,
  `DELETE FROM experiment_arm_runs WHERE customer_id = @id`,
  `DELETE FROM journey_run_windows WHERE customer_id = @id`,
];

/** Takes a deleted customer's runs, steps and deliveries out of the journey and experiment counters (before the rows go). */
export async function forgetCustomerJourneys(db: Db, customerId: string): Promise<void> {
  for (const text of UNCOUNT) await db.prepare(text).run({ id: customerId });
}
