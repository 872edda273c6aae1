#!/usr/bin/env node
// Benchmarks the built edition in real Chromium and prints the figures the issues name:
// - before load: HTML+CSS+JS (gzipped) requested before the load event, and the fonts of the first render;
// - the whole first visit, served by a gzip host (tests/bench/gzip-server.mjs, under /edition/), the
//   service worker allowed, 12 s without interaction: every byte the host wrote (page, application,
//   service-worker install; the narration loads only when the reader reaches for it), counted on the server side;
// - First Contentful Paint and Largest Contentful Paint at 1x and 4x CPU throttling (median of runs);
// - Lighthouse (mobile, its default simulated throttling) on the gzip host: performance, TBT, LCP,
//   accessibility and best practices (reported as unavailable, with the reason, if it cannot run);
// - with real speech (speech-dispatcher + espeak-ng), Play click → first utterance `start` and
//   utterance `start` → highlight painted; the recording's Play → audio and highlight lag, and the
//   word highlight's lag (the committed manifest's word times); the kiosk's spoken-help latencies.
// Usage: npm run bench [-- --runs 7] [-- --no-build] [-- --first-visit-only] [-- --recorded-only] [-- --lighthouse-runs 3].
// `--recorded-only` measures only the recorded narration (Play → audio, sentence and word highlight lag) and prints it.
// `--first-visit-only` measures only the load, first-visit, paint and Lighthouse figures (about a
// minute) and writes tests/bench/results/first-visit.json; a full run writes tests/bench/results/latest.json.
// The build goes to EDITION_OUT_DIR (default dist). Targets are reported, not enforced: timings on a shared machine vary.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { preview } from 'vite';
import { chromium } from '@playwright/test';
import { startSpeechStack } from '../e2e/support/speech-stack.mjs';
import { startGzipHost } from './gzip-server.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) || fallback : fallback);
const runs = option('--runs', 7);
// Five by default: the simulated blocking time multiplies the machine's own noise by four.
const lighthouseRuns = option('--lighthouse-runs', 5);
const firstVisitOnly = args.includes('--first-visit-only') || args.includes('--load-only');
const recordedOnly = args.includes('--recorded-only');
const outDir = process.env.EDITION_OUT_DIR ?? 'dist';
if (!args.includes('--no-build') || !existsSync(`${outDir}/index.html`)) {
  execSync('npx vite build', { stdio: 'inherit', env: { ...process.env, EDITION_OUT_DIR: outDir } });
}

const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

const speechStack = firstVisitOnly || recordedOnly ? null : startSpeechStack();
const host = await startGzipHost({ root: outDir });
// Load figures come from the gzip host (a sub-path, as deployed); the speech and recording figures from vite preview.
const server = firstVisitOnly ? null : await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'silent' });
const baseURL = server ? `http://127.0.0.1:${server.httpServer.address().port}/` : host.url;
const browser = await chromium.launch({ executablePath, args: launchArgs });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;

/** Bytes requested during a cold first load, split into text (gzipped) and fonts (no service worker: the page's own requests). */
async function measureTransfer() {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const responses = [];
  page.on('response', (response) => responses.push(response));
  await page.goto(host.url, { waitUntil: 'networkidle' });
  await page.evaluate(() => document.fonts.ready);
  // Requests the page made after its load event are the deferred application (and, in a kiosk, the
  // narration's warm-up): reported apart from the first load. Told by the browser's own
  // clock (Resource Timing against the navigation's loadEventStart), not by when the load event
  // reaches this script, which lags it.
  const timing = await page.evaluate(() => ({
    loadEventStart: performance.getEntriesByType('navigation')[0].loadEventStart,
    starts: Object.fromEntries(performance.getEntriesByType('resource').map((e) => [e.name, e.startTime])),
  }));
  const rows = [];
  for (const response of responses) {
    const type = response.request().resourceType();
    const body = await response.body().catch(() => Buffer.alloc(0));
    const url = new URL(response.url()).pathname;
    const start = timing.starts[response.url()];
    const deferred = type !== 'document' && start !== undefined && start >= timing.loadEventStart;
    rows.push({ url, type, raw: body.length, gzip: gzipSync(body, { level: 6 }).length, deferred });
  }
  await context.close();
  const first = rows.filter((r) => !r.deferred);
  const text = first.filter((r) => ['document', 'stylesheet', 'script'].includes(r.type));
  const fonts = first.filter((r) => r.type === 'font');
  const deferred = rows.filter((r) => r.deferred);
  return {
    textGzipBytes: text.reduce((sum, r) => sum + r.gzip, 0),
    fontBytes: fonts.reduce((sum, r) => sum + r.raw, 0),
    deferredGzipBytes: deferred.reduce((sum, r) => sum + r.gzip, 0),
    requests: rows,
  };
}

