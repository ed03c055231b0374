import { runsInFlightOf } from '@lifecycle/db';
import type { InFlightPolicy } from '@lifecycle/journey';
import type { RunMigration, RunOperation } from '@lifecycle/workflows/messages';
import type { ActionDeps } from '../services/runActions';
import type { PublishedVersion } from '../services/publishHooks';
import { checkMappings, planMigration } from './migrationPlan';
import { signalRuns, type SignalReport } from './signalRuns';

/** What an in-flight policy did to the runs on older versions. */
export type InFlightReport = { policy: InFlightPolicy['policy']; runsOnOlderVersions: number; kept: number } & SignalReport;

/**
 * Applies the publish request's in-flight policy to the runs on versions older than `live` (just made live):
 * `keep` touches nothing; `exit` ends each run ("exited on publish of v3"); `migrate` sends each run of a mapped
 * version the new graph and its node mapping. Runs waiting at a node with no target keep their version; runs
 * mid-step move when they next reach a mapped wait. Signals are idempotent, so applying again finishes a partial run.
 * `mappingsField` is where the mappings sit in the request body, for a 422 naming the field.
 */
export async function applyInFlightPolicy(deps: ActionDeps, live: PublishedVersion, policy: InFlightPolicy, by: string, mappingsField = 'inFlight.mappings'): Promise<InFlightReport> {
  const older = (await runsInFlightOf(deps.db, live.journeyId)).filter((run) => run.versionId !== live.versionId);
  const base = { policy: policy.policy, runsOnOlderVersions: older.length };
  switch (policy.policy) {
    case 'keep':
      return { ...base, kept: older.length, signalled: 0, notFound: 0, failed: [] };
    case 'exit': {
      const reason = `exited on publish of v${live.version}`;
      const report = await signalRuns(deps.temporal, older.map((run) => run.workflowId), () => ({ kind: 'exit', reason }));
      return { ...base, kept: 0, ...report };
    }
    case 'migrate': {
      checkMappings(live.graph, policy.mappings, mappingsField);
      const plan = await planMigration(deps.db, live.journeyId, live.graph, live.versionId, policy.mappings);
      const migrations = new Map<string, RunMigration>();
      const unmappedWaits = new Set<string>();
      for (const version of plan.versions) {
        if (!policy.mappings.some((mapping) => mapping.fromVersionId === version.versionId)) continue;
        const nodes = Object.fromEntries(version.nodes.flatMap((node) => (node.target ? [[node.nodeId, node.target]] : [])));
        for (const node of version.nodes) if (!node.target) unmappedWaits.add(`${version.versionId}/${node.nodeId}`);
        migrations.set(version.versionId, { fromVersionId: version.versionId, versionId: live.versionId, version: live.version, graph: live.graph, nodes, by });
      }
      const moving = older.filter((run) => migrations.has(run.versionId) && !(run.status === 'waiting' && unmappedWaits.has(`${run.versionId}/${run.currentNodeId}`)));
      const versionOf = new Map(moving.map((run) => [run.workflowId, run.versionId]));
      const operationOf = (workflowId: string): RunOperation => {
        const migration = migrations.get(versionOf.get(workflowId) ?? '');
        if (!migration) throw new Error(`no migration for ${workflowId}`); // unreachable: only moving runs are signalled
        return { kind: 'migrate', migration };
      };
      const report = await signalRuns(deps.temporal, moving.map((run) => run.workflowId), operationOf);
      return { ...base, kept: older.length - moving.length, ...report };
    }
    default: {
      const unknown: never = policy;
      throw new Error(`unknown in-flight policy ${JSON.stringify(unknown)}`);
    }
  }
}
