// Every HTML file `boardpaper build` writes for the demo, audited in a real
// browser with axe-core (WCAG 2.0/2.1/2.2 A and AA) and validated with the
// Nu HTML checker (vnu.jar on the machine's java). Zero violations, zero errors.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { execFileSync } = require('node:child_process');
const { useBuiltDemo, buildFixture, BIN } = require('./helpers');

const AXE = require.resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const demo = useBuiltDemo();

test('the demo build writes 14 paper variants, 6 trust indexes and the cycle index', () => {
  const rel = demo.built.html.map((f) => path.relative(demo.built.out, f));
  assert.equal(rel.filter((f) => f === 'index.html').length, 1);
  assert.equal(rel.filter((f) => f.endsWith('/index.html')).length, 6);
  assert.equal(rel.filter((f) => !f.endsWith('index.html')).length, 14);
});

test('the audits are live: each flags a known-bad page', async () => {
  const bad = '<!doctype html><html><head><title>x</title></head><body><img src="a.png"><p><div>x</div></p></body></html>';
  const page = await demo.browser.newPage();
  await page.setContent(bad);
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
  await page.close();
  assert.ok(result.violations.length > 0);
  const file = path.join(demo.built.project, 'bad.html');
  fs.writeFileSync(file, bad);
  assert.ok(vnu([file]).length > 0);
});

/** axe-core's violations in each of `files`, as `file: rule (impact) help: where`.
 * The pages forbid every script (their Content-Security-Policy): the audit
 * bypasses it to inject axe, as a browser extension would. */
async function axe(files, base) {
  const page = await demo.browser.newPage({ bypassCSP: true });
  const problems = [];
  for (const file of files) {
    await page.goto(pathToFileURL(file).href);
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
    for (const v of result.violations) {
      const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ');
      problems.push(`${path.relative(base, file)}: ${v.id} (${v.impact}) ${v.help}: ${where}`);
    }
  }
  await page.close();
  return problems;
}

test('no built page runs a script: the policy stops one added to it', async () => {
  const page = await demo.browser.newPage();
  const blocked = [];
  page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) blocked.push(m.text()); });
  for (const file of demo.built.html) {
    await page.goto(pathToFileURL(file).href);
    await page.addScriptTag({ content: 'window.__ran = true;' }).catch(() => {});
    assert.equal(await page.evaluate(() => window.__ran), undefined, `${file} ran a script`);
  }
  await page.close();
  assert.ok(blocked.length >= demo.built.html.length, `the policy reported ${blocked.length} blocked scripts`);
});

test('axe-core finds no WCAG 2.2 AA violation in any built page', async () => {
  const problems = await axe(demo.built.html, demo.built.out);
  console.log(`axe: ${demo.built.html.length} files, ${problems.length} violations`);
  assert.deepEqual(problems, []);
});

test('the Nu HTML checker finds no error in any built page', () => {
  const problems = vnu(demo.built.html);
  console.log(`vnu: ${demo.built.html.length} files, ${problems.length} errors`);
  assert.deepEqual(problems, []);
});

test('axe-core and the Nu HTML checker find nothing in the pack and draft fixtures\' pages', async () => {
  // The pack page with business, file and Part II items, with and without
  // --public; a draft paper's banner; the standing business's generated papers.
  for (const name of ['pack', 'drafts', 'business']) {
    const built = buildFixture(name);
    try {
      const files = built.html.slice();
      if (name === 'pack') {
        const pub = path.join(built.project, 'public');
        execFileSync(BIN, ['--project', built.project, 'build', '--public', '--out', pub], { stdio: 'pipe' });
        files.push(path.join(pub, 'north', 'index.html'));
      }
      const problems = (await axe(files, built.project)).concat(vnu(files));
      console.log(`${name}: ${files.length} files, ${problems.length} problems`);
      assert.deepEqual(problems, []);
    } finally {
      fs.rmSync(built.project, { recursive: true, force: true });
    }
  }
});

/** The Nu HTML checker's errors for `files`, as `file:line: message`. */
function vnu(files) {
  const jar = require('vnu-jar');
  let out;
  try {
    out = execFileSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000,
    });
  } catch (e) {
    out = e.stderr || e.stdout; // vnu exits 1 when it reports errors; its JSON is on stderr
  }
  const text = out && out.trim() ? out : '{"messages":[]}';
  return JSON.parse(text).messages
    .filter((m) => m.type === 'error' || m.subType === 'fatal')
    .map((m) => `${path.relative(demo.built.out, new URL(m.url).pathname)}:${m.lastLine}: ${m.message}`);
}
