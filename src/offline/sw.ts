/// <reference lib="webworker" />
/**
 * The offline service worker. It precaches the app shell (page, JS and CSS chunks, the modern
 * and legacy ones, fonts, edition.json, narration.vtt). The recorded narration (manifest,
 * Opus/WebM and MP3, ~7 MB) is stored only when a page asks (`ne:cache-audio`): when it first
 * plays the recording, or at once in kiosk mode — so no audio is fetched before Play on the web,
 * and after a visit that played it (or any kiosk visit) the edition narrates without a network.
 * Media elements ask for byte ranges: audio is answered from the cache with 206 partial
 * responses. A new version installs and waits; a page sends `ne:skip-waiting` after a kiosk
 * idle reset (never mid-reading). The first install claims its page so it works offline at once.
 * Built by vite-plugin-pwa (injectManifest), which fills in `self.__WB_MANIFEST`.
 */
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { createPartialResponse } from 'workbox-range-requests';
import { clientsClaim } from 'workbox-core';
import { CACHE_AUDIO_MESSAGE, SKIP_WAITING_MESSAGE } from './update-policy.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

const audioPrefix = new URL('audio/', self.registration.scope).href;
const AUDIO_FILES = ['manifest.json', 'narration.webm', 'narration.mp3'].map((file) => audioPrefix + file);
/** The kiosk's spoken-help sprite: kept only when a kiosk asks (web visitors never fetch it). */
const INTERFACE_FILES = ['interface.json', 'interface.webm', 'interface.mp3'].map((file) => audioPrefix + file);
/** One audio cache per build (named after the page's precache revision), so a new recording replaces the old. */
const PRECACHE = self.__WB_MANIFEST;
const pageEntry = PRECACHE.find((e) => typeof e !== 'string' && e.url.endsWith('index.html'));
const AUDIO_CACHE = `ne-recorded-narration-${typeof pageEntry === 'object' ? pageEntry.revision : 'v1'}`;

/** Stores the recorded narration (whole files, not ranges) if it is not stored yet. */
async function cacheAudio(kiosk: boolean): Promise<void> {
  const cache = await caches.open(AUDIO_CACHE);
  for (const url of kiosk ? [...INTERFACE_FILES, ...AUDIO_FILES] : AUDIO_FILES) {
    if (await cache.match(url)) continue;
    const response = await fetch(url, { cache: 'no-store' });
    if (response.ok && response.status === 200) await cache.put(url, response);
  }
}

// Audio first (routes match in registration order): stored files answer ranges with 206.
registerRoute(
  ({ url }) => url.href.startsWith(audioPrefix),
  async ({ request }) => {
    const url = request.url.split(/[?#]/)[0]!;
    const cached = (await (await caches.open(AUDIO_CACHE)).match(url)) ?? (await matchPrecache(url));
    if (!cached) return fetch(request);
    return request.headers.has('range') ? createPartialResponse(request, cached) : cached;
  },
);

// The recording's player code (not precached, see vite.config.ts): kept once a page has loaded it.
registerRoute(
  ({ url }) => url.origin === self.location.origin && /\/assets\/howler-[\w-]+\.js$/.test(url.pathname),
  async ({ request }) => {
    const cache = await caches.open(AUDIO_CACHE);
    const cached = await cache.match(request);
    if (cached) return cached;
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  },
);

// Everything else that was precached; page options (?kiosk, ?narration=…) still find index.html.
precacheAndRoute(PRECACHE, { ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();
clientsClaim();

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((names) =>
      Promise.all(names.filter((n) => n.startsWith('ne-recorded-narration-') && n !== AUDIO_CACHE).map((n) => caches.delete(n))),
    ),
  );
});

self.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown; kiosk?: unknown } | null;
  const type = data?.type;
  if (type === SKIP_WAITING_MESSAGE) void self.skipWaiting();
  if (type === CACHE_AUDIO_MESSAGE) event.waitUntil(cacheAudio(data?.kiosk === true).catch(() => undefined));
});
