import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The UI lives in web/ and is served by the API server from web/dist; in development
// Vite serves it and forwards API calls to a locally running server.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
