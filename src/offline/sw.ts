/// <reference lib="webworker" />
/**
 * The offline service worker. It precaches what this browser's pages need to open offline, and
 * no more (`precache-policy.ts`): the page, the stylesheet, the code of the build the page runs
 * (`sw.js?build=modern|legacy`, from `register.ts`) except the kiosk's and the narration's, and
 * the default font. Nothing is downloaded twice: files the page has just loaded come from the HTTP
 * cache (hashed files) or are revalidated (`no-cache`: a 304 when unchanged), never re-fetched with
 * `reload`. This build's other files (the narration's code and edition.json, which a page loads
 * when the reader reaches for the narration; the other fonts, the kiosk's code, the transcript) are kept
 * on demand, in one cache: when a page fetches them through the worker, when a page reports that it
 * used them before the worker took over (`ne:keep-used`), or all at once in kiosk mode. The recorded
 * narration (manifest, Opus/WebM and MP3, ~7 MB) and its player code are stored only when a page
 * asks (`ne:cache-audio`): when it first plays the recording, or at once in kiosk mode (which also
 * keeps the spoken help) — so nothing of them is fetched before Play on the web, and after a visit
 * that played it (or any kiosk visit) the edition narrates without a network. Each kept set has a
 * cache named after its own content (`kept-files.ts`): an update that does not change the recording
 * keeps it, one that does stores the new recording while it installs, and an old set's cache is
 * deleted only once the new one is complete. Media elements ask for byte ranges: audio is answered
 * from the cache with 206 partial responses. A new version installs and waits; a page sends
 * `ne:skip-waiting` after a kiosk idle reset (never mid-reading). The first install claims its page
 * so it works offline at once. Built by vite-plugin-pwa (injectManifest), which fills in
 * `self.__WB_MANIFEST`; no Workbox runtime (it was half the worker's download): the precache's
 * keys, lookup and byte ranges are `precache-keys.ts`.
 */
import { CACHE_AUDIO_MESSAGE, KEEP_USED_MESSAGE, SKIP_WAITING_MESSAGE } from './update-policy.ts';
import { isPlayerChunk, keptSetOf, planOffline, supersededCaches, type KeptSet, type ManifestEntryLike } from './kept-files.ts';
import { keyFor, parseRange, precacheItems } from './precache-keys.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (ManifestEntryLike | string)[] };

const plan = planOffline(self.__WB_MANIFEST, self.location.href);
const audioPrefix = new URL('audio/', self.registration.scope).href;
const items = precacheItems(plan.precache, self.location.href);
/** The precache: one cache per scope, shared by versions (keys carry revisions), pruned when a version activates. */
const PRECACHE = `ne-precache-${self.registration.scope}`;
/** Workbox's precache, from versions before this one: deleted when this version activates. */
const OLD_PRECACHE_PREFIX = 'workbox-precache';

/**
 * Stores the files of `set` (all, or `urls`) not stored yet, whole files, not ranges; rejects when
 * one cannot be fetched. Audio bypasses the HTTP cache (large, and never in it whole); other files
 * may come from it, so a file the page has just loaded is not downloaded again.
 */
