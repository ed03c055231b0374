import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { RenderRequest, RenderResult } from './renderEmail';
import type { RenderTask } from './renderThread';

/** Renders templates off the caller's event loop. */
export interface TemplateRenderer {
  render(request: RenderRequest): Promise<RenderResult>;
  close(): Promise<void>;
}

export interface RenderPoolOptions {
  /** Render threads (default 2): how many renders run at once; the rest wait in the queue. */
  threads?: number;
  /** Longest a render may take once a thread has started it (default 2 s); then the thread is terminated. */
  deadlineMs?: number;
  /** Heap of each render thread (default 128 MB); a render that needs more fails as `template_memory`. */
  memoryMb?: number;
  /** Renders that may wait for a thread (default 256); beyond that `render` throws RenderPoolBusy. */
  maxQueue?: number;
}

/** The queue is full: a transient condition (the worker's activity retries, the API answers 503). */
export class RenderPoolBusy extends Error {
  constructor() {
    super('too many templates are being rendered; try again shortly');
    this.name = 'RenderPoolBusy';
  }
}

// Liquid's own time limit stops a slow render cleanly, with the field named; terminating the thread is the
// backstop for work it does not measure (one huge filter call, the text conversion).
const HARD_STOP_GRACE_MS = 250;

/**
 * A bounded pool of worker threads (piscina) that render templates. A render's deadline starts when a thread
 * starts it (not while it waits in the queue), so renders queued behind slow ones are never failed for them.
 */
export function createRenderPool(options: RenderPoolOptions = {}): TemplateRenderer {
  const deadlineMs = options.deadlineMs ?? 2_000;
  const pool = new Piscina<RenderTask, RenderResult>({
    filename: new URL('./renderThread.mjs', import.meta.url).href,
    minThreads: 1,
    maxThreads: options.threads ?? 2,
    idleTimeout: 60_000,
    maxQueue: options.maxQueue ?? 256,
    // Not the parent's --import tsx: renderThread.mjs loads the TypeScript itself (registering tsx twice costs seconds).
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: options.memoryMb ?? 128, maxYoungGenerationSizeMb: 16 },
  });
  const seconds = `${deadlineMs / 1000} s`;

  async function render(request: RenderRequest): Promise<RenderResult> {
    if (pool.queueSize >= pool.options.maxQueue) throw new RenderPoolBusy();
    const { port1, port2 } = new MessageChannel();
    const stop = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    port1.once('message', () => {
      timer = setTimeout(() => stop.abort(), deadlineMs + HARD_STOP_GRACE_MS);
    });
    try {
      const task: RenderTask = { ...request, budgetMs: deadlineMs, started: port2 };
      return await pool.run(task, { transferList: [port2], signal: stop.signal });
    } catch (error) {
      if (stop.signal.aborted) return { ok: false, reason: 'template_timeout', field: null, error: `the template took longer than ${seconds} to render` };
      if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        return { ok: false, reason: 'template_memory', field: null, error: 'the template needed more memory than a render may use' };
      }
      throw error;
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  return { render, close: () => pool.close() };
}

let shared: TemplateRenderer | undefined;

// Created at the first render, so a process (or a test) that never renders starts no thread; after that one thread
// stays up (its idle threads do not keep the process alive).
const sharedPool: TemplateRenderer = {
  render: (request) => (shared ??= createRenderPool()).render(request),
  close: async () => {
    const pool = shared;
    shared = undefined;
    await pool?.close();
  },
};

/** The process's render pool. */
export function sharedRenderPool(): TemplateRenderer {
  return sharedPool;
}
