import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Turns on SQLite's one connection: while a transaction is open, only the async work started inside it may use the
 * connection; every other query waits for the commit or rollback. Without this, an awaited transaction on a single
 * connection would swallow whatever other requests ran meanwhile (and roll them back with it).
 */
export class ConnectionTurns {
  private holder: symbol | undefined;
  private waiting: (() => void)[] = [];
  private readonly context = new AsyncLocalStorage<symbol>();

  /** Whether the caller runs inside the open transaction. */
  inside(): boolean {
    return this.holder !== undefined && this.context.getStore() === this.holder;
  }

  /** Resolves when the caller may use the connection; the caller must then use it before its next await. */
  async mayUse(): Promise<void> {
    while (this.holder !== undefined && !this.inside()) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Runs `work` holding the connection: its async descendants pass, everyone else waits. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    // Check and take in one synchronous step after each wake-up, so two waiters woken together cannot both take it.
    while (this.holder !== undefined) await new Promise<void>((resolve) => this.waiting.push(resolve));
    const token = Symbol('transaction');
    this.holder = token;
    try {
      return await this.context.run(token, work);
    } finally {
      this.holder = undefined;
      for (const wake of this.waiting.splice(0)) wake();
    }
  }
}
