import type { TemplateRenderer } from './renderPool';
import { bodySignature } from './outboundKey';

/** The node fields a request is built from (a `WebhookNode` of @lifecycle/journey). */
export interface WebhookSpec {
  method: string;
  url: string;
  headers?: { name: string; value: string }[];
  body?: string;
  signature?: { secret: string; header?: string };
}

export type BuiltWebhookRequest =
  | { ok: true; method: string; url: string; headers: Record<string, string>; body: string | null }
  | { ok: false; reason: 'body_invalid' | 'secret_missing'; message: string };

const SECRET_REFERENCE = /\{\{\s*secrets\.([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;
const SECRET_VALUE = /^secret:([A-Za-z][A-Za-z0-9_]*)$/;

/** Every secret the node names: in header values and as its signing key. */
export function secretNamesOf(spec: WebhookSpec): string[] {
  const names = new Set<string>();
  for (const header of spec.headers ?? []) {
    const whole = SECRET_VALUE.exec(header.value.trim());
    if (whole?.[1]) names.add(whole[1]);
    for (const match of header.value.matchAll(SECRET_REFERENCE)) if (match[1]) names.add(match[1]);
  }
  if (spec.signature) names.add(spec.signature.secret);
  return [...names];
}

/** A header value with its secrets put in; null names the first secret that is missing. */
function headerValue(value: string, secrets: ReadonlyMap<string, string>): { value: string } | { missing: string } {
  const whole = SECRET_VALUE.exec(value.trim());
  if (whole?.[1]) return secrets.has(whole[1]) ? { value: secrets.get(whole[1]) ?? '' } : { missing: whole[1] };
  let missing: string | null = null;
  const filled = value.replace(SECRET_REFERENCE, (_text, name: string) => {
    if (!secrets.has(name)) missing ??= name;
    return secrets.get(name) ?? '';
  });
  return missing === null ? { value: filled } : { missing };
}

/**
 * Builds the request a webhook node makes: the body rendered on the render pool (bounded time, no file system) and
 * checked to be JSON, secrets put into headers, the signature over the exact body, and the idempotency key.
 * Failures no retry can mend come back as values.
 */
export async function buildWebhookRequest(
  spec: WebhookSpec,
  input: { context: Record<string, unknown>; secrets: ReadonlyMap<string, string>; idempotencyKey: string; renderer: TemplateRenderer },
): Promise<BuiltWebhookRequest> {
  let body: string | null = null;
  if (spec.body !== undefined && spec.body.trim() !== '') {
    const rendered = await input.renderer.render({ template: { subject: '', html: '', text: spec.body }, context: input.context, tracking: null });
    if (!rendered.ok) return { ok: false, reason: 'body_invalid', message: `the body did not render: ${rendered.error.replace(/^text: /, '')}` };
    body = rendered.text;
    try {
      JSON.parse(body);
    } catch (error) {
      return { ok: false, reason: 'body_invalid', message: `the body is not JSON once rendered (${(error as Error).message}); use the json filter for values` };
    }
  }
  const headers: Record<string, string> = { 'user-agent': 'Lifecycle-Webhooks/1', accept: 'application/json', 'idempotency-key': input.idempotencyKey };
  if (body !== null) headers['content-type'] = 'application/json';
  for (const header of spec.headers ?? []) {
    const value = headerValue(header.value, input.secrets);
    if ('missing' in value) return { ok: false, reason: 'secret_missing', message: `the secret ${value.missing} does not exist (Settings → Secrets)` };
    if (/[\r\n]/.test(value.value)) return { ok: false, reason: 'secret_missing', message: `the header ${header.name} would span lines` };
    headers[header.name.toLowerCase()] = value.value;
  }
  if (spec.signature) {
    const key = input.secrets.get(spec.signature.secret);
    if (key === undefined) return { ok: false, reason: 'secret_missing', message: `the signing secret ${spec.signature.secret} does not exist (Settings → Secrets)` };
    headers[(spec.signature.header ?? 'X-Lifecycle-Signature').toLowerCase()] = bodySignature(body ?? '', key);
  }
  return { ok: true, method: spec.method, url: spec.url, headers, body };
}
