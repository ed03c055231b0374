import type { AnalyticsSettings } from '@lifecycle/journey';
import type { Db } from '../client';
import { BACKFILL_FLOWS, BACKFILL_SCOPES } from './retentionFlowsSql';

/**
 * Runs `change` (bulk writes to the flows' sources) with the per-row flow triggers stopped, then recomputes every
 * flow and scope row set-based: one pass instead of a trigger per row. Call inside a write transaction.
 */
export async function withFlowsRebuilt(db: Db, change: () => Promise<void>): Promise<void> {
  const run = (text: string) => db.prepare(text).run();
  await run('INSERT INTO retention_flows_paused (id) VALUES (1) ON CONFLICT DO NOTHING');
  await change();
  await run('DELETE FROM retention_customer_periods');
  await run('DELETE FROM retention_scope_periods');
  await run(BACKFILL_FLOWS);
  await run(BACKFILL_SCOPES);
  await run('DELETE FROM retention_flows_paused');
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
export async function syncRetentionStageRoles(db: Db, settings: AnalyticsSettings): Promise<boolean> {
  const wanted = rolesOf(settings);
  const stored = () => db.prepare('SELECT stage, customer, churn FROM retention_stage_roles').all<Role>();
  if (rolesKey(await stored()) === rolesKey(wanted)) return false;
  await db.transaction(async () => {
    // Checked again inside the write lock: a concurrent request may have rebuilt already.
    if (rolesKey(await stored()) === rolesKey(wanted)) return;
    await withFlowsRebuilt(db, async () => {
      await db.prepare('DELETE FROM retention_stage_roles').run();
      const insert = db.prepare('INSERT INTO retention_stage_roles (stage, customer, churn) VALUES (?, ?, ?)');
      for (const role of wanted) await insert.run(role.stage, role.customer, role.churn);
    });
  });
  return true;
}
