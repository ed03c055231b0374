import { z } from 'zod';
import { signClaim, verifyClaim } from './signedToken';

/** What a preference link stands for: the recipient of this delivery may manage their subscriptions. */
export const PreferenceClaim = z.object({ deliveryId: z.string().min(1).max(200) });
export type PreferenceClaim = z.infer<typeof PreferenceClaim>;

// Its own MAC domain: a preference token is never a valid open, click, unsubscribe or survey token, nor the reverse.
const DOMAIN = 'preferences.';

export function signPreferenceToken(secret: string, claim: PreferenceClaim): string {
  return signClaim(secret, DOMAIN, claim);
}

/** The claim, or null for a token that is malformed, tampered or signed with another secret. */
export function verifyPreferenceToken(secret: string, token: string): PreferenceClaim | null {
  return verifyClaim(secret, DOMAIN, token, PreferenceClaim);
}

/** The preference page of a delivery's recipient (`/p/<token>`); templates reach it as `{{ preferences_url }}`. */
export function preferencesUrl(options: { publicUrl: string; secret: string; deliveryId: string }): string {
  return `${options.publicUrl.replace(/\/+$/, '')}/p/${signPreferenceToken(options.secret, { deliveryId: options.deliveryId })}`;
}

const FOOTER_STYLE = 'font-family:system-ui,sans-serif;font-size:12px;color:#6b7280;text-align:center;margin:24px 0 0';

/**
 * Every sent email links to the preference page: a template that does not show `{{ preferences_url }}` itself gets
 * a small footer with the link (before `</body>`, or at the end).
 */
export function withPreferenceFooter(html: string, url: string): string {
  if (html.includes(url)) return html;
  const footer = `<p style="${FOOTER_STYLE}"><a href="${url}" style="color:#6b7280">Manage email preferences</a></p>`;
  const bodyEnd = html.search(/<\/body\s*>/i);
  return bodyEnd === -1 ? `${html}${footer}` : `${html.slice(0, bodyEnd)}${footer}${html.slice(bodyEnd)}`;
}

/** The text part's version of the footer, for a template with its own text part. */
export function withPreferenceFooterText(text: string, url: string): string {
  return text.includes(url) ? text : `${text}\n\nManage email preferences: ${url}\n`;
}
