import { defineConfig } from 'drizzle-kit';

export default defineConfig({ dialect: 'sqlite', schema: ['./src/schema.ts', './src/authSchema.ts', './src/monitorSchema.ts', './src/lifecycleSchema.ts', './src/analytics/*Schema.ts'], out: './migrations' });
