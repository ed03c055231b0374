import { sharedRenderPool } from '@lifecycle/messaging';
import type { JourneyActivities } from '@lifecycle/workflows/activities';
import { makeCallWebhook } from './callWebhook';
import type { ActivityDeps } from './deps';
import { makeGrantOffer } from './grantOffer';
import { makeLoadCustomer } from './loadCustomer';
import { makeNotifyTeam } from './notifyTeam';
import { makeReadHistory } from './readHistory';
import { makeRecordProgress } from './recordProgress';
import { makeRecordProgressBatch } from './recordProgressBatch';
import { makeSendEmail } from './sendEmail';
import { makeSendTestEmail } from './sendTestEmail';
import { makeUpdateCustomer } from './updateCustomer';

export type { ActivityDeps, MailTransport } from './deps';
export { deliveryIdentity } from './deliveryIdentity';
export { progressWriter } from './recordProgressBatch';

/** Builds the journey activities over a database, a mail transport, the worker config, a clock and a render pool. */
export function createActivities(deps: ActivityDeps): JourneyActivities {
  const resolved = { ...deps, clock: deps.clock ?? (() => new Date()), renderer: deps.renderer ?? sharedRenderPool() };
  return {
    recordProgress: makeRecordProgress(resolved),
    recordProgressBatch: makeRecordProgressBatch(resolved),
    loadCustomer: makeLoadCustomer(resolved),
    sendEmail: makeSendEmail(resolved),
    grantOffer: makeGrantOffer(resolved),
    updateCustomer: makeUpdateCustomer(resolved),
    readHistory: makeReadHistory(resolved),
    sendTestEmail: makeSendTestEmail(resolved),
    callWebhook: makeCallWebhook(resolved),
    notifyTeam: makeNotifyTeam(resolved),
  };
}
