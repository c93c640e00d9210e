// Screenshots pages of a running server in headless Chromium (PNGs in test-output/screenshots/),
// to look at the debug pages: issue 4 wants them pleasant to read.
// Usage: node scripts/screenshot-debug-pages.mjs http://127.0.0.1:8000 /missing/ /boom/ [--dark]
import { mkdirSync, mkdtempSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import os from 'node:os';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = path.join(root, 'test-output', 'screenshots');
mkdirSync(out, { recursive: true });
const [base, ...pages] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const dark = process.argv.includes('--dark');

// A fresh profile directory per run (playwright's userDataDir is Chromium's --user-data-dir).
const browser = await chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'managets-chromium-')), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  viewport: { width: 1280, height: 900 },
  colorScheme: dark ? 'dark' : 'light',
});
try {
  const page = await browser.newPage();
  for (const target of pages) {
    await page.goto(base + target);
    const file = path.join(out, `${target.replace(/\W+/g, '_') || 'root'}${dark ? '-dark' : ''}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
} finally {
  await browser.close();
}