/**
 * The whole first visit as a host sees it: a fresh browser profile opens the page on the gzip host,
 * the service worker allowed, and nobody touches it for 12 s. Counts every byte the host wrote
 * (headers and gzipped bodies), requests from the page and from the service worker alike.
 */
async function measureFirstVisit(seconds = 12) {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const page = await context.newPage();
  let loadAt = 0;
  page.on('load', () => (loadAt = Date.now()));
  host.reset();
  const start = Date.now();
  await page.goto(host.url, { waitUntil: 'load' });
  await page.waitForTimeout(seconds * 1000 - (Date.now() - start));
  const bytes = host.bytes();
  const requests = host.requests().map((r) => ({ ...r, path: r.path.replace(/^\/edition\//, '') }));
  const worker = await page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none');
  const cached = await page.evaluate(async () => {
    const paths = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname.replace(/^\/edition\//, ''));
    return paths.sort();
  });
  await context.close();
  return { bytes, requests, worker, cached, loadMs: loadAt - start };
}

/** FCP, LCP and CLS of a cold load with `rate`x CPU throttling. */
async function measurePaint(rate) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(host.url, { waitUntil: 'load' });
  const result = await page.evaluate(
    () =>
      new Promise((resolve) => {
        let lcp = 0;
        let cls = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) lcp = entry.startTime;
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (!entry.hadRecentInput) cls += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => {
          const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
          resolve({ fcp, lcp, cls });
        }, 1500);
      }),
  );
  await context.close();
  return result;
}

/** Median FCP/LCP (and worst CLS) of `n` cold loads at `rate`x CPU throttling. */
async function measurePaints(rate, n) {
  const samples = [];
  for (let i = 0; i < n; i++) samples.push(await measurePaint(rate));
  return {
    rate,
    fcpMedianMs: Math.round(median(samples.map((s) => s.fcp))),
    lcpMedianMs: Math.round(median(samples.map((s) => s.lcp))),
    lcpMinusFcpMedianMs: Math.round(median(samples.map((s) => s.lcp - s.fcp))),
    fcpRunsMs: samples.map((s) => Math.round(s.fcp)),
    lcpRunsMs: samples.map((s) => Math.round(s.lcp)),
    clsMax: Math.max(...samples.map((s) => s.cls)),
  };
}

/**
 * Lighthouse, mobile (its defaults: Moto G Power emulation, simulated slow 4G and 4x CPU), on the
 * gzip host, in its own headless Chromium. Median of `n` runs. Returns `{ error }` when it cannot run.
 */
async function measureLighthouse(n) {
  let lighthouse;
  let chromeLauncher;
  try {
    lighthouse = (await import('lighthouse')).default;
    chromeLauncher = await import('chrome-launcher');
  } catch (error) {
    return { error: `lighthouse is not installed (npm install): ${error.message}` };
  }
  const reports = [];
  let chrome;
  try {
    chrome = await chromeLauncher.launch({
      chromePath: executablePath ?? '/usr/bin/chromium',
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    for (let i = 0; i < n; i++) {
      const result = await lighthouse(host.url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
      });
      const lhr = result.lhr;
      if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
      reports.push(lhr);
    }
  } catch (error) {
    return { error: `Lighthouse could not run: ${error.message}` };
  } finally {
    await chrome?.kill();
  }
  const pick = (fn) => median(reports.map(fn));
  const failing = (category) =>
    [...new Set(reports.flatMap((lhr) => lhr.categories[category].auditRefs.filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1).map((ref) => ref.id)))];
  const last = reports.at(-1);
  return {
    runs: reports.length,
    lighthouseVersion: last.lighthouseVersion,
    performance: pick((lhr) => lhr.categories.performance.score),
    accessibility: pick((lhr) => lhr.categories.accessibility.score),
    bestPractices: pick((lhr) => lhr.categories['best-practices'].score),
    tbtMs: Math.round(pick((lhr) => lhr.audits['total-blocking-time'].numericValue)),
    lcpMs: Math.round(pick((lhr) => lhr.audits['largest-contentful-paint'].numericValue)),
    fcpMs: Math.round(pick((lhr) => lhr.audits['first-contentful-paint'].numericValue)),
    totalByteWeightKB: kb(pick((lhr) => lhr.audits['total-byte-weight'].numericValue)),
    failingAudits: { performance: failing('performance'), accessibility: failing('accessibility'), bestPractices: failing('best-practices') },
    // Where the blocking time comes from (the last run): the longest main-thread tasks and the scripts' own time.
    longTasks: (last.audits['long-tasks']?.details?.items ?? [])
      .slice(0, 5)
      .map((t) => ({ url: String(t.url).replace(host.url, ''), startMs: Math.round(t.startTime), durationMs: Math.round(t.duration) })),
    bootup: (last.audits['bootup-time']?.details?.items ?? [])
      .slice(0, 4)
      .map((b) => ({ url: String(b.url).replace(host.url, ''), totalMs: Math.round(b.total), scriptingMs: Math.round(b.scripting) })),
  };
}

/**
 * A reader reaching for Play: the pointer comes over the bar (which loads the narration and
 * readies its source), a moment passes as the hand gets there, then the click. Waits until the
 * narration is loaded (at most 20 s) plus 300 ms, so Play → sound measures Play, not the download.
 */
async function reachForPlay(page) {
  await page.getByRole('button', { name: 'Play', exact: true }).hover();
  await page.waitForFunction(() => document.querySelector('narrated-edition')?.getAttribute('data-narration') === 'ready', null, { timeout: 20000 });
  await page.waitForTimeout(300);
}

/** Percentile of a list (nearest rank). */
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/**
 * Real speech: Play click → first utterance `start`, and `start` → highlight painted (the
 * frame after `aria-current` moved). Fresh page per run; the pointer reaches Play first (reachForPlay).
 */
async function measureSpeech(trials) {
  const speechBrowser = await chromium.launch({ executablePath, args: [...launchArgs, '--enable-speech-dispatcher'] });
  const playToStart = [];
  const playToSpeak = [];
  const startToPaint = [];
  const floor = [];
  try {
    for (let i = 0; i < trials; i++) {
      const context = await speechBrowser.newContext();
      const page = await context.newPage();
      await page.addInitScript(() => {
        const marks = { click: 0, speak: 0, starts: [], painted: [] };
        window.__marks = marks;
        document.addEventListener('click', (e) => (marks.click = e.timeStamp || performance.now()), true);
        const speak = speechSynthesis.speak.bind(speechSynthesis);
        speechSynthesis.speak = (u) => {
          marks.speak ||= performance.now();
          marks.firstText ??= { text: u.text, voice: u.voice?.name ?? null };
          u.addEventListener('start', (e) => {
            const t = performance.now();
            marks.starts.push(t);
            // aria-current is set synchronously by the engine's start handler; the next frame paints it.
            requestAnimationFrame(() => requestAnimationFrame(() => marks.painted.push({ t0: t, t1: performance.now(), id: document.querySelector('[aria-current]')?.getAttribute('id') })));
          });
          speak(u);
        };
      });
      await page.goto(baseURL);
      await page.waitForFunction(() => speechSynthesis.getVoices().length > 0, null, { timeout: 20000 });
      await reachForPlay(page);
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await page.waitForFunction(() => window.__marks.painted.length > 0, null, { timeout: 20000 });
      const marks = await page.evaluate(() => window.__marks);
      playToStart.push(marks.starts[0] - marks.click);
      playToSpeak.push(marks.speak - marks.click);
      // One frame after start at most (rAF → rAF measures up to the paint of the frame holding the highlight).
      startToPaint.push(marks.painted[0].t1 - marks.painted[0].t0);
      await page.getByRole('button', { name: 'More', exact: true }).click(); // Stop is in the reader bar's "More" panel
      await page.getByRole('button', { name: 'Stop', exact: true }).click();
      await context.close();
      floor.push(await measureSpeechFloor(speechBrowser, marks.firstText));
    }
  } finally {
    await speechBrowser.close();
  }
  return { playToStart, playToSpeak, startToPaint, floor };
}

/**
 * The platform's own share, for comparison: on a bare page in the same browser, a click handler
 * that does nothing but speak the same first sentence with the same voice → its `start`.
 */
async function measureSpeechFloor(speechBrowser, { text, voice }) {
  const context = await speechBrowser.newContext();
  const page = await context.newPage();
  try {
    await page.setContent('<button type="button">Speak</button>');
    await page.waitForFunction(() => speechSynthesis.getVoices().length > 0, null, { timeout: 20000 });
    await page.evaluate(({ text, voice }) => {
      window.__floor = { click: 0, start: 0 };
      document.querySelector('button').addEventListener('click', (e) => {
        window.__floor.click = e.timeStamp;
        const u = new SpeechSynthesisUtterance(text);
        u.voice = speechSynthesis.getVoices().find((v) => v.name === voice) ?? null;
        u.onstart = () => (window.__floor.start = performance.now());
        speechSynthesis.speak(u);
      });
    }, { text, voice });
    await page.click('button');
    await page.waitForFunction(() => window.__floor.start > 0, null, { timeout: 20000 });
    const t = await page.evaluate(() => window.__floor);
    await page.evaluate(() => speechSynthesis.cancel());
    return t.start - t.click;
  } finally {
    await context.close();
  }
}

/**
 * Recorded narration (Howler, speechSynthesis removed): Play click → audio playing (first
 * `playing` event of the media element), and the highlight's lag behind the audio clock: at each
 * aria-current change, how far the clock already was past that sentence's start, in wall-clock ms.
 * The committed manifest's word times (`npm run audio`): on every animation frame the page notes
 * which word is highlighted (sentence id and offset); the word lag is how far the clock was past a
 * word's start on the first frame that shows it, in wall-clock ms.
 */
async function measureRecorded(trials) {
  const manifest = JSON.parse(readFileSync('public/audio/manifest.json', 'utf8'));
  const playToAudio = [];
  const lags = [];
  const wordLags = [];
  for (let i = 0; i < trials; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
      const marks = { click: 0, playing: 0, changes: [] };
      window.__marks = marks;
      document.addEventListener('click', (e) => (marks.click = e.timeStamp || performance.now()), true);
      const play = HTMLMediaElement.prototype.play;
      HTMLMediaElement.prototype.play = function (...args) {
        this.addEventListener('playing', () => (marks.playing ||= performance.now()), { once: true });
        return play.apply(this, args);
      };
      new MutationObserver((records) => {
        for (const r of records) {
          if (r.target.getAttribute('aria-current') !== 'true') continue;
          const howl = window.Howler?._howls?.[0];
          if (howl) marks.changes.push({ id: r.target.getAttribute('id'), clock: howl.seek() * 1000, rate: howl.rate() });
        }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['aria-current'] });
      // Word highlight: the (sentence, offset) shown on each frame, noted when it changes. Read in a
      // task posted from the frame's callback, so after every callback of the frame (the player's
      // too) and its rendering: the clock at about the moment the frame is on screen.
      marks.words = [];
      let shown = '';
      const afterFrame = new MessageChannel();
      afterFrame.port1.onmessage = () => {
        const range = CSS.highlights?.get('ne-word')?.values().next().value;
        const sentence = range && document.querySelector('[aria-current="true"]');
        const howl = window.Howler?._howls?.[0];
        if (range && sentence && howl) {
          const before = document.createRange();
          before.setStart(sentence, 0);
          before.setEnd(range.startContainer, range.startOffset);
          const from = before.toString().length;
          const key = `${sentence.id}@${from}`;
          if (key !== shown) marks.words.push({ id: sentence.id, from, clock: howl.seek() * 1000, rate: howl.rate() });
          shown = key;
        } else shown = '';
        requestAnimationFrame(frame);
      };
      const frame = () => afterFrame.port2.postMessage(null);
      requestAnimationFrame(frame);
    });
    await page.goto(baseURL);
    await reachForPlay(page);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForFunction(() => window.__marks.playing > 0 && window.__marks.changes.length >= 9, null, { timeout: 90000 });
    const marks = await page.evaluate(() => window.__marks);
    playToAudio.push(marks.playing - marks.click);
    // The first highlight is set when playback is requested (before the clock runs): skip it.
    for (const change of marks.changes.slice(1)) {
      const entry = manifest.sentences[change.id];
      // Signed: negative = the highlight moved just before the sound (the backend's 20 ms lead).
      lags.push((change.clock - entry.start) / change.rate);
    }
    for (const shown of marks.words) {
      const word = manifest.sentences[shown.id]?.words?.find((w) => w.from === shown.from);
      if (word) wordLags.push((shown.clock - word.start) / shown.rate);
    }
    await context.close();
  }
  const opusBytes = statSync(`public/audio/${manifest.files.opus}`).size;
  const mp3Bytes = statSync(`public/audio/${manifest.files.mp3}`).size;
  return { playToAudio, lags, wordLags, opusBytes, mp3Bytes, durationMs: manifest.durationMs };
}

