import type { AnalyticsSettings } from '@lifecycle/journey';
import type { Db } from '../client';
import { BACKFILL_FLOWS, BACKFILL_SCOPES } from './retentionFlowsSql';

/**
 * Runs `change` (bulk writes to the flows' sources) with the per-row flow triggers stopped, then recomputes every
 * flow and scope row set-based: one pass instead of a trigger per row. Call inside a write transaction.
 */
export function withFlowsRebuilt(db: Db, change: () => void): void {
  const run = (text: string) => db.$client.prepare(text).run();
  run('INSERT OR IGNORE INTO retention_flows_paused (id) VALUES (1)');
  change();
  run('DELETE FROM retention_customer_periods');
  run('DELETE FROM retention_scope_periods');
  run(BACKFILL_FLOWS);
  run(BACKFILL_SCOPES);
  run('DELETE FROM retention_flows_paused');
}

type Role = { stage: string; customer: number; churn: number };

const rolesKey = (roles: Role[]) => JSON.stringify([...roles].sort((a, b) => a.stage.localeCompare(b.stage)).map((role) => [role.stage, role.customer, role.churn]));

function rolesOf(settings: AnalyticsSettings): Role[] {
  const stages = [...new Set([...settings.customerStages, ...settings.churnStages])];
  return stages.map((stage) => ({ stage, customer: Number(settings.customerStages.includes(stage)), churn: Number(settings.churnStages.includes(stage)) }));
}

/**
 * Makes the stage roles the flows were computed under those of the settings; when they differ (an admin changed
 * the customer or churn stages), rebuilds every flow from stage history. Returns whether it rebuilt.
 */
export function syncRetentionStageRoles(db: Db, settings: AnalyticsSettings): boolean {
  const wanted = rolesOf(settings);
  const stored = () => db.$client.prepare('SELECT stage, customer, churn FROM retention_stage_roles').all() as Role[];
  if (rolesKey(stored()) === rolesKey(wanted)) return false;
  db.$client
    .transaction(() => {
      // Checked again inside the write lock: a concurrent request may have rebuilt already.
      if (rolesKey(stored()) === rolesKey(wanted)) return;
      withFlowsRebuilt(db, () => {
        db.$client.prepare('DELETE FROM retention_stage_roles').run();
        const insert = db.$client.prepare('INSERT INTO retention_stage_roles (stage, customer, churn) VALUES (?, ?, ?)');
        for (const role of wanted) insert.run(role.stage, role.customer, role.churn);
      });
    })
    .immediate();
  return true;
}
