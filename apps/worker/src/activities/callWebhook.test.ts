import { allowHost, findCustomer, outboundCallsOf, putSecret, upsertCustomer, type Db } from '@lifecycle/db';
import type { NodeOf } from '@lifecycle/journey';
import { bodySignature } from '@lifecycle/messaging';
import type { CallWebhookInput } from '@lifecycle/workflows/activities';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHookReceiver, type HookAnswer, type HookReceiver, type ReceivedCall } from '../testing/hookReceiver';
import { startSmtpSink, type SmtpSink } from '../testing/smtpSink';
import { openTempDb } from '../testing/tempDb';
import { createActivities } from '.';

const config = { mailFrom: 'hello@lifecycle.test', publicUrl: 'http://app.test', trackingSecret: 'test-secret-0123456789' };

let sink: SmtpSink;
let db: Db;
let dispose: () => void;
let receiver: HookReceiver;
let answers: (call: ReceivedCall, nth: number) => HookAnswer;

beforeEach(async () => {
  sink = await startSmtpSink();
  ({ db, dispose } = openTempDb());
  answers = () => ({ status: 200, json: {} });
  receiver = await startHookReceiver((call, nth) => answers(call, nth));
  await upsertCustomer(db, 'ada', { email: 'ada@example.com', name: 'Ada <b>Lovelace</b>', plan: 'pro', account_owner_email: 'owner@team.test' });
  await putSecret(db, { name: 'HOOK_KEY', value: 'signing-key-1', by: 'admin', deploymentSecret: config.trackingSecret });
  await putSecret(db, { name: 'API_TOKEN', value: 'tok-123', by: 'admin', deploymentSecret: config.trackingSecret });
});

afterEach(async () => {
  await receiver.close();
  await sink.close();
  dispose();
});

function webhookInput(node: Partial<NodeOf<'webhook'>> = {}): CallWebhookInput {
  return {
    workflowId: 'journey/j1/ada/1',
    journeyId: 'j1',
    nodeId: 'call_crm',
    seq: 2,
    customerId: 'ada',
    triggerEvent: { id: 'e1', name: 'signed_up', properties: { plan: 'pro' }, timestamp: '2026-11-30T07:00:00.000Z' },
    offers: [],
    node: {
      id: 'call_crm',
      type: 'webhook',
      method: 'POST',
      url: `${receiver.url}/hook`,
      headers: [{ name: 'Authorization', value: 'Bearer {{ secrets.API_TOKEN }}' }],
      body: '{"email": {{ customer.email | json }}, "event": {{ event.name | json }}}',
      signature: { secret: 'HOOK_KEY' },
      saveTraits: [{ answerPath: 'account.score', trait: 'crm_score' }, { answerPath: 'missing', trait: 'never' }],
      ...node,
    },
  };
}