/**
 * Kiosk spoken help: key press → prompt start, median of `trials` presses. The page is the kiosk
 * with spoken help on (the first key turns it on); after the welcome starts, each Down arrow moves
 * focus and cuts the last prompt. Start = the keydown's timestamp; prompt start = the utterance's
 * real `start` event (device voice, espeak-ng via speech-dispatcher), or the moment the sprite's
 * first clip is handed to Web Audio (`AudioBufferSourceNode.start`, speechSynthesis removed).
 */
async function measureKioskPrompts(kind, trials) {
  const ownBrowser = kind === 'device' ? await chromium.launch({ executablePath, args: [...launchArgs, '--enable-speech-dispatcher'] }) : browser;
  const context = await ownBrowser.newContext();
  const page = await context.newPage();
  try {
    await page.addInitScript((kind) => {
      const marks = { keys: [], starts: [], calls: [] };
      window.__marks = marks;
      window.addEventListener('keydown', (e) => marks.keys.push(e.timeStamp), true);
      if (kind === 'sprite') {
        Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
        const start = AudioBufferSourceNode.prototype.start;
        AudioBufferSourceNode.prototype.start = function (...args) {
          if (args.length >= 3) marks.starts.push(performance.now());
          return start.apply(this, args);
        };
      } else {
        const speak = speechSynthesis.speak.bind(speechSynthesis);
        speechSynthesis.speak = (u) => {
          marks.calls.push(performance.now());
          u.addEventListener('start', () => marks.starts.push(performance.now()));
          speak(u);
        };
      }
    }, kind);
    await page.goto(`${baseURL}?kiosk&idle=3600`);
    if (kind === 'device') await page.waitForFunction(() => speechSynthesis.getVoices().length > 0, null, { timeout: 20000 });
    else await page.waitForFunction(() => document.querySelector('narrated-edition')?.getAttribute('data-speech-recording') === 'ready', null, { timeout: 30000 });
    await page.waitForTimeout(1500); // idle warm-up: narration session, voices
    await page.keyboard.press('Enter'); // the welcome (spoken help turns on)
    await page.waitForFunction(() => window.__marks.starts.length > 0, null, { timeout: 20000 });
    const latencies = [];
    const ours = [];
    for (let i = 0; i < trials; i++) {
      const [before, callsBefore] = await page.evaluate(() => [window.__marks.starts.length, window.__marks.calls.length]);
      await page.keyboard.press(i % 2 ? 'ArrowUp' : 'ArrowDown');
      await page.waitForFunction((n) => window.__marks.starts.length > n, before, { timeout: 10000 });
      const marks = await page.evaluate(() => window.__marks);
      latencies.push(marks.starts[before] - marks.keys.at(-1));
      // The edition's own share: key press → speak() called (the rest is the platform's speech stack).
      if (marks.calls.length > callsBefore) ours.push(marks.calls[callsBefore] - marks.keys.at(-1));
      await page.waitForTimeout(250); // let the prompt sound a moment, as a visitor would listen
    }
    latencies.ours = ours;
    return latencies;
  } finally {
    await context.close();
    if (ownBrowser !== browser) await ownBrowser.close();
  }
}