async function storeSet(set: KeptSet, urls: readonly string[] = set.urls): Promise<void> {
  if (!set.available) return;
  const cache = await caches.open(set.cache);
  for (const url of urls) {
    if (await cache.match(url)) continue;
    const response = await fetch(url, { cache: url.startsWith(audioPrefix) ? 'no-store' : 'default' });
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
  // On-demand files are never complete on the web: an older version's go when this one is active
  // (what it still lists was carried over while it installed).
  if (self.registration.active?.scriptURL === self.location.href) {
    await Promise.all(supersededCaches(names, plan.onDemand).map((name) => caches.delete(name)));
  }
}

/** A page asked to keep the recording (and, in a kiosk, the spoken help) for offline use. */
async function keepForOffline(kiosk: boolean): Promise<void> {
  const stores = kiosk
    ? [storeSet(plan.player), storeSet(plan.spokenHelp), storeSet(plan.recording), storeSet(plan.onDemand, plan.kioskUrls)]
    : [storeSet(plan.player), storeSet(plan.recording), storeSet(plan.onDemand, plan.recordingUrls)];
  // Each set on its own (Promise.allSettled is missing in older kiosk browsers' workers).
  const failures = await Promise.all(stores.map((stored) => stored.then(() => null, (error: unknown) => error)));
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
  if (recording) await Promise.all([storeSet(plan.player), storeSet(plan.recording), storeSet(plan.onDemand, plan.recordingUrls)]);
  if (spokenHelp) await storeSet(plan.onDemand, plan.kioskUrls);
  if (spokenHelp) await storeSet(plan.spokenHelp);
  await carryOverOnDemand();
}

/** Copies the on-demand files an older version kept (a chosen font…) that this version lists unchanged (content-hashed names). */
async function carryOverOnDemand(): Promise<void> {
  const hashed = plan.onDemand.urls.filter((url) => url.includes('/assets/'));
  const cache = await caches.open(plan.onDemand.cache);
  for (const name of supersededCaches(await caches.keys(), plan.onDemand)) {
    const older = await caches.open(name);
    for (const url of hashed) {
      const stored = (await cache.match(url)) ? undefined : await older.match(url);
      if (stored) await cache.put(url, stored);
    }
  }
}

/** A page reports the files it loaded before this worker controlled it: keep those this build keeps on demand (from the HTTP cache). */
async function keepUsed(urls: readonly string[]): Promise<void> {
  const used = plan.onDemand.urls.filter((url) => urls.includes(url));
  await storeSet(plan.onDemand, used);
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

/** A 206 answer with the bytes of `response` the request's Range asks for (416 when it cannot be met). */
async function partial(request: Request, response: Response): Promise<Response> {
  const body = await response.blob();
  const range = parseRange(request.headers.get('range') ?? '', body.size);
  const headers = new Headers(response.headers);
  if (!range) {
    headers.set('Content-Range', `bytes */${body.size}`);
    return new Response(null, { status: 416, statusText: 'Range Not Satisfiable', headers });
  }
  headers.set('Content-Range', `bytes ${range.start}-${range.end}/${body.size}`);
  headers.set('Content-Length', String(range.end - range.start + 1));
  return new Response(body.slice(range.start, range.end + 1), { status: 206, statusText: 'Partial Content', headers });
}

const pageUrl = new URL('index.html', self.registration.scope).href;

/**
 * The address the visitor's page was loaded from (`/edition/`, `/edition/?kiosk`…), if it is this
 * edition's page: the same document as index.html, already in the HTTP cache under that address.
 */
async function loadedPageUrl(): Promise<string> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const bare = (url: string) => url.split(/[?#]/)[0]!;
  const page = windows.find((client) => bare(client.url) === self.registration.scope || bare(client.url) === pageUrl);
  return page ? page.url.split('#')[0]! : pageUrl;
}

/**
 * Installs this version's precache: each file not stored yet under its key. A hashed file the page
 * has just loaded comes from the HTTP cache; a file without a hash (index.html, edition.json) is
 * revalidated (`no-cache`: a 304 when the page has just loaded it), never fetched twice in full —
 * index.html at the address the page was loaded from, whose copy the HTTP cache holds. A failure
 * fails the install (the version in use stays).
 */
async function precache(): Promise<void> {
  const cache = await caches.open(PRECACHE);
  await Promise.all(
    items.map(async (item) => {
      if (await cache.match(item.key)) return;
      const url = item.url === pageUrl ? await loadedPageUrl() : item.url;
      const response = await fetch(url, { cache: item.revisioned ? 'no-cache' : 'default', credentials: 'same-origin' });
      if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
      // A redirected response cannot answer a navigation: store its body and headers only.
      const stored = response.redirected ? new Response(await response.blob(), { headers: response.headers, status: response.status, statusText: response.statusText }) : response;
      await cache.put(item.key, stored);
    }),
  );
}

/** Once this version is active: its precache holds only its own files; Workbox's older precache goes. */
async function prunePrecache(): Promise<void> {
  const keys = new Set(items.map((item) => item.key));
  const cache = await caches.open(PRECACHE);
  for (const request of await cache.keys()) if (!keys.has(request.url)) await cache.delete(request);
  for (const name of await caches.keys()) if (name.startsWith(OLD_PRECACHE_PREFIX)) await caches.delete(name);
}

/** The answer to a GET in scope, or null to leave it to the network. Audio first: stored files answer ranges with 206. */
function route(request: Request): Promise<Response> | null {
  const url = request.url.split(/[?#]/)[0]!;
  if (url.startsWith(audioPrefix)) {
    return respondKept(request, url, keptSetOf(plan, url), false).then((response) =>
      request.headers.has('range') && response.status === 200 ? partial(request, response) : response,
    );
  }
  // The recording's player code (not precached): kept once a page has loaded it, or asked to keep it.
  if (new URL(url).origin === self.location.origin && isPlayerChunk(new URL(url).pathname)) {
    return respondKept(request, url, plan.player.urls.includes(url) ? plan.player : null, true);
  }
  // This build's other files (fonts, the kiosk's code, the transcript): cache first, kept once fetched.
  if (plan.onDemand.urls.includes(url)) return respondKept(request, url, plan.onDemand, true);
  // The precache; page options (?kiosk, ?narration=…) still find index.html.
  const key = keyFor(items, request.url);
  if (!key) return null;
  return caches
    .open(PRECACHE)
    .then((cache) => cache.match(key))
    .then((stored) => stored ?? fetch(request));
}

self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET') return;
  const answer = route(event.request);
  if (answer) event.respondWith(answer);
});

self.addEventListener('install', (event) => {
  event.waitUntil(Promise.all([precache(), carryOver()]));
});

// The first install claims its page, so it works offline at once. Old recordings go only once the
// new ones are complete (never just because a version activated).
self.addEventListener('activate', (event) => {
  event.waitUntil(Promise.all([self.clients.claim(), prunePrecache(), pruneKept()]));
});

self.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown; kiosk?: unknown } | null;
  const type = data?.type;
  if (type === SKIP_WAITING_MESSAGE) void self.skipWaiting();
  if (type === KEEP_USED_MESSAGE) {
    const urls = (data as { urls?: unknown }).urls;
    if (Array.isArray(urls)) event.waitUntil(keepUsed(urls.filter((u): u is string => typeof u === 'string')).catch(() => undefined));
  }
  if (type === CACHE_AUDIO_MESSAGE) {
    event.waitUntil(keepForOffline(data?.kiosk === true).catch((error: unknown) => console.warn('[offline] not everything could be kept:', error)));
  }
});
