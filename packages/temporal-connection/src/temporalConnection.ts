import type { TemporalEnv } from './temporalEnv';

/** TLS settings in the shape both `@temporalio/client` and `@temporalio/worker` take (`TLSConfig`). */
export type TemporalTls = {
  serverNameOverride?: string;
  serverRootCACertificate?: Buffer;
  clientCertPair?: { crt: Buffer; key: Buffer };
};

/** How to reach Temporal: `sdk` spreads into `Connection.connect` and `NativeConnection.connect`. */
export type TemporalConnection = {
  namespace: string;
  sdk: { address: string; tls: TemporalTls | false; apiKey?: string };
  /** The files behind `sdk.tls`, for the `temporal` CLI which takes paths. */
  files: { cert?: string; key?: string; ca?: string };
};

/** The connection the parsed variables describe (check `temporalEnvProblems` first). */
export function temporalConnection(env: TemporalEnv): TemporalConnection {
  const { TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key, TEMPORAL_TLS_CA: ca, TEMPORAL_TLS_SERVER_NAME: serverName, TEMPORAL_API_KEY: apiKey } = env;
  // Like the SDK and the temporal CLI: TLS turns on by itself once anything needing it is set (an API key needs it).
  const useTls = env.TEMPORAL_TLS ?? Boolean(cert || key || ca || serverName || apiKey);
  const tls: TemporalTls = {
    ...(serverName ? { serverNameOverride: serverName } : {}),
    ...(ca ? { serverRootCACertificate: ca.contents } : {}),
    ...(cert && key ? { clientCertPair: { crt: cert.contents, key: key.contents } } : {}),
  };
  return {
    namespace: env.TEMPORAL_NAMESPACE,
    sdk: { address: env.TEMPORAL_ADDRESS, tls: useTls ? tls : false, ...(apiKey ? { apiKey } : {}) },
    files: { ...(cert ? { cert: cert.path } : {}), ...(key ? { key: key.path } : {}), ...(ca ? { ca: ca.path } : {}) },
  };
}

/** For logs and banners, never the secrets: `temporal.example:7233 (namespace prod, mTLS, API key)`. */
export function describeTemporalConnection(connection: TemporalConnection): string {
  const { tls, apiKey } = connection.sdk;
  const security = [tls === false ? 'plaintext' : tls.clientCertPair ? 'mTLS' : 'TLS', ...(apiKey ? ['API key'] : [])];
  return `${connection.sdk.address} (namespace ${connection.namespace}, ${security.join(', ')})`;
}

/**
 * The same connection as `temporal` CLI flags, and the environment that carries the API key (kept off the command
 * line, where `ps` would show it). Every flag is explicit, so CLI-specific variables in the environment can't differ.
 */
export function temporalCliConnection(connection: TemporalConnection): { args: string[]; env: Record<string, string> } {
  const { address, tls, apiKey } = connection.sdk;
  const args = ['--address', address, '--namespace', connection.namespace, `--tls=${tls !== false}`];
  if (connection.files.cert) args.push('--tls-cert-path', connection.files.cert);
  if (connection.files.key) args.push('--tls-key-path', connection.files.key);
  if (connection.files.ca) args.push('--tls-ca-path', connection.files.ca);
  if (tls !== false && tls.serverNameOverride) args.push('--tls-server-name', tls.serverNameOverride);
  return { args, env: apiKey ? { TEMPORAL_API_KEY: apiKey } : {} };
}