/** The load figures: before-load bytes, the whole first visit, FCP/LCP at 1x and 4x, Lighthouse. */
async function measureLoad() {
  const transfer = await measureTransfer();
  const firstVisit = await measureFirstVisit(12);
  const paint1x = await measurePaints(1, runs);
  const paint4x = await measurePaints(4, runs);
  const lighthouse = await measureLighthouse(lighthouseRuns);
  return {
    transfer,
    firstVisit,
    paint1x,
    paint4x,
    lighthouse,
    results: {
      firstLoadTextGzipKB: kb(transfer.textGzipBytes),
      firstRenderFontKB: kb(transfer.fontBytes),
      idleWarmupGzipKB: kb(transfer.deferredGzipBytes),
      firstVisitKB: kb(firstVisit.bytes),
      firstVisitWorker: firstVisit.worker,
      // index.html links the icon relatively (base './'): under the /edition/ sub-path it must resolve there.
      faviconUnderSubPath: firstVisit.requests.some((r) => r.path === 'favicon.svg' && (r.status === 200 || r.status === 304)),
      firstVisitCachedFiles: firstVisit.cached,
      firstVisitRequests: firstVisit.requests,
      fcp1xMedianMs: paint1x.fcpMedianMs,
      lcp1xMedianMs: paint1x.lcpMedianMs,
      lcpMinusFcp1xMedianMs: paint1x.lcpMinusFcpMedianMs,
      fcp4xMedianMs: paint4x.fcpMedianMs,
      lcpMedianMs: paint4x.lcpMedianMs, // 4x, as before
      lcpMinusFcp4xMedianMs: paint4x.lcpMinusFcpMedianMs,
      lcpRunsMs: paint4x.lcpRunsMs,
      paint: { '1x': paint1x, '4x': paint4x },
      clsMax: Math.max(paint1x.clsMax, paint4x.clsMax),
      lighthouse,
    },
  };
}

