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
const os = require('node:os');
const { useBuiltDemo, artifact, BIN, REPO } = require('./helpers');

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

/** Prints `file` as Chromium does with the page's own @page sizes; returns
 * the PDF's path, each page's text and each page's size `[w, h]` read back
 * with pdfinfo. */
async function printed(file, name) {
  const page = await demo.browser.newPage();
  await page.goto(pathToFileURL(file).href);
  await page.emulateMedia({ media: 'print' });
  const pdf = artifact(`${name}-print-css.pdf`);
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  await page.close();
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const pages = text.split('\f').slice(0, -1);
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
  const sizes = [...info.matchAll(/^Page +\d+ size: +([\d.]+) x ([\d.]+)/gm)].map((m) => [+m[1], +m[2]]);
  return { pdf, pages, sizes };
}

const lines = (p) => p.split('\n').filter((l) => l.trim() !== '').length;

test('printed, the front sheet fills its page and the governance table prints whole on the next', async () => {
  for (const rel of ['lpt/ema-update.html', 'nhft/ema-update.html', 'lpt/group-highlight.html', 'nhft/group-highlight.html']) {
    const file = path.join(demo.built.out, rel);
    // The governance table's caption and its last row's label, from the page.
    const page = await demo.browser.newPage();
    await page.goto(pathToFileURL(file).href);
    const [caption, last] = await page.evaluate(() => {
      const t = document.querySelector('table.governance');
      const rows = t.querySelectorAll(':scope > tbody > tr > th');
      return [t.querySelector('caption').textContent, rows[rows.length - 1].textContent];
    });
    await page.close();
    const { pages } = await printed(file, rel.replace(/[/.]/g, '-'));
    const squash = (s) => s.replace(/\s+/g, ' ');
    const at = (s) => pages.findIndex((p) => squash(p).includes(squash(s)));
    // The front sheet (meeting line to decisions) on page 1; the governance
    // table, caption to last row, all on page 2.
    assert.equal(at(caption), 1, `${rel}: "${caption}" on page ${at(caption) + 1}`);
    assert.equal(at(last), 1, `${rel}: "${last}" on page ${at(last) + 1}`);
    assert.ok(lines(pages[0]) >= 25, `${rel}: page 1 holds ${lines(pages[0])} lines`);
    assert.ok(lines(pages[1]) >= 25, `${rel}: page 2 holds ${lines(pages[1])} lines`);
  }
});

test('printed, a wide table gets a landscape page of its own with its lead-in', async () => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'boardpaper-strategy-'));
  fs.cpSync(path.join(REPO, 'tests', 'fixtures', 'strategy'), project, { recursive: true });
  const out = path.join(project, 'build');
  execFileSync(BIN, ['--project', project, 'build', '--format', 'html', '--out', out], { stdio: 'pipe', timeout: 120000 });
  try {
    const { pages, sizes } = await printed(path.join(out, 'alpha', 'strategy.html'), 'alpha-strategy');
    assert.equal(sizes.length, pages.length);
    const turned = sizes.map(([w, h], i) => (w > h ? i : -1)).filter((i) => i >= 0);
    assert.equal(turned.length, 1, `landscape pages: ${turned.map((i) => i + 1)}`);
    const n = turned[0];
    assert.ok(Math.abs(sizes[n][0] - 841.9) < 1 && Math.abs(sizes[n][1] - 595.3) < 1, `${sizes[n]}`);
    assert.match(pages[n], /Monthly spend on community services in 2023\/24/);
    assert.match(pages[n], /Monthly spend by service line/);
    assert.match(pages[n], /Psychological therapies/);
    assert.match(pages[n], new RegExp(`Page ${n + 1} of ${pages.length}`));
    assert.doesNotMatch(pages[n - 1], /Monthly spend/);
    // Each row on one line: a label, twelve months and a total.
    const row = pages[n].split('\n').find((l) => l.includes('Adult community mental health'));
    assert.equal(row.trim().split(/\s{2,}/).length, 14, row);
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
});
