export { createApp, type App, type CreateAppDeps } from './app';
export { loadConfig, type Config } from './config';
export type { RunStarter } from './runStarter';
export { temporalRunStarter } from './temporal';
export { createDispatcher, type Dispatcher } from './services/dispatcher';
export { ensureWriteKey, hashWriteKey } from './services/writeKeys';
