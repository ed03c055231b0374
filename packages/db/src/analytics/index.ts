// Analytics: settings, the rollups kept current per event, and the named queries the Analytics area reads.
export * from './settingsSchema';
export * from './settings';
export * from './rollupEvent';
export * from './customerFactsSchema';
export * from './customerFacts';
export * from './conversionsSchema';
export * from './conversions';
export * from './rollups';
export * from './pendingEvents';
export * from './stagesQueries';
export * from './retentionQueries';
export * from './valueQueries';
export * from './surveysQueries';
export * from './healthQueries';
export * from './journeysQueries';
export * from './experimentsQueries';
