#!/usr/bin/env node
// `npm start`: builds the extension, serves the demo announcement on 127.0.0.1, and opens Chromium with
// Colophon loaded on it. Without a display it says so and explains how to load the build by hand.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveStatic } from './serve-static.mjs';

const root = resolve(import.meta.dirname, '..');
const extensionDir = join(root, '.output/chrome-mv3');

const build = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const manual = `Load it by hand: open chrome://extensions, turn on Developer mode, "Load unpacked" and pick
  ${extensionDir}
(Firefox: \`npm run build:firefox\`, then about:debugging → This Firefox → Load Temporary Add-on → .output/firefox-mv2/manifest.json)`;

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(`\nColophon is built, but this machine has no display (DISPLAY and WAYLAND_DISPLAY are unset), so no browser can open.\n${manual}`);
  process.exit(1);
}

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
].filter(Boolean);
const browserPath = candidates.find((p) => existsSync(p));
if (!browserPath) {
  console.error(`\nColophon is built, but no Chromium was found (set CHROMIUM_PATH to its executable).
Google Chrome no longer accepts --load-extension. ${manual}`);
  process.exit(1);
}

const server = await serveStatic(join(root, 'demo'), Number(process.env.PORT ?? 0));
const demoUrl = `${server.url}/announcement.html`;
console.log(`\nDemo page: ${demoUrl}\nOpening ${browserPath} with Colophon loaded; click the Colophon toolbar button (puzzle icon → pin it) to clip.\nClose the browser window to stop.`);
const args = [
  `--user-data-dir=${mkdtempSync(join(tmpdir(), 'colophon-'))}`,
  `--disable-extensions-except=${extensionDir}`,
  `--load-extension=${extensionDir}`,
  '--no-first-run',
  // Chromium refuses to start as root with its sandbox on (containers, CI boxes).
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  demoUrl,
];
const startedAt = Date.now();
const browser = spawn(browserPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
let stderr = '';
browser.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
const stop = async (code) => {
  await server.close();
  process.exit(code ?? 0);
};
browser.on('exit', (code) => {
  // A browser that quits within seconds did not start: say why instead of ending silently.
  if (code && Date.now() - startedAt < 10_000) console.error(`\nChromium stopped at once (exit ${code}):\n${stderr.trim().split('\n').slice(-8).join('\n')}\n${manual}`);
  void stop(code);
});
browser.on('error', (error) => {
  console.error(`Could not start ${browserPath}: ${error.message}`);
  void stop(1);
});
process.on('SIGINT', () => browser.kill());
