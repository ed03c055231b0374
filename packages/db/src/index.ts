export * from './schema';
export * from './client';
export * from './queries/customers';
