// The web app as a browser gets it from the BFF, on the demo stack `npm start` runs (simulator at
// the `medium` scale): (a) the initial JavaScript, gzipped; (b) the time to the overview's first
// data; (c) a 100,000-row replica-point list: its row elements and its frame times while scrolling.
// Usage: npm run bench -- web   (the runner builds first)
/* global document, window, requestAnimationFrame -- the functions given to page.evaluate run in the page */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startDemo } from '../scripts/demo.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { ensureChromium } from '../scripts/tooling.mjs';

const LOADS = 5;
const ROWS = 100_000;
const SCROLL_STEPS = 300;
/** Waits for a page that renders 100,000 rows at once (before the list is virtualized). */
const SLOW_MS = 600_000;

ensureChromium();
const dir = mkdtempSync(join(tmpdir(), 'lifeboat-bench-web-'));
let demo;
let browser;
let cleaning;
/** Stops everything this bench started; once, whether it ends, fails or is interrupted. */
const cleanup = () =>
  (cleaning ??= (async () => {
    await browser?.close().catch(() => undefined);
    await demo?.close();
    rmSync(dir, { recursive: true, force: true });
  })());
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.once(signal, () => void cleanup().finally(() => process.exit(code)));
}

try {
  demo = await startDemo({ port: 0, dataDir: join(dir, 'demo'), simArgs: ['--scale', 'medium'] });
  const url = demo.url;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
  });

  const initialJs = await initialJavaScript(url);
  console.log(
    `initial JavaScript: ${initialJs.files.join(', ')}: ${kib(initialJs.bytes)} KiB gzipped ` +
      '(the scripts index.html loads and preloads, i.e. the entry and its static imports; ' +
      'Content-Length of the BFF’s gzip answers)',
  );

  const storageState = await signIn(url, demo.demoPassword);
  const firstData = [];
  // The first load warms the BFF's paths (not counted); each load is a new context: a cold browser cache.
  for (let i = 0; i <= LOADS; i++) {
    const ms = await overviewFirstData(url, storageState);
    if (i > 0) firstData.push(ms);
  }
  const overviewMs = median(firstData);
  console.log(
    `overview first data: median ${Math.round(overviewMs)} ms of ${LOADS} fresh loads ` +
      `(${firstData.map((ms) => Math.round(ms)).join(', ')}), navigation start to the first frame ` +
      'showing [data-testid="overview-data"]',
  );

  const list = await bigList(url, storageState);
  console.log(
    `100,000-row list: ${ROWS} synthetic replica points (served by the page's route, not the BFF; ` +
      `the page asked for limit=${list.requestedLimits.join(', limit=')}); ` +
      `${list.rows} row elements after ${Math.round(list.renderMs)} ms`,
  );
  console.log(
    `scrolling the window to the bottom in ${SCROLL_STEPS} steps of ${Math.round(list.stepPx)} px: ` +
      `work per frame (scroll event to painted) p95 ${round(list.p95)} ms, max ${round(list.max)} ms ` +
      `over ${list.frames} frames; frame interval p95 ${round(list.intervalP95)} ms (one vsync is 16.7 ms)`,
  );

  console.log(
    JSON.stringify({
      bench: 'web',
      initialJsGzipKiB: kib(initialJs.bytes),
      overviewFirstDataMs: Math.round(overviewMs),
      rowElements100k: list.rows,
      scrollFrameP95Ms: round(list.p95),
    }),
  );
} finally {
  await cleanup();
}

/** HEAD with exactly these headers (fetch would add its own Accept-Encoding). */
function head(url, headers) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'HEAD', headers }, (res) => {
      res.resume();
      resolve(res);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * The JavaScript a fresh load runs before any lazy chunk: the module scripts index.html names and
 * the modules it preloads (Vite lists there every static import of the entry, transitively).
 */
async function initialJavaScript(url) {
  const html = await (await fetch(url, { headers: { Accept: 'text/html' } })).text();
  const files = [
    ...html.matchAll(/<script[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
  ].map((m) => m[1]);
  if (files.length === 0) throw new Error('index.html names no module script: is the web app built?');
  let bytes = 0;
  for (const file of files) {
    const res = await head(new URL(file, url), { 'Accept-Encoding': 'gzip' });
    if (res.statusCode !== 200 || res.headers['content-encoding'] !== 'gzip') {
      throw new Error(`${file}: HTTP ${res.statusCode}, Content-Encoding ${res.headers['content-encoding']}`);
    }
    bytes += Number(res.headers['content-length']);
  }
  return { files, bytes };
}

/** Signs in as the viewer through the sign-in page; the session, for fresh contexts to reuse. */
async function signIn(url, password) {
  const context = await browser.newContext({ baseURL: url });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Username').fill('viewer');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-testid="overview-data"]').waitFor();
    // Measured on a warm BFF: every source has answered a poll with fresh data.
    await waitFor(async () => {
      const { items } = await page.evaluate(() => fetch('/api/v1/sources').then((r) => r.json()));
      return items.length > 0 && items.every((s) => s.status === 'ok' && !s.stale);
    }, 120_000);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/** A fresh load of `/`, signed in: ms from navigation start to the first frame with the overview's data. */
async function overviewFirstData(url, storageState) {
  const context = await browser.newContext({ baseURL: url, storageState });
  try {
    const page = await context.newPage();
    await page.goto('/', { waitUntil: 'commit' });
    // Checked in every animation frame: performance.now() counts from the navigation's start.
    const shown = await page.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="overview-data"]');
        return el?.checkVisibility() ? performance.now() : 0;
      },
      null,
      { polling: 'raf', timeout: 60_000 },
    );
    return await shown.jsonValue();
  } finally {
    await context.close();
  }
}

