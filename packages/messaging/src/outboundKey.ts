import { createHash, createHmac } from 'node:crypto';

/**
 * The `Idempotency-Key` of one outbound call: derived from the run, the node and the step number, so every retry
 * of the call carries the same key and a loop that passes the node again makes a new one.
 */
export function outboundKey(kind: string, call: { workflowId: string; nodeId: string; seq: number }): string {
  const digest = createHash('sha256').update(`${kind}\0${call.workflowId}\0${call.nodeId}\0${call.seq}`).digest('base64url');
  return `lc_${digest.slice(0, 40)}`;
}

/** `sha256=<hex>`: the HMAC-SHA256 of the exact body bytes sent, keyed by the secret's value. */
export function bodySignature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
