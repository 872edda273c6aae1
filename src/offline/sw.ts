/// <reference lib="webworker" />
/**
 * The offline service worker. It precaches the app shell (page, JS and CSS chunks, the modern
 * and legacy ones, fonts, edition.json, narration.vtt). The recorded narration (manifest,
 * Opus/WebM and MP3, ~7 MB) and its player code are stored only when a page asks (`ne:cache-audio`):
 * when it first plays the recording, or at once in kiosk mode (which also keeps the spoken help) —
 * so nothing of them is fetched before Play on the web, and after a visit that played it (or any
 * kiosk visit) the edition narrates without a network. Each kept set has a cache named after its
 * own content (`kept-files.ts`): an update that does not change the recording keeps it, one that
 * does stores the new recording while it installs, and an old set's cache is deleted only once the
 * new one is complete. Media elements ask for byte ranges: audio is answered from the cache with
 * 206 partial responses. A new version installs and waits; a page sends `ne:skip-waiting` after a
 * kiosk idle reset (never mid-reading). The first install claims its page so it works offline at
 * once. Built by vite-plugin-pwa (injectManifest), which fills in `self.__WB_MANIFEST`.
 */
import { cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { createPartialResponse } from 'workbox-range-requests';
import { clientsClaim } from 'workbox-core';
import { CACHE_AUDIO_MESSAGE, SKIP_WAITING_MESSAGE } from './update-policy.ts';
import { isPlayerChunk, keptSetOf, planOffline, supersededCaches, type KeptSet } from './kept-files.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

const plan = planOffline(self.__WB_MANIFEST, self.location.href);
const audioPrefix = new URL('audio/', self.registration.scope).href;

/** Stores every file of `set` not stored yet (whole files, not ranges); rejects when one cannot be fetched. */
async function storeSet(set: KeptSet): Promise<void> {
  if (!set.available) return;
  const cache = await caches.open(set.cache);
  for (const url of set.urls) {
    if (await cache.match(url)) continue;
    const response = await fetch(url, { cache: 'no-store' });
    if (!response.ok || response.status !== 200) throw new Error(`HTTP ${response.status} for ${url}`);
    await cache.put(url, response);
  }
}

/** Whether every file of `set` is stored. */
async function isComplete(set: KeptSet): Promise<boolean> {
  if (!set.available || !(await caches.has(set.cache))) return false;
  const cache = await caches.open(set.cache);
  const stored = await Promise.all(set.urls.map((url) => cache.match(url)));
  return stored.every(Boolean);
}

/**
 * Deletes the caches that a complete set of this version replaces. Not while a newer version is
 * installing or waiting: to this one, that version's caches would look like old ones.
 */
async function pruneKept(): Promise<void> {
  if (self.registration.installing || self.registration.waiting) return;
  const names = await caches.keys();
  for (const set of [plan.recording, plan.spokenHelp, plan.player]) {
    if (await isComplete(set)) await Promise.all(supersededCaches(names, set).map((name) => caches.delete(name)));
  }
}

/** A page asked to keep the recording (and, in a kiosk, the spoken help) for offline use. */
async function keepForOffline(kiosk: boolean): Promise<void> {
  const sets = kiosk ? [plan.player, plan.spokenHelp, plan.recording] : [plan.player, plan.recording];
  // Each set on its own (Promise.allSettled is missing in older kiosk browsers' workers).
  const failures = await Promise.all(sets.map((set) => storeSet(set).then(() => null, (error: unknown) => error)));
  await pruneKept();
  const failed = failures.find((error) => error !== null);
  if (failed !== undefined) throw failed;
}

/**
 * While a new version installs: a device that keeps the recording (or the spoken help) keeps this
 * version's as well, before it can take over, so an update followed by a network loss never leaves
 * a kiosk silent. A set whose content did not change is already complete (same cache): nothing is
 * fetched. A failure fails the install: the version in use stays, and the update is tried again later.
 */
async function carryOver(): Promise<void> {
  const kept = async (set: KeptSet) => set.available && (await caches.match(set.urls[0]!)) !== undefined;
  const [recording, spokenHelp] = await Promise.all([kept(plan.recording), kept(plan.spokenHelp)]);
  if (recording) await Promise.all([storeSet(plan.player), storeSet(plan.recording)]);
  if (spokenHelp) await storeSet(plan.spokenHelp);
}

/** The stored copy of `url`: this version's set first, else (offline) a copy an earlier version kept. */
async function respondKept(request: Request, url: string, set: KeptSet | null, keepFetched: boolean): Promise<Response> {
  const cache = set ? await caches.open(set.cache) : null;
  const stored = await cache?.match(url);
  if (stored) return stored;
  try {
    const response = await fetch(request);
    if (keepFetched && cache && response.ok && response.status === 200) await cache.put(url, response.clone());
    return response;
  } catch (error) {
    const older = await caches.match(url);
    if (older) return older;
    throw error;
  }
}

// Audio first (routes match in registration order): stored files answer ranges with 206.
registerRoute(
  ({ url }) => url.href.startsWith(audioPrefix),
  async ({ request }) => {
    const url = request.url.split(/[?#]/)[0]!;
    const response = await respondKept(request, url, keptSetOf(plan, url), false);
    return request.headers.has('range') && response.status === 200 ? createPartialResponse(request, response) : response;
  },
);

// The recording's player code (not precached): kept once a page has loaded it, or asked to keep it.
registerRoute(
  ({ url }) => url.origin === self.location.origin && isPlayerChunk(url.pathname),
  ({ request }) => {
    const url = request.url.split(/[?#]/)[0]!;
    return respondKept(request, url, plan.player.urls.includes(url) ? plan.player : null, true);
  },
);

// Everything else that was precached; page options (?kiosk, ?narration=…) still find index.html.
precacheAndRoute(plan.precache, { ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();
clientsClaim();

self.addEventListener('install', (event) => {
  event.waitUntil(carryOver());
});

// Old recordings go only once the new ones are complete (never just because a version activated).
self.addEventListener('activate', (event) => {
  event.waitUntil(pruneKept());
});

self.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown; kiosk?: unknown } | null;
  const type = data?.type;
  if (type === SKIP_WAITING_MESSAGE) void self.skipWaiting();
  if (type === CACHE_AUDIO_MESSAGE) {
    event.waitUntil(keepForOffline(data?.kiosk === true).catch((error: unknown) => console.warn('[offline] not everything could be kept:', error)));
  }
});
