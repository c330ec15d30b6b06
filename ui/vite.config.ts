import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The UI is served from inside the app (tauri://), never from a dev server in production:
// everything it needs is bundled, including the Fluent files from ../resources/l10n.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  base: './',
  build: {
    target: 'safari15',
    outDir: 'dist',
    emptyOutDir: true,
    // No inline scripts: the CSP forbids them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { fs: { allow: ['..'] } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
  },
});
