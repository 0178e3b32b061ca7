// Shared fixtures for the browser tests (`node --test tests/browser/`).
//
// Each test file calls `useServerAndBrowser()` once at top level: it registers `before`/`after` hooks
// that start a throwaway coopole server (fresh SQLite database loaded with the demo hub, free loopback
// port) and a headless Chromium with a fresh profile, and tear both down afterwards. Everything is
// bounded by timeouts, and the browser may only reach 127.0.0.1: any other request is aborted.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const execFileAsync = promisify(execFile);

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const coopoleBin = process.env.COOPOLE_BIN || path.join(repoRoot, 'build', 'src', 'app', 'coopole');
const referenceDir = process.env.COOPOLE_REFERENCE_DIR || path.join(repoRoot, 'build', 'reference');
const axePath = path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js');

export const HUB = 'demo';
export const PASSWORD = 'demo-coopole';
export const COORDINATOR = 'coordination@demo.coopole.fr';
export const MEMBER_STAFF = 'ressourcerie@demo.coopole.fr';
export const OBSERVER = 'financeur@demo.coopole.fr';

const STEP_TIMEOUT_MS = 10_000;

/** A free TCP port on the loopback interface (listen on 0, read the port, close). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function runCli(args, dbUrl) {
  const env = { ...process.env, COOPOLE_REFERENCE_DIR: referenceDir };
  await execFileAsync(coopoleBin, [...args, '--db', dbUrl], { cwd: repoRoot, env, timeout: 30_000 });
}

/**
 * Starts a coopole server on a fresh database with the demo hub.
 * Returns { baseURL, stop() }; stop() sends SIGTERM, waits for the exit and removes the directory.
 */
export async function startServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coopole-browser-'));
  let child = null;
  try {
    const dbUrl = `sqlite:${path.join(dir, 'b.db')}`;
    await runCli(['migrate'], dbUrl);
    await runCli(['demo'], dbUrl);
    const port = await freePort();
    const baseURL = `http://127.0.0.1:${port}`;
    const logPath = path.join(dir, 'server.log');
    const log = fs.openSync(logPath, 'a');
    child = spawn(coopoleBin, ['serve', '--listen', `127.0.0.1:${port}`, '--db', dbUrl], {
      cwd: repoRoot,
      env: { ...process.env, COOPOLE_REFERENCE_DIR: referenceDir },
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    const server = child;
    // If the test process dies without running `after`, do not leave the server behind.
    const killOnExit = () => server.kill('SIGKILL');
    process.once('exit', killOnExit);
    let exitedEarly = null;
    const exited = new Promise((resolve) => server.once('exit', (code, signal) => {
      process.off('exit', killOnExit);
      exitedEarly = { code, signal };
      resolve(exitedEarly);
    }));

    const deadline = Date.now() + 15_000;
    for (;;) {
      if (exitedEarly) {
        throw new Error(`coopole serve exited early (${JSON.stringify(exitedEarly)}):\n${fs.readFileSync(logPath, 'utf8')}`);
      }
      try {
        const res = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(1000) });
        if (res.ok) break;
      } catch { /* not listening yet */ }
      if (Date.now() > deadline) {
        throw new Error(`coopole serve did not answer /healthz within 15 s:\n${fs.readFileSync(logPath, 'utf8')}`);
      }
      await sleep(50);
    }

    const stop = async () => {
      if (!exitedEarly) {
        server.kill('SIGTERM');
        const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    };
    return { baseURL, stop, logPath };
  } catch (error) {
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    }
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Launches headless Chromium with a fresh profile. Returns { context, page, close() }.
 * Requests to anything but 127.0.0.1 are aborted.
 */
export async function launchBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'coopole-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    locale: 'fr-FR',
    timeout: 30_000,
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  await context.route((url) => url.hostname !== '127.0.0.1' && url.protocol !== 'data:' && url.protocol !== 'blob:',
    (route) => route.abort());
  const page = context.pages()[0] || (await context.newPage());
  async function close() {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return { context, page, close };
}

/**
 * Registers before/after hooks for one test file: a server and a browser shared by its tests.
 * The returned object is filled in by `before`: { baseURL, context, page, url(path) }.
 */
export function useServerAndBrowser() {
  const env = { baseURL: '', context: null, page: null, url: (p) => env.baseURL + p };
  let server = null;
  let browser = null;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    env.baseURL = server.baseURL;
    env.context = browser.context;
    env.page = browser.page;
  }, { timeout: 60_000 });
  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  }, { timeout: 30_000 });
  return env;
}

/** Signs in through the login form (signing out first if needed) and waits for the page after it. */
export async function signIn(page, baseURL, email, password = PASSWORD) {
  await page.goto(`${baseURL}/login`);
  if (!new URL(page.url()).pathname.startsWith('/login')) {
    await signOut(page);
    await page.goto(`${baseURL}/login`);
  }
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/login')),
    page.click('form[action="/login"] button[type=submit]'),
  ]);
}

/** Signs out with the header button. */
export async function signOut(page) {
  await Promise.all([
    page.waitForURL((u) => u.pathname.startsWith('/login')),
    page.click('form[action="/logout"] button[type=submit]'),
  ]);
}

/** The CSRF token of the current page. */
export async function csrfOf(page) {
  return page.locator('input[name=csrf]').first().inputValue();
}

/** Fills the member form (new or edit) with the given values; keys are the form's field names. */
export async function fillMemberForm(page, values) {
  for (const [name, value] of Object.entries(values)) {
    const field = page.locator(`form.member-form [name="${name}"]`);
    const tag = await field.evaluate((el) => el.tagName.toLowerCase() + (el.type ? ':' + el.type : ''));
    if (tag.startsWith('select')) await field.selectOption(value);
    else if (tag === 'input:checkbox') await field.setChecked(Boolean(value));
    else await field.fill(value);
  }
}

/** Submits the member form and waits for the resulting page to load. */
export async function submitMemberForm(page) {
  await Promise.all([
    page.waitForNavigation(),
    page.click('form.member-form button[type=submit]'),
  ]);
}

/**
 * Runs axe-core on the current page and returns the violations of impact serious or critical.
 */
export async function runAxe(page) {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable list of axe violations: id, impact, help, and the target nodes with what to fix. */
export function formatViolations(violations) {
  return violations
    .map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes
      .map((n) => `      ${n.target}\n        ${(n.summary || '').replace(/\n/g, '\n        ')}`)
      .join('\n')}`)
    .join('\n');
}

/** Asserts the current page has no serious or critical axe violation, describing them otherwise. */
export async function assertAccessible(page, label) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0,
    `${label} (${page.url()}): axe found serious/critical violations:\n${formatViolations(violations)}`);
}

/**
 * Collects the axe results of several pages so that one run reports every failing page:
 * `await audit.check(page, label)` for each page, then `audit.assertClean()`.
 */
export function axeAudit() {
  const failures = [];
  let pages = 0;
  return {
    async check(page, label) {
      pages += 1;
      const violations = await runAxe(page);
      if (violations.length) failures.push(`${label} (${page.url()}):\n${formatViolations(violations)}`);
    },
    assertClean() {
      assert.ok(pages > 0, 'no page was checked');
      assert.equal(failures.length, 0,
        `axe found serious/critical violations on ${failures.length} of ${pages} pages:\n${failures.join('\n')}`);
    },
  };
}