/** The table rows of the load figures. */
function loadRows({ results, firstVisit, lighthouse }) {
  const lh = lighthouse.error ? null : lighthouse;
  const byWorker = firstVisit.requests.filter((r) => r.by !== 'page').reduce((sum, r) => sum + r.bodyBytes, 0);
  const rows = [
    ['Before load: HTML+CSS+JS, gzipped', `${results.firstLoadTextGzipKB} KB`, '≤ 25 KB'],
    ['Font bytes for the first render', `${results.firstRenderFontKB} KB`, '≤ 60 KB'],
    ['After load: the application, gzipped', `${results.idleWarmupGzipKB} KB`, '(deferred)'],
    ['Whole first visit, gzip host, worker on, 12 s, no input', `${results.firstVisitKB} KB`, '≤ 120 KB'],
    ['  of which response bodies (headers are the rest)', `${kb(firstVisit.requests.reduce((sum, r) => sum + r.bodyBytes, 0))} KB`, ''],
    ['  of which the service worker and its script (bodies)', `${kb(byWorker)} KB`, `(worker ${results.firstVisitWorker})`],
    [`FCP / LCP, 1x CPU, median of ${runs}`, `${results.fcp1xMedianMs} / ${results.lcp1xMedianMs} ms`, `LCP − FCP ≤ 50 ms (${results.lcpMinusFcp1xMedianMs})`],
    [`FCP / LCP, 4x CPU, median of ${runs}`, `${results.fcp4xMedianMs} / ${results.lcpMedianMs} ms`, `LCP − FCP ≤ 50 ms (${results.lcpMinusFcp4xMedianMs}); LCP ≤ 800 ms`],
    ['Cumulative layout shift (worst run)', results.clsMax.toFixed(4), '0'],
    ['Favicon found under the /edition/ sub-path', results.faviconUnderSubPath ? 'yes' : 'no', 'yes'],
  ];
  if (lh) {
    rows.push(
      [`Lighthouse mobile: performance (median of ${lh.runs})`, lh.performance.toFixed(2), '≥ 0.98'],
      ['Lighthouse mobile: Total Blocking Time', `${lh.tbtMs} ms`, '≤ 100 ms'],
      ['Lighthouse mobile: FCP / LCP (simulated slow 4G)', `${lh.fcpMs} / ${lh.lcpMs} ms`, '(report)'],
      ['Lighthouse: accessibility', lh.accessibility.toFixed(2), '1'],
      ['Lighthouse: best practices', lh.bestPractices.toFixed(2), '1'],
    );
  } else {
    rows.push(['Lighthouse', 'not run', lighthouse.error]);
  }
  return rows;
}

