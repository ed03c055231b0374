import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from './appContext';

/**
 * The address a request came from, as limits per client need it. Behind `hops` trusted proxies that each append the
 * address they saw to X-Forwarded-For, it is the entry `hops` from the right: entries further left were written by
 * the client itself and prove nothing. With too few entries, or none trusted, the socket's peer.
 */
export function clientAddress(c: Context<AppEnv>, hops: number): string {
  if (hops > 0) {
    const chain = (c.req.header('x-forwarded-for') ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
    const seen = chain[chain.length - hops];
    if (seen) return seen;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}
