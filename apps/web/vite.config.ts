import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const apiServer = 'http://127.0.0.1:3000';

// In development Vite serves the app and forwards API, ingest, tracking and health calls to the API server.
// Trailing slashes keep '/t' and '/u' from catching the app's own files.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: Object.fromEntries(['/api/', '/v1/', '/t/', '/u/', '/health'].map((prefix) => [prefix, { target: apiServer, changeOrigin: false }])),
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
