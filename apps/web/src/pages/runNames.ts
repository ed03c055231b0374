import type { RunSummary } from '../api/runs';

const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const dayOfYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** "v3 (published 2 Nov)" (the year shown when it is not this year); the version id's start when the version is gone. */
export function versionLabel(run: Pick<RunSummary, 'version' | 'versionPublishedAt' | 'versionId'>, now = new Date()): string {
  if (run.version == null) return `version ${run.versionId.slice(0, 8)}`;
  if (!run.versionPublishedAt) return `v${run.version}`;
  const published = new Date(run.versionPublishedAt);
  if (Number.isNaN(published.getTime())) return `v${run.version}`;
  const format = published.getFullYear() === now.getFullYear() ? day : dayOfYear;
  return `v${run.version} (published ${format.format(published)})`;
}

const activityNames: Record<string, string> = {
  sendEmail: 'Sending an email',
  grantOffer: 'Granting an offer',
  updateCustomer: 'Updating the customer',
  recordProgress: 'Recording progress',
  recordProgressBatch: 'Recording progress',
  loadCustomer: 'Loading the customer',
};

/** An activity type ("sendEmail") as people read it ("Sending an email"); unknown types are spelled out from camelCase. */
export function activityName(activityType: string): string {
  const known = activityNames[activityType];
  if (known) return known;
  const words = activityType.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
