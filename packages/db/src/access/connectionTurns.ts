import { AsyncLocalStorage } from 'node:async_hooks';
import { OUTLIVED } from './outlived';

/** What runs inside a held turn: its nested transaction, when one is open (they must not run side by side). */
type Turn = { token: symbol; nestedOpen: boolean };

/**
 * Turns on SQLite's one connection: while a transaction is open, only the async work started inside it may use the
 * connection; every other query waits for the commit or rollback. Without this, an awaited transaction on a single
 * connection would swallow whatever other requests ran meanwhile (and roll them back with it).
 *
 * Every use checks and acts in one synchronous step (`use`): a check that answered "free" and an action one microtask
 * later would let a transaction begin in between and take the action into it.
 */
export class ConnectionTurns {
  private holder: Turn | undefined;
  private waiting: (() => void)[] = [];
  private readonly context = new AsyncLocalStorage<Turn>();

  /** The open transaction the caller runs inside, if any; throws for work that outlived the transaction it began in. */
  current(): Turn | undefined {
    const turn = this.context.getStore();
    if (turn === undefined) return undefined;
    if (turn !== this.holder) throw new Error(OUTLIVED);
    return turn;
  }

  /** Runs `act` (synchronous) on the connection as soon as the caller may use it. */
  async use<T>(act: () => T): Promise<T> {
    while (this.holder !== undefined && this.current() === undefined) await this.released();
    return act();
  }

  /** Runs `work` holding the connection: its async descendants pass, everyone else waits. */
  async hold<T>(work: () => Promise<T>, begin: () => void): Promise<T> {
    // Check and take in one synchronous step after each wake-up, so two waiters woken together cannot both take it.
    while (this.holder !== undefined) await this.released();
    const turn: Turn = { token: Symbol('transaction'), nestedOpen: false };
    this.holder = turn;
    try {
      begin();
      return await this.context.run(turn, work);
    } finally {
      this.holder = undefined;
      for (const wake of this.waiting.splice(0)) wake();
    }
  }

  private released(): Promise<void> {
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }
}
