// Preview latency, as a person waits for it (issue 22): `boardpaper preview
// --trust t01` on a generated project, a paper's page open in headless
// Chromium (Debian's, driven by tests/browser's playwright-core), then
// EDITS times: append a new sentence to that paper's source and time from
// the write until the open page shows the sentence (the page's own reload
// script notices the change and fetches the page again). A person pauses
// between edits (PAUSE_MS); the median is printed per binary.
//
//   node bench/preview_edit.js PROJECT BIN [BIN...]
//
// Each BIN runs in turn on the same project (a baseline binary beside the
// current one gives before/after figures from one run). Every wait is
// bounded; each preview is stopped with Ctrl-C.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { chromium } = require(path.join(__dirname, '..', 'tests', 'browser', 'node_modules', 'playwright-core'));

const EDITS = Number(process.env.EDITS || 9);
const PAUSE_MS = Number(process.env.PAUSE_MS || 2000);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

function startPreview(bin, project) {
  const child = spawn(bin, ['--project', project, 'preview', '--port', '0', '--trust', 't01'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr.on('data', () => {});
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview did not start in 300 s:\n${out}`)), 300000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/preview at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`preview exited ${code}:\n${out}`)); });
  });
  return { child, url, log: () => out };
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => { child.kill('SIGKILL'); resolve(); }, 10000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGINT');
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function measure(browser, bin, project) {
  const preview = startPreview(bin, project);
  try {
    const base = await preview.url;
    const page = await browser.newPage();
    // The first of t01's papers, as its index page lists it.
    await page.goto(`${base}/t01/index.html`);
    const href = await page.locator('main a[href$=".html"]').first().getAttribute('href');
    const paper = path.basename(href, '.html');
    const file = path.join(project, 'papers', `${paper}.md`);
    const original = fs.readFileSync(file, 'utf8');
    await page.goto(`${base}/t01/${paper}.html`);
    await new Promise((r) => setTimeout(r, PAUSE_MS));
    const took = [];
    try {
      for (let i = 0; i < EDITS; i++) {
        const marker = `Edited sentence ${Date.now()} number ${i}.`;
        const started = Date.now();
        fs.appendFileSync(file, `\n\n${marker}\n`);
        await page.getByText(marker).first().waitFor({ timeout: 60000 });
        took.push(Date.now() - started);
        await new Promise((r) => setTimeout(r, PAUSE_MS));
      }
    } finally {
      fs.writeFileSync(file, original);
    }
    await page.close();
    const renders = preview.log().split('\n').filter((l) => / changed: rendered /.test(l));
    return { paper, took, last: renders[renders.length - 1] || '' };
  } finally {
    await stop(preview.child);
  }
}

async function main() {
  const [project, ...bins] = process.argv.slice(2);
  if (!project || bins.length === 0) {
    console.error('usage: node bench/preview_edit.js PROJECT BIN [BIN...]');
    process.exit(2);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    timeout: 60000,
  });
  try {
    for (const bin of bins) {
      const { paper, took, last } = await measure(browser, bin, project);
      console.log(`${bin.padEnd(44).slice(-44)} edit -> visible median ${median(took)} ms (t01/${paper}, ${took.length} edits: ${took.join(' ')})`);
      if (last) console.log(`   its log: ${last.trim()}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