/** Prints the table, the first visit's requests, and Lighthouse's failing audits. */
function printLoad(rows, { firstVisit, lighthouse }) {
  for (const [name, value, target] of rows) console.log(`  ${name.padEnd(58)} ${value.padStart(14)}   target ${target}`);
  console.log(`\n  First visit (${host.url}), every response the host wrote (body bytes, as sent):`);
  for (const r of firstVisit.requests) {
    console.log(`    ${String(r.status).padEnd(4)} ${String(r.bodyBytes).padStart(7)} B ${r.encoding ?? '    '} ${r.by.padEnd(13)} ${r.path}`);
  }
  if (!lighthouse.error) {
    const failing = Object.entries(lighthouse.failingAudits).filter(([, ids]) => ids.length);
    if (failing.length) console.log(`\n  Lighthouse audits below 1: ${failing.map(([c, ids]) => `${c}: ${ids.join(', ')}`).join('; ')}`);
    if (lighthouse.longTasks.length) console.log(`  Lighthouse long tasks (simulated): ${lighthouse.longTasks.map((t) => `${t.durationMs} ms at ${t.startMs} ms ${t.url || '(page)'}`).join('; ')}`);
    if (lighthouse.bootup.length) console.log(`  Lighthouse script time: ${lighthouse.bootup.map((b) => `${b.url || '(page)'} ${b.totalMs} ms (scripting ${b.scriptingMs})`).join('; ')}`);
  }
}

if (firstVisitOnly) {
  // Only the load figures (before-load bytes, the first visit, FCP/LCP, Lighthouse): about a minute.
  try {
    const load = await measureLoad();
    const results = { date: new Date().toISOString(), chromium: browser.version(), runs, ...load.results };
    console.log(`\nFirst visit (${results.chromium}, ${host.url}, ${outDir}/)`);
    printLoad(loadRows(load), load);
    mkdirSync('tests/bench/results', { recursive: true });
    writeFileSync('tests/bench/results/first-visit.json', JSON.stringify(results, null, 2));
  } finally {
    await browser.close();
    await host.close();
  }
  process.exit(0);
}

if (args.includes('--kiosk-only')) {
  // Only the kiosk's spoken-help figures (quicker, for iterating on them).
  try {
    const device = speechStack ? await measureKioskPrompts('device', 20) : null;
    const sprite = await measureKioskPrompts('sprite', 20);
    if (device) {
      console.log(`Kiosk: key press → prompt start, device voice, median of 20: ${Math.round(median(device))} ms (runs ${device.map(Math.round).join(' ')})`);
      console.log(`Kiosk: key press → speak() called (the edition's share), median: ${Math.round(median(device.ours) * 10) / 10} ms`);
    }
    console.log(`Kiosk: key press → prompt start, recorded sprite, median of 20: ${Math.round(median(sprite) * 10) / 10} ms`);
  } finally {
    await browser.close();
    server?.httpServer.close();
    await host.close();
  }
  process.exit(0);
}

/** Median and p95 of the non-negative part of signed lags, and the signed min/median/max (ms). */
function lagFigures(lags) {
  if (!lags.length) return null;
  const clipped = lags.map((l) => Math.max(0, l));
  const round = (v) => Math.round(v * 10) / 10;
  return {
    median: round(median(clipped)),
    p95: round(percentile(clipped, 95)),
    signed: { min: Math.round(Math.min(...lags)), median: Math.round(median(lags)), max: Math.round(Math.max(...lags)) },
    n: lags.length,
  };
}