/** The synthetic list envelope: ROWS replica points, newest first, shaped as packages/shared says. */
function syntheticReplicaPoints() {
  const now = Date.now();
  const asOf = new Date(now).toISOString();
  const items = Array.from({ length: ROWS }, (_, i) => ({
    id: `synthetic-${i}`,
    ref: { source: 'em-demo', kind: 'vmReplicaPoint', nativeId: `synthetic-${i}` },
    vmName: `synthetic-vm-${String(i % 5_000).padStart(4, '0')}`,
    pointTime: new Date(now - i * 60_000).toISOString(),
    pointType: i % 7 === 0 ? 'Full' : 'Increment',
    nativeState: 'Ready',
    replicaName: `synthetic-replica-${i % 200}`,
    replicaId: `synthetic-replica-id-${i % 200}`,
    backupServer: `backup-${i % 4}.example.test`,
    tenant: i % 3 === 0 ? null : `tenant-${i % 50}`,
  }));
  return JSON.stringify({
    items,
    total: ROWS,
    nextCursor: null,
    asOf,
    sources: [{ id: 'em-demo', status: 'ok', asOf, stale: false }],
  });
}

/** Opens the replica points with ROWS rows on one page, counts the rows, and scrolls to the bottom. */
async function bigList(url, storageState) {
  const body = syntheticReplicaPoints();
  const context = await browser.newContext({ baseURL: url, storageState });
  try {
    const page = await context.newPage();
    const requestedLimits = [];
    // Every GET of the list (the first load and the list's polls) gets the same ROWS rows.
    await page.route(
      (u) => u.pathname === '/api/v1/replica-points',
      (route) => {
        if (route.request().method() !== 'GET') return route.fallback();
        requestedLimits.push(new URL(route.request().url()).searchParams.get('limit') ?? '(none)');
        return route.fulfill({ status: 200, contentType: 'application/json', body });
      },
    );
    const started = performance.now();
    await page.goto('/replica-points?limit=100000', { timeout: SLOW_MS });
    await page.waitForFunction(
      () => document.querySelector('table tbody tr')?.textContent?.includes('synthetic-vm-'),
      null,
      { timeout: SLOW_MS, polling: 500 },
    );
    const renderMs = performance.now() - started;
    const rows = await page.evaluate(() => document.querySelectorAll('table tbody tr').length);
    // Two figures per scrolled frame: its interval (rAF to rAF, never under one vsync, 16.7 ms at
    // 60 Hz) and its work: from the scroll event (a capturing listener, before the page's own) to
    // the end of the frame's rendering (a message posted in rAF runs once style, layout and paint
    // are done). The work is what "frames under 16 ms" asks of the page.
    const scroll = await page.evaluate(async (steps) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const afterPaint = () =>
        new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now());
          requestAnimationFrame(() => channel.port2.postMessage(null));
        });
      let scrolledAt = 0;
      window.addEventListener('scroll', () => (scrolledAt = performance.now()), {
        capture: true,
        passive: true,
      });
      const total = document.documentElement.scrollHeight - window.innerHeight;
      window.scrollTo(0, 0);
      await frame();
      const intervals = [];
      const work = [];
      let last = await afterPaint();
      for (let i = 1; i <= steps; i++) {
        scrolledAt = 0;
        window.scrollTo(0, Math.round((total * i) / steps));
        const done = await afterPaint();
        if (scrolledAt) work.push(done - scrolledAt);
        intervals.push(done - last);
        last = done;
      }
      return { intervals, work, stepPx: total / steps };
    }, SCROLL_STEPS);
    return {
      rows,
      renderMs,
      requestedLimits: [...new Set(requestedLimits)],
      stepPx: scroll.stepPx,
      frames: scroll.work.length,
      p95: percentile(scroll.work, 0.95),
      max: Math.max(...scroll.work),
      intervalP95: percentile(scroll.intervals, 0.95),
    };
  } finally {
    await context.close();
  }
}

/** Polls `check` until it holds (no fixed sleeps in what is measured; this only waits for polls). */
async function waitFor(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the demo sources did not all report fresh data in time');
    await new Promise((r) => setTimeout(r, 500));
  }
}

function percentile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function median(values) {
  return percentile(values, 0.5);
}

function kib(bytes) {
  return Math.round((bytes / 1024) * 10) / 10;
}

function round(n) {
  return Math.round(n * 10) / 10;
}
