import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { bareHost, isPublicAddress } from './addressPolicy';
import { checkedLookup } from './checkedLookup';
import { OutboundRefused } from './outboundRefused';

export interface OutboundRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  timeoutMs: number;
  /** Hosts an admin allowed although they are not public (lower case). */
  allowedHosts: ReadonlySet<string>;
}

export interface OutboundAnswer {
  status: number;
  contentType: string | null;
  /** The answer's body, cut at `MAX_ANSWER_BYTES`. */
  body: string;
}

/** The most of an answer read: enough for any JSON a trait is taken from. */
export const MAX_ANSWER_BYTES = 1_000_000;

function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      if (size >= MAX_ANSWER_BYTES) return;
      chunks.push(chunk);
      size += chunk.length;
    });
    response.on('end', () => resolve(Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8')));
    response.on('error', reject);
  });
}

/**
 * Makes one HTTP(S) request under the SSRF rules: only public addresses unless the host is allowed (an IP literal
 * is checked as written, a name through `checkedLookup`), and a redirect is never followed: it is refused, so a
 * public host cannot bounce the call to a private one. Network errors and timeouts throw as they are.
 */
export async function sendOutbound(request: OutboundRequest): Promise<OutboundAnswer> {
  const url = new URL(request.url);
  const host = bareHost(url.hostname).toLowerCase();
  const allowed = request.allowedHosts.has(host);
  if (isIP(host) !== 0 && !allowed && !isPublicAddress(host)) {
    throw new OutboundRefused('address_refused', `${host} is not a public address (an admin can allow the host)`);
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const answer = await new Promise<OutboundAnswer>((resolve, reject) => {
    const outgoing = send(
      url,
      { method: request.method, headers: request.headers, lookup: checkedLookup(allowed), signal: AbortSignal.timeout(request.timeoutMs), agent: false },
      (response) => {
        readBody(response).then((body) => resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'] ?? null, body }), reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body ?? undefined);
  });
  if (answer.status >= 300 && answer.status < 400) {
    throw new OutboundRefused('redirect_refused', `the receiver answered ${answer.status} (a redirect); redirects are not followed`);
  }
  return answer;
}
