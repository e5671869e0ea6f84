// The built HTML as people see it: at phone width (390 px) no page scrolls
// sideways (wide tables scroll in their own box), and screenshots at phone
// and desktop width plus the printed PDF are kept in artifacts/ to look at.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { useBuiltDemo, artifact } = require('./helpers');

const demo = useBuiltDemo();

test('no built page scrolls sideways on a 390 px phone', async () => {
  const page = await demo.browser.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = [];
  for (const file of demo.built.html) {
    await page.goto(pathToFileURL(file).href);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) wide.push(`${path.relative(demo.built.out, file)}: ${width} px`);
  }
  await page.close();
  assert.deepEqual(wide, []);
});

test('screenshots at phone and desktop width, and the print PDF', async () => {
  const page = await demo.browser.newPage();
  for (const rel of ['lpt/ema-update.html', 'nhft/group-highlight.html', 'lpt/index.html']) {
    const name = rel.replace(/[/.]/g, '-');
    await page.goto(pathToFileURL(path.join(demo.built.out, rel)).href);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: artifact(`${name}-390.png`), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: artifact(`${name}-1280.png`), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: artifact(`${name}-print.pdf`), format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    assert.ok(fs.statSync(artifact(`${name}-print.pdf`)).size > 1000);
  }
  await page.close();
});

test('the printed HTML carries page numbers and the running header on every page', async () => {
  const page = await demo.browser.newPage();
  await page.goto(pathToFileURL(path.join(demo.built.out, 'lpt/ema-update.html')).href);
  await page.emulateMedia({ media: 'print' });
  const file = artifact('lpt-ema-update-margins.pdf');
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  await page.close();
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const pages = text.split('\f').filter((p) => p.trim() !== '');
  assert.ok(pages.length >= 5, `${pages.length} printed pages`);
  pages.forEach((p, i) => {
    assert.match(p, new RegExp(`Page ${i + 1} of ${pages.length}`), `page ${i + 1} has no number`);
    assert.match(p, /East Midlands Alliance Common Board Paper/, `page ${i + 1} has no running header`);
    assert.match(p, /LPT/, `page ${i + 1} names no trust`);
  });
});
