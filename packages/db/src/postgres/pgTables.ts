import { Column, SQL, StringChunk, getTableColumns, is, sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  type PgColumnBuilderBase,
  type PgTable,
} from 'drizzle-orm/pg-core';
import { SQLiteTable, getTableConfig, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import * as actionNodes from '../actionNodesSchema';
import * as conversions from '../analytics/conversionsSchema';
import * as customerFacts from '../analytics/customerFactsSchema';
import * as experiments from '../analytics/experimentsSchema';
import * as globalControlRollup from '../analytics/globalControlRollupSchema';
import * as healthKeyed from '../analytics/healthKeyedSchema';
import * as health from '../analytics/healthSchema';
import * as journeysConversionDays from '../analytics/journeysConversionDaysSchema';
import * as journeys from '../analytics/journeysSchema';
import * as pending from '../analytics/pendingSchema';
import * as retentionEventCohort from '../analytics/retentionEventCohortSchema';
import * as retentionFlows from '../analytics/retentionFlowsSchema';
import * as retention from '../analytics/retentionSchema';
import * as retentionScopes from '../analytics/retentionScopesSchema';
import * as settings from '../analytics/settingsSchema';
import * as stageFunnel from '../analytics/stageFunnelSchema';
import * as stagesKeyed from '../analytics/stagesKeyedSchema';
import * as stages from '../analytics/stagesSchema';
import * as surveysLatest from '../analytics/surveysLatestSchema';
import * as surveys from '../analytics/surveysSchema';
import * as valueChurn from '../analytics/valueChurnSchema';
import * as valueGroups from '../analytics/valueGroupsSchema';
import * as value from '../analytics/valueSchema';
import * as valueScopes from '../analytics/valueScopesSchema';
import * as auth from '../authSchema';
import * as entry from '../entrySchema';
import * as journeyPause from '../journeyPauseSchema';
import * as lifecycle from '../lifecycleSchema';
import * as monitor from '../monitorSchema';
import * as offerRedemption from '../offerRedemptionSchema';
import * as core from '../schema';
import * as sendGovernance from '../sendGovernanceSchema';
import * as suppression from '../suppressionSchema';
import * as templateHistory from '../templateHistorySchema';
import * as topic from '../topicSchema';
import * as workspace from '../workspaceSchema';

/**
 * The Postgres tables, derived from the SQLite drizzle schema at load: one schema is the source of truth, so the two
 * backends cannot drift apart (a column added to a SQLite table is a column of its Postgres twin, and
 * `pnpm --filter @lifecycle/db pg:generate` turns it into a Postgres migration). Same table, column and index names;
 * the JavaScript keys are the SQLite ones, so a query written against a SQLite table runs against its twin.
 *
 * Types map as follows (SQLite's storage class → Postgres): text → text (ISO-8601 timestamps stay text, which sorts
 * the same on both), JSON text → jsonb, integer → bigint read as a JavaScript number (counts and sums of counts exceed
 * 2^31 at scale), an integer primary key → an identity column (SQLite fills a rowid alias itself), boolean → boolean,
 * real → double precision.
 */
const schemaModules: Record<string, unknown>[] = [
  core,
  auth,
  monitor,
  lifecycle,
  workspace,
  actionNodes,
  entry,
  journeyPause,
  offerRedemption,
  sendGovernance,
  suppression,
  templateHistory,
  topic,
  conversions,
  customerFacts,
  experiments,
  globalControlRollup,
  healthKeyed,
  health,
  journeysConversionDays,
  journeys,
  pending,
  retentionEventCohort,
  retentionFlows,
  retention,
  retentionScopes,
  settings,
  stageFunnel,
  stagesKeyed,
  stages,
  surveysLatest,
  surveys,
  valueChurn,
  valueGroups,
  value,
  valueScopes,
];

/** Every SQLite table of the schema, by table name. */
export function sqliteTablesByName(): Map<string, SQLiteTable> {
  const tables = new Map<string, SQLiteTable>();
  for (const module of schemaModules) {
    for (const value of Object.values(module)) if (is(value, SQLiteTable)) tables.set(getTableConfig(value).name, value);
  }
  return tables;
}

/** SQLite's `strftime('%Y-%m-%dT%H:%M:%fZ','now')`: the same ISO-8601 UTC text with milliseconds, per statement. */
const PG_NOW = sql`to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

function sqlText(expression: SQL): string {
  return expression.queryChunks.map((chunk) => (is(chunk, StringChunk) ? chunk.value.join('') : '?')).join('');
}

function pgDefault(column: SQLiteColumn): unknown {
  if (!is(column.default, SQL)) return column.default;
  if (sqlText(column.default).replace(/\s/g, '') === "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))") return PG_NOW;
  throw new Error(`column ${column.name}: no Postgres form for the SQLite default ${sqlText(column.default)}`);
}

function pgColumn(column: SQLiteColumn, onlyKey: boolean): PgColumnBuilderBase {
  const enumValues = column.enumValues as [string, ...string[]] | undefined;
  let built;
  switch (column.columnType) {
    case 'SQLiteText':
      built = enumValues?.length ? text(column.name, { enum: enumValues }) : text(column.name);
      break;
    case 'SQLiteTextJson':
      built = jsonb(column.name);
      break;
    case 'SQLiteInteger':
      built = bigint(column.name, { mode: 'number' });
      break;
    case 'SQLiteBoolean':
      built = boolean(column.name);
      break;
    case 'SQLiteReal':
      built = doublePrecision(column.name);
      break;
    default:
      throw new Error(`column ${column.name}: no Postgres type for ${column.columnType}`);
  }
  if (column.primary) {
    built = built.primaryKey();
    if (onlyKey && column.columnType === 'SQLiteInteger') built = (built as ReturnType<typeof bigint>).generatedByDefaultAsIdentity();
  } else if (column.notNull) built = built.notNull();
  if (column.hasDefault && column.default !== undefined) built = built.default(pgDefault(column) as never);
  if (column.defaultFn) built = built.$defaultFn(column.defaultFn as never);
  if (column.onUpdateFn) built = built.$onUpdateFn(column.onUpdateFn as never);
  if (column.isUnique) built = built.unique(column.uniqueName);
  return built;
}

function buildPgTables(): Map<string, PgTable> {
  const sqliteTables = sqliteTablesByName();
  const twins = new Map<string, PgTable>();
  const twinColumn = (column: Column): Column => {
    const tableName = getTableConfig(column.table as SQLiteTable).name;
    const twin = twins.get(tableName);
    const found = twin && Object.values(getTableColumns(twin)).find((candidate) => candidate.name === column.name);
    if (!found) throw new Error(`no Postgres twin for column ${tableName}.${column.name}`);
    return found;
  };
  for (const [name, table] of sqliteTables) {
    const config = getTableConfig(table);
    const keyColumns = config.columns.filter((column) => column.primary).length;
    const sqliteColumns = Object.entries(getTableColumns(table));
    const columns = Object.fromEntries(sqliteColumns.map(([key, column]) => [key, pgColumn(column as SQLiteColumn, keyColumns === 1)]));
    // The extra config runs when drizzle first reads the table, after every twin exists (foreign keys cross tables);
    // its own columns must be the ones drizzle passes in (`own`), which carry the index settings.
    const twin = pgTable(name, columns, (own) => {
      const ownColumn = (column: Column): Column => {
        const key = sqliteColumns.find(([, candidate]) => candidate === column)?.[0];
        if (key === undefined) throw new Error(`${name}: index or key on a column of another table`);
        return (own as Record<string, Column>)[key] as Column;
      };
      const ownSql = (expression: SQL) => new SQL(expression.queryChunks.map((chunk) => (is(chunk, Column) ? ownColumn(chunk) : chunk)));
      const indexed = (item: Column | SQL) => (is(item, SQL) ? ownSql(item) : ownColumn(item));
      return [
        ...config.primaryKeys.map((key) => primaryKey({ columns: key.columns.map(ownColumn) as never })),
        ...config.indexes.map((item) => {
          const made = (item.config.unique ? uniqueIndex : index)(item.config.name).on(
            ...(item.config.columns.map(indexed) as [never, ...never[]]),
          );
          return item.config.where ? made.where(ownSql(item.config.where)) : made;
        }),
        ...config.uniqueConstraints.map((constraint) =>
          unique(constraint.name).on(...(constraint.columns.map(ownColumn) as [never, ...never[]])),
        ),
        ...config.foreignKeys.map((key) => {
          const reference = key.reference();
          let made = foreignKey({
            name: key.getName(),
            columns: reference.columns.map(ownColumn) as never,
            foreignColumns: reference.foreignColumns.map(twinColumn) as never,
          });
          if (key.onDelete) made = made.onDelete(key.onDelete);
          if (key.onUpdate) made = made.onUpdate(key.onUpdate);
          return made;
        }),
      ];
    });
    twins.set(name, twin);
  }
  return twins;
}

let built: Map<string, PgTable> | undefined;

/** The Postgres twin of every SQLite table, by table name. */
export function pgTablesByName(): Map<string, PgTable> {
  built ??= buildPgTables();
  return built;
}
