import { defineConfig } from 'wxt';
import { resolve } from 'node:path';
import preact from '@preact/preset-vite';

// `npm run build:e2e` builds with mode "e2e": headless Chromium never grants activeTab without a real
// toolbar click, so only that build may read pages on 127.0.0.1, where the end-to-end tests serve them.
export default defineConfig({
  imports: false, // explicit imports: a file says what it depends on (STYLE.md 10)
  vite: () => ({
    plugins: [preact()],
    resolve: {
      // citation-js imports Node fetch libraries for DOI/URL inputs we never use; keep them out of the bundle.
      alias: {
        'node-fetch': resolve('lib/cite/offline-fetch.ts'),
        'sync-fetch': resolve('lib/cite/offline-fetch.ts'),
      },
    },
  }),
  // `wxt zip -b firefox` also zips the sources for addons.mozilla.org's review: what builds the add-on
  // (package files, configs, entrypoints, components, lib), not tests, screenshots, the demo or dev scripts.
  // WXT already leaves out node_modules, dotfiles, *.test.ts and .output.
  zip: {
    excludeSources: ['tests/**', 'test-results/**', 'docs/**', 'demo/**', 'scripts/**', 'vitest*.config.ts', 'run', '**/*.log'],
  },
  manifest: ({ mode, manifestVersion }) => ({
    name: 'Colophon',
    description:
      'Clip publications while you browse: title, authors, publisher, place, year and pages into a local library; export citations.',
    permissions: ['activeTab', 'scripting', 'storage', 'unlimitedStorage', 'clipboardWrite', 'contextMenus'],
    host_permissions: mode === 'e2e' ? ['http://127.0.0.1/*'] : [],
    // Automatic detection (off by default) asks for this at run time, when the user turns it on in the settings.
    ...(manifestVersion === 2 ? { optional_permissions: ['<all_urls>'] } : { optional_host_permissions: ['<all_urls>'] }),
    action: { default_title: 'Clip this page with Colophon' },
    // The toolbar button's shortcut; Firefox's Manifest V2 build names the same command differently.
    commands: {
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+C' },
        description: 'Open Colophon on this page',
      },
      'save-all': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Save every publication on this page without opening Colophon',
      },
    },
    browser_specific_settings: {
      // Colophon sends nothing anywhere: the library stays in the browser.
      gecko: { id: 'colophon@colophon.example', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      gecko_android: { strict_min_version: '142.0' },
    },
  }),
});
