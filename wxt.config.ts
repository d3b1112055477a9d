import { build } from 'esbuild';
import { defineConfig } from 'wxt';
import { PROBE_FILES } from './lib/background/probe';

// Firefox ships as MV2: its sidebar_action, scripting API and event page work there as in MV3, and
// host permissions are granted at install, which re-painting highlights on revisit needs without a
// prompt. Chrome ships as MV3 with the side panel.
/** The Firefox add-on id; tests use it to know the moz-extension URL. */
export const GECKO_ID = 'marginalia@marginalia.example';
const ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png' };

/**
 * Builds a selection probe (lib/page/probe.ts) as one minified script of its own, without WXT's
 * script wrapper (600 bytes of its own): the background registers it on every page, so every byte
 * is paid on every page load (goal ≤1 KB, `npm run bench`).
 */
async function buildProbe(articlesOnly: boolean): Promise<string> {
  const out = await build({
    stdin: {
      contents: `import { probe } from './lib/page/probe'; probe(document, ${articlesOnly});`,
      resolveDir: import.meta.dirname,
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    write: false,
  });
  return out.outputFiles[0]?.text ?? '';
}

export default defineConfig({
  srcDir: '.',
  outDir: '.output',
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // downloads + alarms + storage: automatic backups (lib/background/auto-backup.ts); Chrome's service worker
    // needs an offscreen document to make the backup file's Blob URL.
    permissions: [
      'scripting',
      'contextMenus',
      'unlimitedStorage',
      'downloads',
      'alarms',
      'storage',
      ...(browser === 'firefox' ? [] : ['sidePanel', 'offscreen']),
    ],
    host_permissions: ['<all_urls>'],
    action: { default_title: '__MSG_action_open__', default_icon: ICONS },
    options_ui: { page: 'library.html', open_in_tab: true },
    // No remote code, no eval, no plugins, no <base> tricks in the extension's own pages.
    content_security_policy:
      browser === 'firefox'
        ? "script-src 'self'; object-src 'none'; base-uri 'none'"
        : { extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'" },
    commands: {
      'highlight-selection': { suggested_key: { default: 'Alt+Shift+H' }, description: '__MSG_command_highlight__' },
      [browser === 'firefox' ? '_execute_sidebar_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+M' },
      },
    },
    ...(browser === 'firefox'
      ? {
          sidebar_action: { default_icon: ICONS },
          // A fixed id keeps the add-on's storage and moz-extension URL stable across installs.
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              // Nothing is collected or sent anywhere.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  hooks: {
    'build:publicAssets': async (_wxt, files) => {
      for (const [mode, file] of Object.entries(PROBE_FILES)) {
        if (file) files.push({ relativeDest: file, contents: await buildProbe(mode === 'articles') });
      }
    },
  },
  zip: { artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip' },
  // PouchDB (sync) imports Node's 'events': the npm package of the same name is that module for browsers.
  vite: () => ({ resolve: { alias: { events: 'events/events.js' } } }),
});
