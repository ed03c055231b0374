// The retention figures of the Analytics area, read from the retention rollups and stage history.
export * from './retentionSchema';
export * from './retentionEventCohortSchema';
export { isActivity, rebuildRetentionActivity, rebuildRetentionChurns } from './retentionRollup';
export * from './retentionPeriods';
export * from './retentionCohorts';
export * from './retentionCustomers';
export * from './retentionFlowsSchema';
export { syncRetentionStageRoles } from './retentionFlows';
export * from './retentionGrowth';
