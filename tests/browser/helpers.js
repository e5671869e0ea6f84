// Shared by the browser tests: the boardpaper binary, throw-away copies of
// the demo project, the preview server, and Debian's Chromium (never a
// downloaded browser). Every wait here is bounded in time.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');
const { before, after } = require('node:test');
const { chromium } = require('playwright-core');

const REPO = path.resolve(__dirname, '..', '..');
const TARGET = process.env.CARGO_TARGET_DIR || path.join(REPO, 'target');
const BIN = process.env.BOARDPAPER_BIN || path.join(TARGET, 'debug', 'boardpaper');
const ARTIFACTS = path.join(__dirname, 'artifacts');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** A temporary copy of the demo project (the repository's own sources). */
function copyDemo() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boardpaper-browser-'));
  for (const sub of ['boardpaper.yaml', 'trusts', 'papers', 'templates', 'fonts', 'own-papers', 'actions.yaml', 'actions', 'plan.yaml', 'minutes']) {
    const src = path.join(REPO, sub);
    if (fs.existsSync(src)) fs.cpSync(src, path.join(dir, sub), { recursive: true });
  }
  return dir;
}

/** `boardpaper build` of the demo into a temporary folder; returns its HTML files. */
function buildDemo() {
  return buildProject(copyDemo());
}

/**
 * `boardpaper build` of a copy of `tests/fixtures/<name>` (the HTML pack and
 * draft fixtures, whose pages the demo does not have); returns its HTML files.
 */
function buildFixture(name) {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), `boardpaper-${name}-`));
  fs.cpSync(path.join(REPO, 'tests', 'fixtures', name), project, { recursive: true });
  return buildProject(project);
}

/** Builds `project` into its `build/`; returns { project, out, html }. */
function buildProject(project) {
  const out = path.join(project, 'build');
  execFileSync(BIN, ['--project', project, 'build', '--out', out], { stdio: 'pipe', timeout: 120000 });
  const html = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) html.push(p);
    }
  };
  walk(out);
  return { project, out, html: html.sort() };
}

/** Starts `boardpaper preview --port 0` and resolves with its URL once it listens. */
function startPreview(project, args = []) {
  const child = spawn(BIN, ['--project', project, 'preview', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview did not start in 90 s:\n${stdout}\n${stderr}`)), 90000);
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = stdout.match(/preview at (http:\/\/127\.0\.0\.1:\d+\/\S*)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`preview exited ${code}:\n${stdout}\n${stderr}`)); });
  });
  return { child, url, output: () => ({ stdout, stderr }) };
}

/** Stops a preview with Ctrl-C (SIGINT); resolves with its exit code. */
function stopPreview(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => { child.kill('SIGKILL'); resolve('killed'); }, 10000);
    child.once('exit', (code) => { clearTimeout(timer); resolve(code); });
    child.kill('SIGINT');
  });
}

function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60000 });
}

function artifact(name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/**
 * Registers hooks that build the demo and launch Chromium before a test
 * file's tests, and close and delete both after; returns the object the
 * hooks fill in (`demo.built` as from buildDemo, `demo.browser`).
 */
function useBuiltDemo() {
  const demo = { built: null, browser: null };
  before(async () => {
    demo.built = buildDemo();
    demo.browser = await launch();
  });
  after(async () => {
    if (demo.browser) await demo.browser.close();
    if (demo.built) fs.rmSync(demo.built.project, { recursive: true, force: true });
  });
  return demo;
}

module.exports = {
  REPO, BIN, copyDemo, buildDemo, buildFixture, useBuiltDemo, startPreview, stopPreview, launch, artifact,
};
