import { beginOutboundAttempt, findCustomer, finishOutboundCall, listAllowedHosts, noteOutboundError } from '@lifecycle/db';
import { actionContextVars, composeTeamNote, mailDomain, outboundKey, type TeamNote } from '@lifecycle/messaging';
import type { JourneyActivities, NotifyTeamInput, NotifyTeamResult } from '@lifecycle/workflows/activities';
import { Readable } from 'node:stream';
import { sendOutbound } from '../outbound/sendOutbound';
import { composeMessage } from './composeMessage';
import type { ResolvedDeps } from './deps';
import { permanentSmtpFailure } from './smtpFailure';
import { sendMessage } from './smtpSend';
import { teamNoteFacts } from './teamNoteFacts';
import { teamRecipient } from './teamRecipient';

type ChatOutcome = Pick<Extract<NotifyTeamResult, { status: 'sent' }>, 'chat' | 'chatError'>;

/** Posts the note to the chat incoming webhook under the SSRF rules; a failure is reported, never retried forever. */
async function postToChat(deps: ResolvedDeps, input: NotifyTeamInput, note: TeamNote): Promise<ChatOutcome> {
  const url = input.node.chatWebhookUrl;
  if (!url) return { chat: 'none' };
  const key = outboundKey('team_chat', input);
  await beginOutboundAttempt(deps.db, { idempotencyKey: key, kind: 'team_chat', workflowId: input.workflowId, nodeId: input.nodeId, target: `POST ${url}`, at: deps.clock().toISOString() });
  const allowedHosts = new Set((await listAllowedHosts(deps.db)).map((row) => row.host));
  try {
    const answer = await sendOutbound({ method: 'POST', url, headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify({ text: note.chatText }), timeoutMs: 10_000, allowedHosts });
    const ok = answer.status >= 200 && answer.status < 300;
    await finishOutboundCall(deps.db, key, { outcome: ok ? 'succeeded' : 'failed', status: answer.status, error: ok ? null : `answered ${answer.status}`, result: null });
    return ok ? { chat: 'posted' } : { chat: 'failed', chatError: `the chat webhook answered ${answer.status}` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await noteOutboundError(deps.db, key, { status: null, message });
    await finishOutboundCall(deps.db, key, { outcome: 'failed', status: null, error: message, result: null });
    return { chat: 'failed', chatError: message };
  }
}

/**
 * Emails the team about the customer, at most once per step: the result is kept on the call's row and returned to
 * any retry. An SMTP outage throws (retried); a 5xx refusal or a missing address is returned and the run goes on.
 */
export function makeNotifyTeam(deps: ResolvedDeps): JourneyActivities['notifyTeam'] {
  const { db, config, renderer, transport, clock } = deps;
  return async (input) => {
    const key = outboundKey('team_email', input);
    const call = await beginOutboundAttempt(db, { idempotencyKey: key, kind: 'team_email', workflowId: input.workflowId, nodeId: input.nodeId, target: input.node.recipient.kind === 'address' ? input.node.recipient.address : `trait ${input.node.recipient.trait}`, at: clock().toISOString() });
    if (call.outcome !== 'pending' && call.result !== null) return JSON.parse(call.result) as NotifyTeamResult;
    const finish = async (result: NotifyTeamResult): Promise<NotifyTeamResult> => {
      await finishOutboundCall(db, key, { outcome: result.status === 'sent' ? 'succeeded' : 'failed', status: null, error: result.status === 'sent' ? null : result.reason, result });
      return result;
    };
    const customer = await findCustomer(db, input.customerId);
    if (!customer) return finish({ status: 'skipped', reason: 'customer_missing' });
    const to = teamRecipient(input.node.recipient, customer);
    if (!to) return finish({ status: 'skipped', reason: 'no_address', ...(input.node.recipient.kind === 'trait' ? { trait: input.node.recipient.trait } : {}) });

    let message: string | null = null;
    if (input.node.message?.trim()) {
      const rendered = await renderer.render({ template: { subject: '', html: '', text: input.node.message }, context: actionContextVars({ customer, triggerEvent: input.triggerEvent, offers: input.offers }), tracking: null });
      if (!rendered.ok) return finish({ status: 'failed', reason: `the message did not render: ${rendered.error.replace(/^text: /, '')}` });
      message = rendered.text.trim();
    }
    const note = composeTeamNote(await teamNoteFacts(db, customer, input, config.publicUrl, message), input.node.subject ?? null);
    const messageId = `<team-${key}@${mailDomain(config.mailFrom)}>`;
    const { envelope, bytes } = await composeMessage({ from: config.mailFrom, to, subject: note.subject, html: note.html, text: note.text, messageId, headers: { 'X-Lifecycle-Team-Note': 'true' } });
    try {
      await sendMessage(transport, envelope, messageId, () => Readable.from([bytes]));
    } catch (error) {
      const permanent = permanentSmtpFailure(error);
      if (permanent) return finish({ status: 'failed', reason: permanent });
      throw error;
    }
    const chat = await postToChat(deps, input, note);
    return finish({ status: 'sent', to, subject: note.subject, messageId, ...chat });
  };
}
