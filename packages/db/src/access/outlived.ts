/**
 * The error for a query made by work that began inside a transaction and still runs after it ended (a timer, an
 * un-awaited promise): its transaction is gone, and running it outside — or on a connection now serving someone
 * else's transaction — would put the write where nobody meant it. Both backends refuse it, alike.
 */
export const OUTLIVED = 'a query from work that outlived its transaction (a timer or an un-awaited promise started inside it)';
