import { describe, expect, it } from 'vitest';
import { addTracking, unsubscribeUrl } from './links';
import { buildMailMessage, mailDomain } from './mime';
import { verifyTrackingToken } from './trackingToken';

const options = { publicUrl: 'https://app.example.com/', secret: 'secret-0123456789', deliveryId: 'd1' };

function tokenAfter(prefix: string, html: string): string {
  const match = new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}([A-Za-z0-9_.-]+)`).exec(html);
  return match?.[1] ?? '';
}

describe('addTracking', () => {
  it('routes http(s) links through the click endpoint, keeping the destination in the signed token', () => {
    const html = addTracking('<a class="b" href="https://shop.example.com/x?a=1&amp;b=2">Shop</a> <a href=\'http://e.com\'>e</a>', options);
    const tokens = [...html.matchAll(/https:\/\/app\.example\.com\/t\/c\/([A-Za-z0-9_.-]+)/g)].map((m) => verifyTrackingToken(options.secret, m[1]!));
    expect(tokens).toEqual([
      { kind: 'click', deliveryId: 'd1', url: 'https://shop.example.com/x?a=1&b=2' },
      { kind: 'click', deliveryId: 'd1', url: 'http://e.com' },
    ]);
    expect(html).toContain('class="b"');
    expect(html).toContain('>Shop</a>');
  });

  it('leaves mailto, anchors and our own unsubscribe link alone', () => {
    const unsubscribe = unsubscribeUrl(options);
    const source = `<a href="mailto:a@b.c">m</a><a href="#top">t</a><a href="${unsubscribe}">u</a>`;
    const html = addTracking(source, options);
    expect(html.startsWith(source)).toBe(true);
    expect(verifyTrackingToken(options.secret, tokenAfter('https://app.example.com/u/', html))).toEqual({ kind: 'unsubscribe', deliveryId: 'd1' });
  });

  it('puts the open pixel before </body>, or at the end without one', () => {
    const withBody = addTracking('<html><body><p>x</p></body></html>', options);
    expect(withBody).toMatch(/<p>x<\/p><img src="https:\/\/app\.example\.com\/t\/o\/[^"]+" width="1" height="1" alt=""><\/body><\/html>$/);
    expect(verifyTrackingToken(options.secret, tokenAfter('https://app.example.com/t/o/', withBody))).toEqual({ kind: 'open', deliveryId: 'd1' });
    expect(addTracking('<p>x</p>', options)).toMatch(/^<p>x<\/p><img src="https:\/\/app\.example\.com\/t\/o\/[^"]+" width="1" height="1" alt="">$/);
  });
});

describe('buildMailMessage', () => {
  it('adds RFC 8058 one-click unsubscribe headers and omits a missing text part', () => {
    const message = buildMailMessage({
      from: 'Lifecycle <hello@lifecycle.local>',
      to: 'ada@example.com',
      subject: 'Hi',
      html: '<p>Hi</p>',
      text: null,
      messageId: '<d1@lifecycle.local>',
      unsubscribeUrl: 'https://app.example.com/u/tok',
    });
    expect(message).toEqual({
      from: 'Lifecycle <hello@lifecycle.local>',
      to: 'ada@example.com',
      subject: 'Hi',
      html: '<p>Hi</p>',
      messageId: '<d1@lifecycle.local>',
      headers: { 'List-Unsubscribe': '<https://app.example.com/u/tok>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
  });

  it('finds the sender domain for Message-IDs', () => {
    expect(mailDomain('Lifecycle <hello@lifecycle.local>')).toBe('lifecycle.local');
    expect(mailDomain('news@shop.example.com')).toBe('shop.example.com');
  });
});