if (recordedOnly) {
  try {
    const recorded = await measureRecorded(Math.max(3, Math.ceil(runs / 2)));
    const sentence = lagFigures(recorded.lags);
    const word = lagFigures(recorded.wordLags);
    console.log(`\nRecorded narration (${browser.version()}, ${baseURL}), ${recorded.playToAudio.length} runs`);
    const rows = [
      ['Recorded: Play click → audio playing, median', `${Math.round(median(recorded.playToAudio))} ms`, '≤ 300 ms'],
      [`Recorded: highlight lag behind audio clock, median (n=${sentence?.n ?? 0})`, `${sentence?.median} ms`, '≤ 20 ms'],
      ['Recorded: highlight lag behind audio clock, p95', `${sentence?.p95} ms`, '≤ 50 ms'],
      [`Recorded: word highlight lag behind audio clock, median (n=${word?.n ?? 0})`, `${word?.median} ms`, '≤ 20 ms'],
      ['Recorded: word highlight lag behind audio clock, p95', `${word?.p95} ms`, '≤ 50 ms'],
      ['Recorded: clock − word start at word highlight, min/median/max', word ? `${word.signed.min}/${word.signed.median}/${word.signed.max} ms` : 'none', '(signed)'],
    ];
    for (const [name, value, target] of rows) console.log(`  ${name.padEnd(58)} ${value.padStart(14)}   target ${target}`);
  } finally {
    await browser.close();
    server?.httpServer.close();
    await host.close();
  }
  process.exit(0);
}

