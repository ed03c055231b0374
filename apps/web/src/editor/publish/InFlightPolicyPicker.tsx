import { useEffect, useId } from 'react';
import type { InFlightPolicy } from '@lifecycle/journey';
import { useMigrationPlan, type MigrationPlan, type MigrationTarget } from '../../api/journeyOps';
import { ErrorBanner } from '../../components/ErrorBanner';
import '../../journeys/journeyOperations.css';

export type InFlightPolicyPickerProps = {
  journeyId: string;
  /** The live version runs are on now (null before the first publish: nothing is in flight). */
  liveVersionId: string | null;
  value: InFlightPolicy;
  onChange: (policy: InFlightPolicy) => void;
  /** Where runs would move: the saved draft (the publish dialog, the default) or the live version. */
  target?: MigrationTarget;
};

type Mappings = Extract<InFlightPolicy, { policy: 'migrate' }>['mappings'];

const runs = (count: number) => `${count} ${count === 1 ? 'run' : 'runs'}`;

/** The mapping the dry run proposed (nodes of the same id), for every older version with runs in flight. */
function proposedMappings(plan: MigrationPlan): Mappings {
  return plan.versions.map((version) => ({
    fromVersionId: version.versionId,
    nodes: Object.fromEntries(version.nodes.flatMap((node) => (node.proposed ? [[node.nodeId, node.proposed]] : []))),
  }));
}

/**
 * What happens to runs in flight when the saved draft is published: keep their version, migrate them by a node
 * mapping (each waiting node of each older version → a node of the draft, proposed where ids match, with the dry
 * run's counts of who lands where), or exit them.
 */
export function InFlightPolicyPicker({ journeyId, liveVersionId, value, onChange, target = 'draft' }: InFlightPolicyPickerProps) {
  const name = useId();
  const mappings = value.policy === 'migrate' && value.mappings.length > 0 ? value.mappings : undefined;
  const plan = useMigrationPlan(journeyId, mappings, liveVersionId !== null, target);
  const data = plan.data;
  // Choosing "migrate" starts from the proposal: nodes of the same id.
  useEffect(() => {
    if (value.policy === 'migrate' && value.mappings.length === 0 && data && data.versions.length > 0) onChange({ policy: 'migrate', mappings: proposedMappings(data) });
  }, [value, data, onChange]);
  if (liveVersionId === null) return null;
  const inFlight = data?.versions.reduce((sum, version) => sum + version.runsInFlight, 0) ?? null;
  const setTarget = (versionId: string, nodeId: string, target: string) => {
    const current = value.policy === 'migrate' && value.mappings.length > 0 ? value.mappings : data ? proposedMappings(data) : [];
    const next = current.map((mapping) => {
      if (mapping.fromVersionId !== versionId) return mapping;
      const nodes = { ...mapping.nodes };
      if (target) nodes[nodeId] = target;
      else delete nodes[nodeId];
      return { ...mapping, nodes };
    });
    onChange({ policy: 'migrate', mappings: next });
  };
  return (
    <fieldset className="in-flight-policy">
      <legend>
        {target === 'live' ? 'Customers on older versions' : 'Customers in this journey now'}
        {inFlight !== null ? ` (${runs(inFlight)} in flight)` : ''}
      </legend>
      <label>
        <input type="radio" name={name} checked={value.policy === 'keep'} onChange={() => onChange({ policy: 'keep' })} /> Keep: they finish on the version they started on
      </label>
      <label>
        <input type="radio" name={name} checked={value.policy === 'migrate'} onChange={() => onChange({ policy: 'migrate', mappings: data ? proposedMappings(data) : [] })} /> Migrate: move them to
        the {target === 'live' ? 'live' : 'new'} version, node by node
      </label>
      <label>
        <input type="radio" name={name} checked={value.policy === 'exit'} onChange={() => onChange({ policy: 'exit' })} /> Exit: their runs end now (cancelled, “exited on publish”)
      </label>
      <ErrorBanner error={plan.error} />
      {value.policy === 'migrate' && data && <MappingTable plan={data} onTarget={setTarget} />}
    </fieldset>
  );
}

/** Each waiting node of each older version, how many wait there, and the node of the new version they move to. */
function MappingTable({ plan, onTarget }: { plan: MigrationPlan; onTarget: (versionId: string, nodeId: string, target: string) => void }) {
  const targets = plan.target.nodes.filter((node) => node.type !== 'trigger');
  if (plan.versions.length === 0) return <p className="hint">No runs are in flight: nothing to move.</p>;
  return (
    <div className="migration-plan" data-testid="migration-plan">
      {plan.versions.map((version) => (
        <table key={version.versionId} className="migration-table">
          <caption>
            Version {version.version}: {runs(version.runsInFlight)} in flight
          </caption>
          <thead>
            <tr>
              <th scope="col">Waiting at</th>
              <th scope="col">Runs</th>
              <th scope="col">Moves to</th>
            </tr>
          </thead>
          <tbody>
            {version.nodes.map((node) => (
              <tr key={node.nodeId}>
                <th scope="row">{node.label ? `${node.label} (${node.nodeId})` : node.nodeId}</th>
                <td data-testid={`waiting-${version.version}-${node.nodeId}`}>{node.waiting}</td>
                <td>
                  <select aria-label={`Move runs at ${node.nodeId} of version ${version.version} to`} value={node.target ?? ''} onChange={(event) => onTarget(version.versionId, node.nodeId, event.target.value)}>
                    <option value="">Keep on version {version.version}</option>
                    {targets.map((target) => (
                      <option key={target.id} value={target.id}>
                        {target.label ? `${target.label} (${target.id})` : target.id}
                        {target.id === node.proposed ? ' (same id)' : ''}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <p role="status" data-testid="migration-totals">
        {runs(plan.totals.move)} move now; {runs(plan.totals.atNextWait)} mid-step move when they next reach a mapped wait; {runs(plan.totals.unmapped)} stay on their version.
      </p>
    </div>
  );
}
