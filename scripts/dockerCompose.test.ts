import { readFile } from 'node:fs/promises';
import { ApiEnv } from '../apps/api/src/config';
import { MonitorEnv } from '../apps/api/src/observability/monitorConfig';
import { TemporalEnv } from '@lifecycle/temporal-connection';
import { WorkerEnv } from '../apps/worker/src/config';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

/**
 * The production-shaped compose file cannot run here (no Docker engine); this keeps it true to the code: every
 * variable it sets is one the processes read, the proxy reaches every API replica on its port, health checks ask
 * the ports the processes listen on, and no secret is written into it.
 */
type Service = { image?: string; command?: string[]; environment?: Record<string, string>; deploy?: { replicas?: number }; healthcheck?: { test: string[] }; depends_on?: Record<string, unknown> };
const root = new URL('../', import.meta.url);
const compose = parse(await readFile(new URL('docker-compose.yml', root), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const nginx = await readFile(new URL('deploy/nginx.conf', root), 'utf8');
const services = compose.services;
const runs = (service: Service, main: string) => service.command?.includes(main) === true;
const apis = Object.entries(services).filter(([, service]) => runs(service, 'apps/api/src/main.ts'));
const workers = Object.entries(services).filter(([, service]) => runs(service, 'apps/worker/src/main.ts'));

describe('docker-compose.yml, the production shape', () => {
  it('runs two API replicas behind the proxy and two workers', () => {
    expect(apis.map(([name]) => name)).toEqual(['api-1', 'api-2']);
    const upstream = [...nginx.matchAll(/^\s*server\s+([\w-]+):(\d+)/gm)].map(([, host, port]) => `${host}:${port}`);
    expect(upstream).toEqual(apis.map(([name, service]) => `${name}:${service.environment?.API_PORT}`));
    expect(Object.keys(services.proxy?.depends_on ?? {})).toEqual(apis.map(([name]) => name));
    expect(workers.map(([name, service]) => [name, service.deploy?.replicas])).toEqual([['worker', 2]]);
  });

  it('sets only variables the API and the worker read', () => {
    const known = (...schemas: { shape: object }[]) => new Set([...schemas, TemporalEnv].flatMap((schema) => Object.keys(schema.shape)));
    const unknown = (entries: [string, Service][], names: Set<string>) => entries.flatMap(([name, service]) => Object.keys(service.environment ?? {}).filter((key) => !names.has(key) && key !== 'NODE_ENV').map((key) => `${name}: ${key}`));
    expect(unknown(apis, known(ApiEnv, MonitorEnv))).toEqual([]);
    expect(unknown(workers, known(WorkerEnv))).toEqual([]);
  });

  it('health checks ask the ports the processes listen on, and the API finds a worker by its service name', () => {
    for (const [, api] of apis) {
      expect(api.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${api.environment?.API_PORT}/health`);
      expect(new URL(api.environment?.WORKER_HEALTH_URL ?? '').host).toBe(`worker:${services.worker?.environment?.WORKER_HEALTH_PORT}`);
    }
    expect(services.worker?.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${services.worker?.environment?.WORKER_HEALTH_PORT}/health`);
  });

  it("keeps the app's data on the same Postgres, in a database the init script creates in the C locale", async () => {
    const init = await readFile(new URL('deploy/postgres-init/lifecycle.sh', root), 'utf8');
    const postgres = services.postgresql as Service & { volumes?: string[] };
    expect(postgres.volumes).toContain('./deploy/postgres-init:/docker-entrypoint-initdb.d:ro');
    for (const [name, service] of [...apis, ...workers]) {
      const url = new URL((service.environment?.DATABASE_URL ?? '').replace(/\$\{[^}]+\}/, 'password'));
      expect(`${name}: ${url.protocol}//${url.host}${url.pathname}`).toBe(`${name}: postgres://postgresql:5432/lifecycle`);
      expect(init).toContain(`CREATE DATABASE ${url.pathname.slice(1)} TEMPLATE template0 LOCALE 'C'`);
      // No file shared between containers: the processes coordinate through Postgres.
      expect((service as Service & { volumes?: string[] }).volumes ?? []).toEqual([]);
    }
  });

  it('keeps Temporal on Postgres, and no secret in the file', () => {
    const temporal = services.temporal?.environment ?? {};
    expect(temporal.DB).toBe('postgres12');
    expect(services[temporal.POSTGRES_SEEDS ?? '']?.image).toMatch(/^postgres:/);
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/SECRET|PASSWORD|PWD|API_KEY/.test(key)) expect(`${name}: ${key}=${value}`).toMatch(/=\$\{\w+:\?/);
        // A URL carries its password from the environment too, never written in.
        if (/^\w+:\/\/[^/]*@/.test(value)) expect(`${name}: ${key}=${value}`).toMatch(/:\$\{\w+:\?[^}]*\}@/);
      }
    }
  });
});
