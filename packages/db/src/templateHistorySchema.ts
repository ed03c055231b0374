import { sql } from 'drizzle-orm';
import { integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { journeyVersions } from './schema';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/**
 * Every save of a template, numbered from 1 per template. No foreign key to `templates`: the history outlives a
 * deleted template, so a journey version pinned to one of its revisions still renders it.
 */
export const templateRevisions = sqliteTable(
  'template_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    templateId: text('template_id').notNull(),
    revision: integer('revision').notNull(),
    name: text('name').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text'),
    savedAt: text('saved_at').notNull().default(now),
    /** Who saved it as the audit log names them (an email, `token <name>`); null for saves before history existed. */
    savedBy: text('saved_by'),
  },
  (t) => [uniqueIndex('template_revisions_number').on(t.templateId, t.revision)],
);

/** The revision of each template a journey version sends, recorded when the version went live. */
export const journeyVersionTemplates = sqliteTable(
  'journey_version_templates',
  {
    versionId: text('version_id')
      .notNull()
      .references(() => journeyVersions.id, { onDelete: 'cascade' }),
    templateId: text('template_id').notNull(),
    revision: integer('revision').notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.templateId] })],
);