describe('callWebhook', () => {
  it('refuses loopback until an admin allows the host: neither 127.0.0.1 nor a name resolving to it is called', async () => {
    const journey = createActivities({ db, transport: sink.transport, config });
    const literal = await journey.callWebhook(webhookInput());
    expect(literal).toMatchObject({ status: 'failed', reason: 'address_refused' });
    const named = await journey.callWebhook({ ...webhookInput({ url: `http://localhost:${receiver.port}/hook` }), seq: 3 });
    expect(named).toMatchObject({ status: 'failed', reason: 'address_refused' });
    expect(receiver.calls).toHaveLength(0);
  });

  it('sends the same idempotency key on every retry, signs the body, and saves the answer fields as traits', async () => {
    await allowHost(db, '127.0.0.1', 'admin');
    answers = (_call, nth) => (nth <= 2 ? { status: 503 } : { status: 200, json: { account: { score: 87 } } });
    const journey = createActivities({ db, transport: sink.transport, config });
    const input = webhookInput();
    await expect(journey.callWebhook(input)).rejects.toThrow('the receiver answered 503');
    await expect(journey.callWebhook(input)).rejects.toThrow('the receiver answered 503');
    const result = await journey.callWebhook(input);
    expect(result).toMatchObject({ status: 'succeeded', httpStatus: 200, savedTraits: { crm_score: 87 } });

    expect(receiver.calls).toHaveLength(3);
    const keys = new Set(receiver.calls.map((call) => call.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    for (const call of receiver.calls) {
      expect(JSON.parse(call.body)).toEqual({ email: 'ada@example.com', event: 'signed_up' });
      expect(call.headers['x-lifecycle-signature']).toBe(bodySignature(call.body, 'signing-key-1'));
      expect(call.headers.authorization).toBe('Bearer tok-123');
    }
    expect((await findCustomer(db, 'ada'))?.traits.crm_score).toBe(87);
    const [row] = await outboundCallsOf(db, input.workflowId, input.nodeId);
    expect(row).toMatchObject({ attempts: 3, outcome: 'succeeded', idempotencyKey: [...keys][0] });

    // A retry after the result was stored (the worker died before reporting it) answers from the row: no new call.
    expect(await journey.callWebhook(input)).toEqual(result);
    expect(receiver.calls).toHaveLength(3);
  });

  it('never follows a redirect, refuses a 4xx at once, and names a missing secret', async () => {
    await allowHost(db, '127.0.0.1', 'admin');
    answers = (call) => (call.path === '/moved' ? { status: 302, headers: { location: 'http://10.0.0.1/admin' } } : { status: 422, json: { error: 'bad' } });
    const journey = createActivities({ db, transport: sink.transport, config });
    expect(await journey.callWebhook({ ...webhookInput({ url: `${receiver.url}/moved` }), seq: 10 })).toMatchObject({ status: 'failed', reason: 'redirect_refused' });
    expect(await journey.callWebhook({ ...webhookInput(), seq: 11 })).toMatchObject({ status: 'failed', reason: 'client_error', httpStatus: 422 });
    expect(await journey.callWebhook({ ...webhookInput({ signature: { secret: 'NOPE' } }), seq: 12 })).toMatchObject({ status: 'failed', reason: 'secret_missing' });
    expect(receiver.calls.map((call) => call.path)).toEqual(['/moved', '/hook']);
  });
});

describe('notifyTeam', () => {
  it("emails the customer's owner with their context and profile link, and posts to the chat webhook", async () => {
    await allowHost(db, '127.0.0.1', 'admin');
    const journey = createActivities({ db, transport: sink.transport, config });
    const input = {
      ...webhookInput(),
      nodeId: 'tell_owner',
      node: {
        id: 'tell_owner',
        type: 'notify_team' as const,
        label: 'Health dropped',
        recipient: { kind: 'trait' as const, trait: 'account_owner_email' },
        message: 'Please call {{ customer.name }} today.',
        includeTraits: ['plan'],
        chatWebhookUrl: `${receiver.url}/chat`,
      },
    };
    const result = await journey.notifyTeam(input);
    expect(result).toMatchObject({ status: 'sent', to: 'owner@team.test', chat: 'posted' });
    expect(await journey.notifyTeam(input)).toEqual(result);
    expect(sink.messages).toHaveLength(1);
    const [mail] = sink.messages;
    expect(mail?.subject).toBe('Health dropped: Ada <b>Lovelace</b>');
    expect(mail?.text).toContain('Please call Ada <b>Lovelace</b> today.');
    expect(mail?.text).toContain('plan: pro');
    expect(mail?.text).toContain('Profile: http://app.test/#/customers/ada');
    expect(mail?.html).toContain('Ada &lt;b&gt;Lovelace&lt;/b&gt;');
    expect(mail?.headers.get('list-unsubscribe')).toBeUndefined();
    expect(receiver.calls.map((call) => call.path)).toEqual(['/chat']);
    expect(JSON.parse(receiver.calls[0]?.body ?? '{}').text).toContain('http://app.test/#/customers/ada');
  });

  it('records a missing owner address instead of sending', async () => {
    await upsertCustomer(db, 'bob', { email: 'bob@example.com' });
    const journey = createActivities({ db, transport: sink.transport, config });
    const node = { id: 'tell', type: 'notify_team' as const, recipient: { kind: 'trait' as const, trait: 'account_owner_email' } };
    expect(await journey.notifyTeam({ ...webhookInput(), customerId: 'bob', nodeId: 'tell', node })).toEqual({ status: 'skipped', reason: 'no_address', trait: 'account_owner_email' });
    expect(sink.messages).toHaveLength(0);
  });
});
