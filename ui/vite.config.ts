// Vite + Vitest configuration for the Muntada web UI.
// `--mode mock` swaps src/api/client.ts for src/api/mock/client.ts so the UI can be
// looked at in a plain browser; the production build never sees the mock.
import { defineConfig, type Plugin } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

const CSP =
  "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src ipc: http://ipc.localhost; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function mockClient(): Plugin {
  return {
    name: 'muntada-mock-client',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || importer.includes('/src/api/mock/')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved && resolved.id.endsWith('/src/api/client.ts')) {
        return this.resolve('./mock/client.ts', resolved.id, { ...options, skipSelf: true });
      }
      return null;
    },
  };
}

export default defineConfig(({ mode }) => ({
  plugins: [svelte(), ...(mode === 'mock' ? [mockClient()] : []), ...(mode === 'test' ? [svelteTesting()] : [])],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  // `vite preview` serves the build under the desktop app's CSP (tauri.conf.json), to catch violations.
  preview: { headers: { 'Content-Security-Policy': CSP } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WebKitGTK 2.4x (Tauri on Linux) is roughly Safari 15–16.
    target: 'safari15',
    // The polyfill would be bundled, not inlined, but WebKit does not need it.
    modulePreload: { polyfill: false },
    // No inlined assets: keep everything under 'self'.
    assetsInlineLimit: 0,
    rolldownOptions: { output: { charset: 'ascii' } },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
  },
}));
