/** How many ids one chunk binds; a shorter last chunk is padded with nulls (which match nothing). */
export const ID_CHUNK = 64;

/**
 * `ids(k, id)`: a chunk of ids as a table, each with its position. Queries over it answer positions, never the ids as
 * SQLite gives them back: a string SQLite cannot hold exactly (a lone surrogate) comes back changed, while the
 * position still names the caller's own id. The statement's text is the same for every chunk, so it is prepared once.
 */
export const ID_TABLE = `ids(k, id) as (values ${Array.from({ length: ID_CHUNK }, (_, k) => `(${k}, ?)`).join(', ')})`;

/** Ids in chunks of exactly ID_CHUNK parameters (the last padded with nulls), each with where it starts. */
function chunksOf(ids: readonly string[]): { start: number; params: (string | null)[] }[] {
  const chunks: { start: number; params: (string | null)[] }[] = [];
  for (let start = 0; start < ids.length; start += ID_CHUNK) {
    const params: (string | null)[] = ids.slice(start, start + ID_CHUNK);
    while (params.length < ID_CHUNK) params.push(null);
    chunks.push({ start, params });
  }
  return chunks;
}

/**
 * Runs `positionsOf(params)` (a statement over ID_TABLE answering positions `k`) for each chunk of ids and gives back
 * the caller's ids at the positions answered, with anything else the rows carry.
 */
export function byIdChunks<Row extends { k: number }>(ids: readonly string[], positionsOf: (params: (string | null)[]) => Row[]): (Row & { customerId: string })[] {
  return chunksOf(ids).flatMap(({ start, params }) => positionsOf(params).map((row) => ({ ...row, customerId: ids[start + row.k] as string })));
}
