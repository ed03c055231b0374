import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../testing/smtpSink';
import { handOverStream } from './handOverStream';
import { sendOverSmtp, smtpConnectionOptions } from './smtpSend';

const envelope = { from: 'hello@lifecycle.test', to: ['ada@example.com'] };
const message = Buffer.from('From: hello@lifecycle.test\r\nTo: ada@example.com\r\nSubject: Hi\r\n\r\nHello\r\n');

let sink: SmtpSink;
beforeEach(async () => {
  sink = await startSmtpSink();
});
afterEach(async () => sink.close());

/** Sends `message` and counts how often the server made us start handing it over. */
async function send(): Promise<{ reads: number; error: unknown }> {
  let reads = 0;
  const error = await sendOverSmtp(
    smtpConnectionOptions(sink.transport),
    envelope,
    handOverStream(message, async () => {
      reads += 1;
    }),
  ).then(
    () => null,
    (failure: unknown) => failure,
  );
  return { reads, error };
}

describe('sendOverSmtp', () => {
  it.each([550, 421, 451])('never starts handing the message over when the server refuses the recipient with %i', async (code) => {
    sink.refuse({ code, message: 'not now' });
    const { reads, error } = await send();
    expect(error).toMatchObject({ responseCode: code });
    expect(reads).toBe(0);
    expect(sink.messages).toHaveLength(0);
  });

  it('has handed the message over when the server refuses it at the end of DATA', async () => {
    sink.refuseData({ code: 451, message: 'try again later' });
    const { reads, error } = await send();
    expect(error).toMatchObject({ responseCode: 451 });
    expect(reads).toBe(1);
  });

  it('hands the message over once and delivers it', async () => {
    const { reads, error } = await send();
    expect(error).toBeNull();
    expect(reads).toBe(1);
    expect(sink.messages.map((mail) => mail.subject)).toEqual(['Hi']);
  });

  it('sends nothing when the first read refuses to hand the message over', async () => {
    const sending = sendOverSmtp(
      smtpConnectionOptions(sink.transport),
      envelope,
      handOverStream(message, async () => {
        throw new Error('another attempt is sending it');
      }),
    );
    await expect(sending).rejects.toThrow(/another attempt is sending it/);
    expect(sink.messages).toHaveLength(0);
  });
});
