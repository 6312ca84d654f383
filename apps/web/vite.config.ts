import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves dist/ under a strict CSP (script-src 'self'), so the build must emit no inline scripts.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // antd's @rc-component packages are plain modules without side effects but do not say so in
      // their package.json; saying it here lets the login page leave out what it does not use
      // (e.g. the form engine that antd's Input reaches through the form context).
      treeshake: {
        moduleSideEffects: [{ test: /node_modules[\\/]@rc-component[\\/]/, sideEffects: false }],
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
