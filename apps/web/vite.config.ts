import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves dist/ under a strict CSP (script-src 'self'), so the build must emit no inline scripts.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
