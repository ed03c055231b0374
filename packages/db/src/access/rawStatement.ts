/** Values for a raw statement's placeholders: positional (`?`) in order, or named (`@name`, `:name`, `$name`) in one object. */
export type RawParams = unknown[] | [Record<string, unknown>];

/**
 * A statement written as SQL text, for what the query builder cannot say (the hot paths' hand-tuned SQL, recursive
 * queries, SQL compiled from segment definitions). Placeholders are SQLite's (`?`, `@name`, `:name`, `$name`); on
 * Postgres they are rendered as `$1…` (placeholders.ts). Every call is awaited; on SQLite the statement is prepared
 * once per text and kept.
 */
export interface RawStatement {
  /** Every row, columns by name. */
  all<T = Record<string, unknown>>(...params: RawParams): Promise<T[]>;
  /** The first row, or undefined. */
  get<T = Record<string, unknown>>(...params: RawParams): Promise<T | undefined>;
  /** Runs it; how many rows it changed. */
  run(...params: RawParams): Promise<{ changes: number }>;
  /** The same statement answering only each row's first column. */
  pluck(): PluckedStatement;
  /** The same statement answering each row as an array of its columns, in order. */
  raw(): ArrayStatement;
}

export interface PluckedStatement {
  all<T = unknown>(...params: RawParams): Promise<T[]>;
  get<T = unknown>(...params: RawParams): Promise<T | undefined>;
}

export interface ArrayStatement {
  all(...params: RawParams): Promise<unknown[][]>;
  get(...params: RawParams): Promise<unknown[] | undefined>;
}

/** Builds a RawStatement from one function that runs the text and answers its rows as objects (with column order kept). */
export function rawStatement(
  execute: (params: RawParams, shape: 'objects' | 'run') => Promise<{ rows: Record<string, unknown>[]; changes: number }>,
): RawStatement {
  const all = async <T>(params: RawParams) => (await execute(params, 'objects')).rows as T[];
  const firstColumn = (row: Record<string, unknown>) => row[Object.keys(row)[0] as string];
  return {
    all: (...params) => all(params),
    get: async (...params) => (await all(params))[0] as never,
    run: async (...params) => ({ changes: (await execute(params, 'run')).changes }),
    pluck: () => ({
      all: async (...params) => (await all<Record<string, unknown>>(params)).map(firstColumn) as never,
      get: async (...params) => {
        const [row] = await all<Record<string, unknown>>(params);
        return (row === undefined ? undefined : firstColumn(row)) as never;
      },
    }),
    raw: () => ({
      all: async (...params) => (await all<Record<string, unknown>>(params)).map((row) => Object.values(row)),
      get: async (...params) => {
        const [row] = await all<Record<string, unknown>>(params);
        return row === undefined ? undefined : Object.values(row);
      },
    }),
  };
}
