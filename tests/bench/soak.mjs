#!/usr/bin/env node
// Soak test of the kiosk lifecycle: many play → pause → idle-reset cycles in Chromium, reporting
// the JS heap after garbage collection, DOM node count and event-listener count over time.
// Usage: npm run soak [-- --cycles 300] [-- --no-build]. Narration uses the scripted speech of the
// browser tests (deterministic, no audio device needed); time is driven by Playwright's clock so
// an idle period costs milliseconds. Results also go to tests/bench/results/soak.json.
// Targets (reported, not enforced): heap growth ≤ 2 MB after GC over all cycles; DOM nodes and
// listeners back to their baseline after every cycle.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { preview } from 'vite';
import { chromium } from '@playwright/test';

const args = process.argv.slice(2);
const cycles = Number(args[args.indexOf('--cycles') + 1]) || 300;
const IDLE_SECONDS = 30;
if (!args.includes('--no-build') || !existsSync('dist/index.html')) execSync('npx vite build', { stdio: 'inherit' });

const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'silent' });
const baseURL = `http://127.0.0.1:${server.httpServer.address().port}/`;
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--js-flags=--expose-gc'],
});

const context = await browser.newContext({ serviceWorkers: 'block' });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await page.addInitScript({ content: readFileSync('tests/e2e/support/fake-speech.js', 'utf8') });
await page.clock.install();
await page.goto(`${baseURL}?kiosk&idle=${IDLE_SECONDS}`);
await page.waitForFunction(() => document.querySelector('narrated-edition')?.hasAttribute('data-ready'));

/** Heap after a full GC, DOM nodes and JS event listeners of the page. */
async function measure(withHeap) {
  if (withHeap) {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
  }
  const counters = await cdp.send('Memory.getDOMCounters');
  const heap = withHeap ? (await cdp.send('Runtime.getHeapUsage')).usedSize : null;
  return { nodes: counters.nodes, listeners: counters.jsEventListeners, heap };
}

const attract = page.locator('kiosk-attract dialog');
const idleDialog = page.locator('kiosk-idle-dialog dialog');

/** One visitor: start, play a little, pause, walk away until the kiosk resets to the attract screen. */
async function cycle() {
  await attract.waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await attract.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('[aria-current="true"]'));
  await page.clock.runFor(400);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  // The kiosk says "Paused." (spoken help is on after the first key): let it finish in clock time,
  // then the visitor is gone. (A jump straight away would fire the speech watchdogs first.)
  await page.clock.runFor(2000);
  await page.clock.fastForward((IDLE_SECONDS + 1) * 1000);
  await idleDialog.waitFor({ state: 'visible' });
  await page.clock.runFor(31_000); // the "Are you still there?" countdown runs out
  await attract.waitFor({ state: 'visible' });
  await page.waitForFunction(() => localStorage.length === 0 && !document.querySelector('[aria-current]'), null, { timeout: 10_000 });
  // The scripted speech keeps a log of every utterance for tests: empty it, so only the app is measured.
  await page.evaluate(() => {
    window.__speech.spoken.length = 0;
    window.__speech.events.length = 0;
  });
}

const samples = [];
const started = Date.now();
try {
  await cycle(); // warm-up: lazy chunks, dialogs and caches load once
  const baseline = await measure(true);
  samples.push({ cycle: 1, ...baseline });
  for (let i = 2; i <= cycles; i++) {
    await cycle();
    // Every cycle after a full GC: detached nodes not yet collected would otherwise count.
    samples.push({ cycle: i, ...(await measure(true)) });
    if (i % 25 === 0 || i === cycles) process.stdout.write(`  cycle ${i}: heap ${(samples.at(-1).heap / 1048576).toFixed(2)} MB, nodes ${samples.at(-1).nodes}, listeners ${samples.at(-1).listeners}\n`);
  }
  const heaps = samples.filter((s) => s.heap !== null);
  const growthMB = (heaps.at(-1).heap - baseline.heap) / 1048576;
  const nodeDeviation = Math.max(...samples.map((s) => Math.abs(s.nodes - baseline.nodes)));
  const listenerDeviation = Math.max(...samples.map((s) => Math.abs(s.listeners - baseline.listeners)));
  const result = {
    date: new Date().toISOString(),
    cycles,
    seconds: Math.round((Date.now() - started) / 1000),
    baseline,
    final: samples.at(-1),
    heapGrowthMB: Math.round(growthMB * 100) / 100,
    maxNodeDeviation: nodeDeviation,
    maxListenerDeviation: listenerDeviation,
    heapSeriesMB: heaps.map((s) => ({ cycle: s.cycle, mb: Math.round((s.heap / 1048576) * 100) / 100 })),
  };
  console.log(`\nSoak: ${cycles} play → pause → idle-reset cycles in ${result.seconds} s`);
  console.log(`  heap after GC: ${(baseline.heap / 1048576).toFixed(2)} MB → ${(heaps.at(-1).heap / 1048576).toFixed(2)} MB (growth ${result.heapGrowthMB} MB; target ≤ 2 MB)`);
  console.log(`  DOM nodes: baseline ${baseline.nodes}, max deviation over all cycles ${nodeDeviation} (target 0)`);
  console.log(`  event listeners: baseline ${baseline.listeners}, max deviation over all cycles ${listenerDeviation} (target 0)`);
  mkdirSync('tests/bench/results', { recursive: true });
  writeFileSync('tests/bench/results/soak.json', JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  server.httpServer.close();
}
