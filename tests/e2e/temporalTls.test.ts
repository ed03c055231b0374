import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadConfig, temporalRunStarter } from '@lifecycle/api';
import { loadWorkerConfig } from '@lifecycle/worker';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startMailCatcherProcess,
  startTemporalDevServer,
  startWorkerProcess,
  tempDir,
  waitFor,
  type CaughtMessage,
  type MailCatcherProcess,
  type TemporalDevServer,
  type WorkerProcess,
} from '../support/processes';
import { appDatabase, type ProcessDatabase } from './appDatabase';
import { makeCertificates, recordingGrpcProxy, tlsTerminator, type Certificates } from './tlsFixtures';

// The dev server has no TLS flags: TLS (and mTLS) terminators and a recording gRPC proxy stand in front of it.
describe('Temporal over TLS, mTLS and with an API key (the variables of Temporal Cloud and self-hosted clusters)', () => {
  let dir: string;
  let certs: Certificates;
  let temporal: TemporalDevServer;
  let mail: MailCatcherProcess;
  let worker: WorkerProcess | undefined;
  let tls: Awaited<ReturnType<typeof tlsTerminator>>;
  let mtls: Awaited<ReturnType<typeof tlsTerminator>>;
  let proxy: Awaited<ReturnType<typeof recordingGrpcProxy>>;
  let database: ProcessDatabase | undefined;
  const base = { NODE_ENV: 'test', TRACKING_SECRET: 'tls-test-tracking-secret-0123456789' };

  beforeAll(async () => {
    dir = tempDir('lifecycle-tls-');
    certs = makeCertificates(dir);
    const [key, cert] = [readFileSync(certs.serverKey), readFileSync(certs.serverCert)];
    temporal = await startTemporalDevServer();
    mail = await startMailCatcherProcess();
    database = await appDatabase(dir);
    tls = await tlsTerminator({ target: temporal.port, key, cert });
    mtls = await tlsTerminator({ target: temporal.port, key, cert, clientCa: readFileSync(certs.ca) });
    proxy = await recordingGrpcProxy({ target: temporal.port, key, cert });
  });

  afterAll(async () => {
    for (const process of [worker, mail, temporal]) await process?.stop().catch(() => undefined);
    for (const server of [tls, mtls, proxy]) await server?.close().catch(() => undefined);
    await database?.drop();
  });

  const serverTrust = () => ({ TEMPORAL_TLS_CA: certs.ca, TEMPORAL_TLS_SERVER_NAME: 'localhost' });
  const clientCertificate = () => ({ TEMPORAL_TLS_CERT: certs.clientCert, TEMPORAL_TLS_KEY: certs.clientKey });
  const apiClient = (env: NodeJS.ProcessEnv) => temporalRunStarter(loadConfig({ ...base, ...env }).temporal);

  async function caught(subject: string): Promise<CaughtMessage> {
    return waitFor(
      async () => {
        const { messages } = (await (await fetch(`${mail.httpUrl}/messages`)).json()) as { messages: CaughtMessage[] };
        return messages.find((message) => message.subject === subject);
      },
      { timeoutMs: 60_000, description: `the email "${subject}" in the catcher` },
    );
  }

  it('runs a workflow end to end: the worker connects with mTLS, the API client with TLS, and the email is sent', async () => {
    worker = await startWorkerProcess({
      ...base,
      ...database!.env,
      SMTP_URL: mail.smtpUrl,
      TEMPORAL_ADDRESS: `127.0.0.1:${mtls.port}`,
      ...serverTrust(),
      ...clientCertificate(),
    });
    // Healthy means connected: the worker reached Temporal only through the mTLS terminator.
    expect(await (await fetch(worker.healthUrl)).json()).toMatchObject({ temporal: 'connected' });

    const client = apiClient({ TEMPORAL_ADDRESS: `127.0.0.1:${tls.port}`, ...serverTrust() });
    try {
      const result = await client.sendTestEmail?.({ requestId: randomUUID(), to: 'tls@example.com', subject: 'Sent over TLS', html: '<p>Hello</p>', text: null });
      expect(result?.messageId).toBeTruthy();
      expect((await caught('Sent over TLS')).to).toContain('tls@example.com');
    } finally {
      await client.close?.();
    }
  });

  it('lets the API client through mTLS with its certificate, and refuses one without it', async () => {
    const withCertificate = apiClient({ TEMPORAL_ADDRESS: `127.0.0.1:${mtls.port}`, ...serverTrust(), ...clientCertificate() });
    const withoutCertificate = apiClient({ TEMPORAL_ADDRESS: `127.0.0.1:${mtls.port}`, ...serverTrust() });
    const refusedBefore = mtls.refused();
    try {
      expect(await withCertificate.ping?.()).toBe(true);
      expect(await withoutCertificate.ping?.()).toBe(false);
      expect(mtls.refused()).toBeGreaterThan(refusedBefore);
    } finally {
      await withCertificate.close?.();
      await withoutCertificate.close?.();
    }
  });

  it('sends TEMPORAL_API_KEY as `authorization: Bearer <key>` on every call, from the API client and the worker', async () => {
    const env = { TEMPORAL_ADDRESS: `127.0.0.1:${proxy.port}`, TEMPORAL_API_KEY: 'key-for-the-proxy-0123', ...serverTrust() };
    const client = apiClient(env);
    try {
      const result = await client.sendTestEmail?.({ requestId: randomUUID(), to: 'key@example.com', subject: 'Sent with an API key', html: '<p>Hi</p>', text: null });
      expect(result?.messageId).toBeTruthy();
    } finally {
      await client.close?.();
    }
    const apiCalls = proxy.calls.splice(0);
    expect(apiCalls.map((call) => call.path)).toContain('/temporal.api.workflowservice.v1.WorkflowService/StartWorkflowExecution');
    expect(new Set(apiCalls.map((call) => call.headers.authorization))).toEqual(new Set(['Bearer key-for-the-proxy-0123']));

    // The worker's native (Rust) connection, built from the worker's own configuration.
    const connection = await NativeConnection.connect(loadWorkerConfig({ ...base, ...env }).temporal.sdk);
    try {
      await connection.workflowService.getSystemInfo({});
    } finally {
      await connection.close();
    }
    const workerCalls = proxy.calls.splice(0);
    expect(workerCalls.map((call) => call.path)).toContain('/temporal.api.workflowservice.v1.WorkflowService/GetSystemInfo');
    expect(new Set(workerCalls.map((call) => call.headers.authorization))).toEqual(new Set(['Bearer key-for-the-proxy-0123']));
  });
});
