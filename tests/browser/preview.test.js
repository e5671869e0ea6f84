// `boardpaper preview` in a real browser: the LPT copy, live reload without a
// manual reload, the error overlay with file:line:col and its clearing, the
// trust switcher, and a clean stop on Ctrl-C.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { copyDemo, startPreview, stopPreview, launch } = require('./helpers');

let project, preview, url, browser, page;
const paperFile = () => path.join(project, 'papers', 'ema-update', 'paper.md');

before(async () => {
  project = copyDemo();
  preview = startPreview(project, ['--trust', 'lpt', '--paper', 'ema-update']);
  url = await preview.url;
  browser = await launch();
  page = await browser.newPage();
  page.setDefaultTimeout(15000);
});

after(async () => {
  if (browser) await browser.close();
  if (preview) await stopPreview(preview.child);
  if (project) fs.rmSync(project, { recursive: true, force: true });
});

test('serves on 127.0.0.1 and opens on LPT\'s copy of the paper', async () => {
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/lpt\/ema-update\.html$/);
  const res = await page.goto(url);
  assert.equal(res.status(), 200);
  await assert.doesNotReject(page.locator('.trust-name', { hasText: 'Leicestershire Partnership' }).waitFor());
  assert.equal(await page.locator('nav[aria-label="Preview"] a[aria-current="page"]').first().textContent(), 'LPT');
});

test('an edit shows in the open page within two seconds, without a manual reload', async () => {
  await page.goto(url);
  await page.evaluate(() => { window.__notReloaded = true; });
  const marker = `Introduction, edited ${Date.now()}`;
  const src = fs.readFileSync(paperFile(), 'utf8');
  fs.writeFileSync(paperFile(), src.replace('# Introduction', `# ${marker}`));
  const started = Date.now();
  await page.locator('h2', { hasText: marker }).waitFor({ timeout: 10000 });
  const took = Date.now() - started;
  assert.ok(took <= 2000, `the change showed after ${took} ms:\n${preview.output().stdout}`);
  assert.equal(await page.evaluate(() => window.__notReloaded), undefined, 'the page reloaded itself');
});

test('a broken source shows the overlay with file:line:col, and fixing it clears it', async () => {
  await page.goto(url);
  const good = fs.readFileSync(paperFile(), 'utf8');
  const lines = good.split('\n');
  const at = lines.findIndex((l) => l.startsWith('# Introduction'));
  lines.splice(at + 2, 0, 'Broken: {{ trust.shrt }}');
  fs.writeFileSync(paperFile(), lines.join('\n'));
  const overlay = page.locator('#bp-overlay');
  await overlay.waitFor({ timeout: 5000 });
  const text = await overlay.textContent();
  assert.match(text, /papers\/ema-update\/paper\.md:\d+:\d+/);
  assert.match(text, /BP014/);
  // The last good render is still there under it.
  assert.ok(await page.locator('h1').count() > 0);
  fs.writeFileSync(paperFile(), good);
  await overlay.waitFor({ state: 'detached', timeout: 5000 });
});

test('the trust switcher goes from LPT\'s copy to NHFT\'s', async () => {
  await page.goto(url);
  await page.locator('nav[aria-label="Preview"] a', { hasText: /^NHFT$/ }).click();
  await page.waitForURL(/\/nhft\/ema-update\.html$/);
  await page.locator('.trust-name', { hasText: 'Northamptonshire' }).waitFor();
  const pdf = await page.request.get(url.replace('/lpt/ema-update.html', '/nhft/ema-update.pdf'));
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
});

test('Ctrl-C stops the preview cleanly', async () => {
  const code = await stopPreview(preview.child);
  assert.equal(code, 0, preview.output().stderr);
  assert.match(preview.output().stdout, /preview stopped/);
});
