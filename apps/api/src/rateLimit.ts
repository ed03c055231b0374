/** The answer of a bucket: allowed, or how many seconds until it would be. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Token buckets keyed by caller (in memory): each key holds up to `burst` tokens, refilled at
 * `perSecond`; a request takes one. Idle buckets are forgotten so the map cannot grow without bound.
 */
export function createRateLimiter(options: { perSecond: number; burst: number; now?: () => number; maxKeys?: number }) {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 100_000;
  const buckets = new Map<string, { tokens: number; at: number }>();

  function take(key: string): RateDecision {
    const at = now();
    const bucket = buckets.get(key) ?? { tokens: options.burst, at };
    bucket.tokens = Math.min(options.burst, bucket.tokens + ((at - bucket.at) / 1000) * options.perSecond);
    bucket.at = at;
    if (buckets.size >= maxKeys && !buckets.has(key)) buckets.delete(buckets.keys().next().value as string);
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / options.perSecond)) };
  }

  return { take };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
