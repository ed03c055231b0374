import type Database from 'better-sqlite3';
import type pg from 'pg';

/** A database's schema as the two backends can both describe it: what the parity test compares. */
export type SchemaShape = {
  /** table → "column:type-class:null|not null[:default]", sorted (SQLite appends a column added later, drizzle-kit does
   * not). `:default` marks a column with a default, whose expression the backends write differently. */
  columns: Record<string, string[]>;
  /** table → its primary key's columns. */
  primaryKeys: Record<string, string[]>;
  /** index name → "table(columns) unique?" (expressions as written, so only the names and columns are compared). */
  indexes: Record<string, string>;
  views: string[];
  /** Trigger names (a Postgres trigger's function is named after it). */
  triggers: string[];
};

const typeClass = (declared: string): string => {
  const type = declared.toLowerCase();
  if (type.includes('int') || type === 'boolean') return type === 'boolean' ? 'boolean' : 'integer';
  if (type.includes('real') || type.includes('double') || type.includes('numeric')) return 'real';
  if (type.includes('json')) return 'json';
  return 'text';
};

const BOOKKEEPING = new Set(['__drizzle_migrations']);

export function sqliteSchemaShape(sqlite: Database.Database): SchemaShape {
  const master = sqlite
    .prepare("SELECT type, name, tbl_name AS tableName, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
    .all() as {
    type: string;
    name: string;
    tableName: string;
    sql: string | null;
  }[];
  const shape: SchemaShape = { columns: {}, primaryKeys: {}, indexes: {}, views: [], triggers: [] };
  for (const item of master) {
    if (item.type === 'table' && !BOOKKEEPING.has(item.name)) {
      // table_xinfo, not table_info: generated columns (hidden 2 and 3) are columns of the table on both backends.
      const info = (
        sqlite.prepare(`PRAGMA table_xinfo("${item.name}")`).all() as {
          name: string;
          type: string;
          notnull: number;
          pk: number;
          hidden: number;
          dflt_value: string | null;
        }[]
      ).filter((column) => column.hidden !== 1);
      // SQLite keeps booleans and JSON as integer and text: its declared type says which they are only in drizzle's
      // schema, so those classes are compared as the storage class.
      shape.columns[item.name] = info
        .map(
          (column) =>
            `${column.name}:${typeClass(column.type)}:${column.notnull || column.pk ? 'not null' : 'null'}${column.dflt_value === null ? '' : ':default'}`,
        )
        .sort();
      shape.primaryKeys[item.name] = info
        .filter((column) => column.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((column) => column.name);
    } else if (item.type === 'index' && item.sql) {
      const columns = (sqlite.prepare(`PRAGMA index_xinfo("${item.name}")`).all() as { name: string | null; key: number }[])
        .filter((column) => column.key === 1)
        .map((column) => column.name ?? '<expression>');
      shape.indexes[item.name] = `${item.tableName}(${columns.join(',')})${/^CREATE UNIQUE/i.test(item.sql) ? ' unique' : ''}`;
    } else if (item.type === 'view') shape.views.push(item.name);
    else if (item.type === 'trigger') shape.triggers.push(item.name);
  }
  shape.views.sort();
  shape.triggers.sort();
  return shape;
}

export async function postgresSchemaShape(client: pg.Pool | pg.Client): Promise<SchemaShape> {
  const shape: SchemaShape = { columns: {}, primaryKeys: {}, indexes: {}, views: [], triggers: [] };
  const columns = await client.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
    column_default: string | null;
  }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = 'public' ORDER BY c.table_name, c.ordinal_position`,
  );
  for (const column of columns.rows) {
    // SQLite's implicit rowid is a column on Postgres where queries use it (migrations-pg 0019).
    if (BOOKKEEPING.has(column.table_name) || column.column_name === 'rowid') continue;
    const type = typeClass(column.data_type);
    // Compared as SQLite stores them (see sqliteSchemaShape).
    const stored = type === 'boolean' ? 'integer' : type === 'json' ? 'text' : type;
    (shape.columns[column.table_name] ??= []).push(
      `${column.column_name}:${stored}:${column.is_nullable === 'YES' ? 'null' : 'not null'}${column.column_default === null ? '' : ':default'}`,
    );
  }
  const keys = await client.query<{ table_name: string; columns: string[] }>(
    `SELECT cl.relname AS table_name, array_agg(a.attname::text ORDER BY k.ord) AS columns
     FROM pg_index i JOIN pg_class cl ON cl.oid = i.indrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
     CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum = k.attnum
     WHERE i.indisprimary AND n.nspname = 'public' GROUP BY cl.relname`,
  );
  for (const table of Object.values(shape.columns)) table.sort();
  for (const key of keys.rows) if (!BOOKKEEPING.has(key.table_name)) shape.primaryKeys[key.table_name] = key.columns;
  for (const table of Object.keys(shape.columns)) shape.primaryKeys[table] ??= [];
  const indexes = await client.query<{ name: string; table_name: string; unique: boolean; columns: (string | null)[] }>(
    `SELECT ic.relname AS name, cl.relname AS table_name, i.indisunique AS unique,
       array_agg(a.attname::text ORDER BY k.ord) AS columns
     FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class cl ON cl.oid = i.indrelid
     JOIN pg_namespace n ON n.oid = cl.relnamespace
     CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) LEFT JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum = k.attnum AND k.attnum > 0
     WHERE n.nspname = 'public' AND NOT i.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype = 'u')
     GROUP BY ic.relname, cl.relname, i.indisunique`,
  );
  for (const item of indexes.rows) {
    // SQLite ends every index with the rowid, unsaid; an index of the rowid alone is the rowid's own B-tree there.
    const columns = item.columns.filter((column) => column !== 'rowid');
    if (columns.length === 0) continue;
    shape.indexes[item.name] = `${item.table_name}(${columns.map((column) => column ?? '<expression>').join(',')})${item.unique ? ' unique' : ''}`;
  }
  const views = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.views WHERE table_schema = 'public' ORDER BY table_name`,
  );
  shape.views = views.rows.map((row) => row.table_name);
  const triggers = await client.query<{ name: string }>(
    `SELECT DISTINCT t.tgname AS name FROM pg_trigger t JOIN pg_class cl ON cl.oid = t.tgrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
     WHERE n.nspname = 'public' AND NOT t.tgisinternal ORDER BY 1`,
  );
  shape.triggers = triggers.rows.map((row) => row.name);
  return shape;
}