try {
  const load = await measureLoad();
  const { transfer } = load;
  const speech = speechStack ? await measureSpeech(Math.max(5, runs)) : null;
  const recorded = existsSync('public/audio/manifest.json') ? await measureRecorded(Math.max(3, Math.ceil(runs / 2))) : null;
  const promptDevice = speechStack ? await measureKioskPrompts('device', 20) : null;
  const promptSprite = await measureKioskPrompts('sprite', 20);
  const spriteMap = JSON.parse(readFileSync('public/audio/interface.json', 'utf8'));
  const spriteOpusBytes = statSync(`public/audio/${spriteMap.files.opus}`).size;
  const results = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    runs,
    ...load.results,
    playToStartMedianMs: speech ? Math.round(median(speech.playToStart)) : null,
    playToStartRunsMs: speech?.playToStart.map(Math.round) ?? null,
    playToSpeakCallMedianMs: speech ? Math.round(median(speech.playToSpeak) * 10) / 10 : null,
    speechFloorMedianMs: speech ? Math.round(median(speech.floor)) : null,
    speechFloorRunsMs: speech?.floor.map(Math.round) ?? null,
    startToHighlightPaintMedianMs: speech ? Math.round(median(speech.startToPaint) * 10) / 10 : null,
    startToHighlightPaintP95Ms: speech ? Math.round(percentile(speech.startToPaint, 95) * 10) / 10 : null,
    recordedPlayToAudioMedianMs: recorded ? Math.round(median(recorded.playToAudio)) : null,
    recordedPlayToAudioRunsMs: recorded?.playToAudio.map(Math.round) ?? null,
    highlightLagMedianMs: recorded ? Math.round(median(recorded.lags.map((l) => Math.max(0, l))) * 10) / 10 : null,
    highlightLagP95Ms: recorded ? Math.round(percentile(recorded.lags.map((l) => Math.max(0, l)), 95) * 10) / 10 : null,
    highlightOffsetSignedMs: recorded
      ? { min: Math.round(Math.min(...recorded.lags)), median: Math.round(median(recorded.lags)), max: Math.round(Math.max(...recorded.lags)) }
      : null,
    highlightLagSamples: recorded?.lags.length ?? 0,
    wordHighlightLagMedianMs: recorded ? (lagFigures(recorded.wordLags)?.median ?? null) : null,
    wordHighlightLagP95Ms: recorded ? (lagFigures(recorded.wordLags)?.p95 ?? null) : null,
    wordHighlightOffsetSignedMs: recorded ? (lagFigures(recorded.wordLags)?.signed ?? null) : null,
    wordHighlightLagSamples: recorded?.wordLags.length ?? 0,
    opusMB: recorded ? Math.round((recorded.opusBytes / 1048576) * 100) / 100 : null,
    mp3MB: recorded ? Math.round((recorded.mp3Bytes / 1048576) * 100) / 100 : null,
    kioskPromptDeviceMedianMs: promptDevice ? Math.round(median(promptDevice)) : null,
    kioskPromptDeviceRunsMs: promptDevice?.map(Math.round) ?? null,
    kioskPromptDeviceSpeakCallMedianMs: promptDevice ? Math.round(median(promptDevice.ours) * 10) / 10 : null,
    kioskPromptSpriteMedianMs: Math.round(median(promptSprite) * 10) / 10,
    kioskPromptSpriteRunsMs: promptSprite.map((v) => Math.round(v * 10) / 10),
    interfaceSpriteOpusKB: kb(spriteOpusBytes),
    interfaceSpriteOnWebPage: transfer.requests.some((r) => r.url.includes('interface.')),
    requests: transfer.requests,
  };
  const rows = [];
  if (speech) {
    rows.push(
      [`Play click → utterance start, median of ${speech.playToStart.length}`, `${results.playToStartMedianMs} ms`, '≤ 150 ms'],
      ['  of which the edition: Play click → speak() called, median', `${results.playToSpeakCallMedianMs} ms`, '(report)'],
      ['  the platform alone: bare page, click → speak → start, same sentence and voice, median', `${results.speechFloorMedianMs} ms`, '(report)'],
      ['Utterance start → highlight painted, median', `${results.startToHighlightPaintMedianMs} ms`, '≤ 16 ms (one frame)'],
      ['Utterance start → highlight painted, p95', `${results.startToHighlightPaintP95Ms} ms`, ''],
    );
  } else {
    rows.push(['Real speech (needs pulseaudio, speech-dispatcher)', 'skipped', '']);
  }
  if (recorded) {
    rows.push(
      [`Recorded: Play click → audio playing, median of ${recorded.playToAudio.length}`, `${results.recordedPlayToAudioMedianMs} ms`, '≤ 300 ms'],
      [`Recorded: highlight lag behind audio clock, median (n=${results.highlightLagSamples})`, `${results.highlightLagMedianMs} ms`, '≤ 20 ms'],
      ['Recorded: highlight lag behind audio clock, p95', `${results.highlightLagP95Ms} ms`, '≤ 50 ms'],
      [
        'Recorded: clock − sentence start at highlight, min/median/max',
        `${results.highlightOffsetSignedMs.min}/${results.highlightOffsetSignedMs.median}/${results.highlightOffsetSignedMs.max} ms`,
        '(signed)',
      ],
      [`Recorded: word highlight lag behind audio clock, median (n=${results.wordHighlightLagSamples})`, `${results.wordHighlightLagMedianMs} ms`, '≤ 20 ms'],
      ['Recorded: word highlight lag behind audio clock, p95', `${results.wordHighlightLagP95Ms} ms`, '≤ 50 ms'],
      [
        'Recorded: clock − word start at word highlight, min/median/max',
        results.wordHighlightOffsetSignedMs
          ? `${results.wordHighlightOffsetSignedMs.min}/${results.wordHighlightOffsetSignedMs.median}/${results.wordHighlightOffsetSignedMs.max} ms`
          : 'none',
        '(signed)',
      ],
      [`Recorded: Opus size (${Math.round(recorded.durationMs / 60000)} min)`, `${results.opusMB} MB`, '≤ 4 MB'],
      ['Recorded: MP3 size', `${results.mp3MB} MB`, ''],
    );
  }
  rows.push(
    promptDevice
      ? [`Kiosk: key press → prompt start, device voice, median of ${promptDevice.length}`, `${results.kioskPromptDeviceMedianMs} ms`, '≤ 150 ms']
      : ['Kiosk: key press → prompt start, device voice', 'skipped', ''],
    ...(promptDevice ? [['Kiosk: key press → speak() called (the edition’s share), median', `${results.kioskPromptDeviceSpeakCallMedianMs} ms`, '']] : []),
    [`Kiosk: key press → prompt start, recorded sprite, median of ${promptSprite.length}`, `${results.kioskPromptSpriteMedianMs} ms`, '≤ 100 ms'],
    ['Kiosk: interface sprite (Opus)', `${results.interfaceSpriteOpusKB} KB`, '≤ 600 KB'],
    ['Kiosk: interface sprite fetched by the web page (not kiosk)', results.interfaceSpriteOnWebPage ? 'yes' : 'no', 'no'],
  );
  console.log(`\nBenchmark (${results.chromium}, load figures from ${host.url}, narration from ${baseURL})`);
  printLoad(loadRows(load), load);
  console.log('');
  for (const [name, value, target] of rows) console.log(`  ${name.padEnd(58)} ${value.padStart(14)}   target ${target}`);
  console.log('\n  Requests on first load (no service worker):');
  for (const r of results.requests) {
    console.log(`    ${r.type.padEnd(11)} ${String(r.raw).padStart(7)} B raw ${String(r.gzip).padStart(7)} B gz  ${r.url}${r.deferred ? '  (after load)' : ''}`);
  }
  mkdirSync('tests/bench/results', { recursive: true });
  writeFileSync('tests/bench/results/latest.json', JSON.stringify(results, null, 2));
} finally {
  await browser.close();
  server?.httpServer.close();
  await host.close();
}
