import { afterAll, describe, expect, it } from 'vitest';
import type { RenderRequest } from './renderEmail';
import { createRenderPool, RenderPoolBusy } from './renderPool';

// The template of issue 10: its cost is set by the customer's data, so it passes the save check on sample data.
const explosive = '{% for i in (1..customer.n) %}{% for j in (1..customer.n) %}x{% endfor %}{% endfor %}';

function request(html: string, context: Record<string, unknown> = {}): RenderRequest {
  return { template: { subject: 'Hi {{ customer.name }}', html, text: null }, context, tracking: null };
}

const pools: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
});

function pool(options: Parameters<typeof createRenderPool>[0]) {
  const created = createRenderPool(options);
  pools.push(created);
  return created;
}

describe('the render pool', () => {
  it("keeps the caller's event loop free while a template explodes, and fails it as template_timeout", async () => {
    const renders = pool({ threads: 1, deadlineMs: 500 });
    let timerFired = false;
    const bad = renders.render(request(explosive, { customer: { n: 20_000 } })).then((result) => ({ result, timerFiredBefore: timerFired }));
    // A timer set now fires while the render runs: rendering on this thread would hold it until the end.
    await new Promise((resolve) => setTimeout(resolve, 1));
    timerFired = true;
    const { result, timerFiredBefore } = await bad;
    expect(timerFiredBefore).toBe(true);
    expect(result).toMatchObject({ ok: false, reason: 'template_timeout', field: 'html' });
    expect(await renders.render(request('<p>fine</p>', { customer: { name: 'Ada' } }))).toMatchObject({ ok: true, subject: 'Hi Ada', html: '<p>fine</p>' });
  });

  it('terminates a thread stuck in one long call that Liquid does not time, and carries on with a new one', async () => {
    // The sort takes ~1.7 s on a quiet machine here (0.7 s for 400k items, which a 0.5 s deadline did not always
    // stop): a deadline of 0.1 s (the thread terminated 0.25 s later) stops it whatever the machine's speed.
    const renders = pool({ threads: 1, deadlineMs: 100, memoryMb: 512 });
    const list = Array.from({ length: 1_000_000 }, (_, i) => `item-${(i * 7919) % 1_000_003}`);
    const stuck = await renders.render(request('{{ list | sort_natural | join: "," | size }}', { list }));
    expect(stuck).toEqual({ ok: false, reason: 'template_timeout', field: null, error: 'the template took longer than 0.1 s to render' });
    // The new thread's first render may miss 0.1 s on a busy machine (Liquid then stops it cleanly): the pool carries
    // on all the same, and a render soon gets through.
    let next = await renders.render(request('<p>{{ 1 | plus: 1 }}</p>'));
    for (let attempt = 1; attempt < 20 && !next.ok; attempt++) next = await renders.render(request('<p>{{ 1 | plus: 1 }}</p>'));
    expect(next).toMatchObject({ ok: true, html: '<p>2</p>' });
  });

  it('fails a render that needs more memory than a thread may use as template_memory', async () => {
    const renders = pool({ threads: 1, memoryMb: 32, deadlineMs: 10_000 });
    const result = await renders.render(request('{% assign a = (1..9000000) %}{{ a | size }}'));
    expect(result).toEqual({ ok: false, reason: 'template_memory', field: null, error: 'the template needed more memory than a render may use' });
    expect(await renders.render(request('ok'))).toMatchObject({ ok: true, html: 'ok' });
  });

  it('starts the deadline when a thread takes the render, so renders queued behind slow ones succeed', async () => {
    const renders = pool({ threads: 1, deadlineMs: 300 });
    const results = await Promise.all([
      renders.render(request(explosive, { customer: { n: 20_000 } })),
      renders.render(request(explosive, { customer: { n: 20_000 } })),
      renders.render(request('<p>{{ customer.name }}</p>', { customer: { name: 'Grace', n: 1 } })),
    ]);
    expect(results.map((result) => (result.ok ? 'ok' : result.reason))).toEqual(['template_timeout', 'template_timeout', 'ok']);
    expect(results[2]).toMatchObject({ html: '<p>Grace</p>' });
  });

  it('refuses more waiting renders than its queue holds, as a transient error', async () => {
    const renders = pool({ threads: 1, maxQueue: 1, deadlineMs: 300 });
    const slow = [renders.render(request(explosive, { customer: { n: 20_000 } })), renders.render(request(explosive, { customer: { n: 20_000 } }))];
    const overflow = await renders.render(request('x')).then(
      () => null,
      (error: unknown) => error,
    );
    await Promise.all(slow);
    expect(overflow).toBeInstanceOf(RenderPoolBusy);
  });
});
