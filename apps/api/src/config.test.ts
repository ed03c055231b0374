import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const secret = { TRACKING_SECRET: 'a-secret-of-sixteen+' };

describe('the API configuration of its Temporal connection', () => {
  it('is plaintext to the local dev server by default, and TLS with an API key', () => {
    expect(loadConfig(secret).temporal.sdk).toEqual({ address: '127.0.0.1:7233', tls: false });
    expect(loadConfig({ ...secret, TEMPORAL_ADDRESS: 'eu.aws.api.temporal.io:7233', TEMPORAL_API_KEY: 'k' }).temporal.sdk).toEqual({
      address: 'eu.aws.api.temporal.io:7233',
      tls: {},
      apiKey: 'k',
    });
  });

  it('refuses to boot naming the TLS variable that is wrong', () => {
    expect(() => loadConfig({ ...secret, TEMPORAL_TLS_CA: '/missing/ca.pem' })).toThrow('invalid environment: TEMPORAL_TLS_CA: cannot read /missing/ca.pem (ENOENT)');
    expect(() => loadConfig({ ...secret, TEMPORAL_TLS_KEY: import.meta.filename })).toThrow(/TEMPORAL_TLS_KEY: .* is not a PEM file/);
  });
});
