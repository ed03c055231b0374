// Template history and templates pinned at publish: the schema and its queries, exported together.
export * from './templateHistorySchema';
export * from './queries/templateRevisions';
export * from './queries/pinnedTemplates';
