import type { MessagePort } from 'node:worker_threads';
import { renderEmail, type RenderRequest, type RenderResult } from './renderEmail';

/** One render as the pool hands it to a thread; `started` tells the pool when the deadline starts to run. */
export interface RenderTask extends RenderRequest {
  budgetMs: number;
  started: MessagePort;
}

/** The render thread's task (loaded through renderThread.mjs). */
export async function renderTask({ started, budgetMs, ...request }: RenderTask): Promise<RenderResult> {
  started.postMessage('started');
  started.close();
  return renderEmail(request, budgetMs);
}
