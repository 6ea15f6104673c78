// Renders media/icon.svg to media/icon.png (128×128, the Marketplace and Open VSX icon) with the headless
// Chromium the UI tier uses: `node scripts/make-icon.mjs`. Run it after changing the SVG; commit both files.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync('media/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  const png = await page.locator('svg').screenshot({ omitBackground: true });
  writeFileSync('media/icon.png', png);
  console.log(`[icon] media/icon.png (${png.length} bytes)`);
} finally {
  await browser.close();
}
