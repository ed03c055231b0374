export { createActivities, deliveryIdentity, progressWriter, type ActivityDeps, type MailTransport } from './activities';
export { createJourneyWorker, type JourneyWorkerOptions, type WorkflowBundle } from './worker';
export { bundleJourneyWorkflows } from './bundle';
export { loadWorkerConfig, type WorkerConfig } from './config';
