import { signTrackingToken } from './trackingToken';

/** Where tracking links point and what signs them. */
export interface TrackingOptions {
  publicUrl: string;
  secret: string;
  deliveryId: string;
}

function base(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

/** The one-click unsubscribe URL of a delivery (`/u/<token>`). */
export function unsubscribeUrl({ publicUrl, secret, deliveryId }: TrackingOptions): string {
  return `${base(publicUrl)}/u/${signTrackingToken(secret, { kind: 'unsubscribe', deliveryId })}`;
}

/** The open-pixel URL of a delivery (`/t/o/<token>`). */
export function openPixelUrl({ publicUrl, secret, deliveryId }: TrackingOptions): string {
  return `${base(publicUrl)}/t/o/${signTrackingToken(secret, { kind: 'open', deliveryId })}`;
}

/** The click-tracking URL that redirects to `url` (`/t/c/<token>`). */
export function clickUrl({ publicUrl, secret, deliveryId }: TrackingOptions, url: string): string {
  return `${base(publicUrl)}/t/c/${signTrackingToken(secret, { kind: 'click', deliveryId, url })}`;
}

const hrefPattern = /(<a\b[^>]*?\shref\s*=\s*)(["'])(https?:\/\/[^"']*)\2/gi;

function decodeAttribute(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&#38;/g, '&').trim();
}

/**
 * Rewrites every http(s) link to a click-tracking URL and appends the open pixel.
 * Links into our own tracking, unsubscribe or preference endpoints stay as they are.
 */
export function addTracking(html: string, options: TrackingOptions): string {
  const own = base(options.publicUrl);
  const rewritten = html.replace(hrefPattern, (whole, prefix: string, quote: string, raw: string) => {
    const url = decodeAttribute(raw);
    if (url.startsWith(`${own}/u/`) || url.startsWith(`${own}/t/`) || url.startsWith(`${own}/p/`) || !URL.canParse(url)) return whole;
    return `${prefix}${quote}${clickUrl(options, url)}${quote}`;
  });
  const pixel = `<img src="${openPixelUrl(options)}" width="1" height="1" alt="">`;
  const bodyEnd = rewritten.search(/<\/body\s*>/i);
  return bodyEnd === -1 ? `${rewritten}${pixel}` : `${rewritten.slice(0, bodyEnd)}${pixel}${rewritten.slice(bodyEnd)}`;
}
