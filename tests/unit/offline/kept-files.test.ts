// The worker's manifest split: the app shell is precached; the recording, the spoken help and the
// player code are only listed, each versioned by its own content, so an update that does not change
// a set keeps its cache, and only a cache of another version of the same kind is ever superseded.
import { describe, expect, it } from 'vitest';
import { KEPT_CACHE_PREFIX, isPlayerChunk, keptSetOf, planOffline, supersededCaches } from '../../../src/offline/kept-files.ts';

const WORKER = 'https://museum.example/edition/sw.js';
const ROOT = 'https://museum.example/edition/';

const manifest = (overrides: Record<string, string> = {}) => [
  { url: 'index.html', revision: overrides['index.html'] ?? 'aaaa1111aaaa1111aaaa1111aaaa1111' },
  { url: 'edition.json', revision: 'bbbb' },
  { url: 'assets/index-DJv2MXOq.js', revision: null },
  { url: 'assets/index-legacy-BPidpVUt.js', revision: null },
  { url: 'assets/howler-SRRX-O0P.js', revision: null },
  { url: 'assets/howler-backend-82mNTzA6.js', revision: null },
  { url: 'assets/howler-legacy-B52VfUAX.js', revision: null },
  { url: 'assets/howler-backend-legacy-i_eStyRm.js', revision: null },
  { url: 'audio/manifest.json', revision: overrides['audio/manifest.json'] ?? 'cccc2222cccc2222cccc2222cccc2222' },
  { url: 'audio/interface.json', revision: overrides['audio/interface.json'] ?? 'dddd3333dddd3333dddd3333dddd3333' },
];

describe('planOffline', () => {
  it('precaches the app shell only: no audio index, no player code, no narration model (kept once used)', () => {
    const plan = planOffline(manifest(), WORKER);
    expect(plan.precache.map((e) => (typeof e === 'string' ? e : e.url))).toEqual([
      'index.html',
      'assets/index-DJv2MXOq.js',
      'assets/index-legacy-BPidpVUt.js',
    ]);
  });

  it('names the recording and spoken-help caches after their index revision, with absolute URLs, index first', () => {
    const plan = planOffline(manifest(), WORKER);
    expect(plan.recording).toEqual({
      kind: 'recording',
      cache: 'ne-recorded-narration-cccc2222cccc2222',
      urls: [
        `${ROOT}audio/manifest.json`,
        `${ROOT}audio/narration.webm`,
        `${ROOT}audio/narration.mp3`,
        `${ROOT}audio/asides.webm`,
        `${ROOT}audio/asides.mp3`,
      ],
      available: true,
    });
    expect(plan.spokenHelp.cache).toBe('ne-spoken-help-dddd3333dddd3333');
    expect(plan.spokenHelp.urls[0]).toBe(`${ROOT}audio/interface.json`);
  });

  it('keeps the player code as one set (modern and legacy, backend and Howler)', () => {
    const plan = planOffline(manifest(), WORKER);
    expect(plan.player.urls).toHaveLength(4);
    expect(plan.player.urls.every((u) => u.startsWith(`${ROOT}assets/howler-`))).toBe(true);
    expect(plan.player.cache).toMatch(/^ne-player-code-[0-9a-f]{8}$/);
  });

  it('an update that changes the page but not the recording keeps the same cache names', () => {
    const before = planOffline(manifest(), WORKER);
    const after = planOffline(manifest({ 'index.html': 'ffff9999ffff9999ffff9999ffff9999' }), WORKER);
    expect(after.recording.cache).toBe(before.recording.cache);
    expect(after.spokenHelp.cache).toBe(before.spokenHelp.cache);
    expect(after.player.cache).toBe(before.player.cache);
  });

  it('a new recording gets a new cache; new player chunks get a new player cache', () => {
    const before = planOffline(manifest(), WORKER);
    const recorded = planOffline(manifest({ 'audio/manifest.json': 'eeee4444eeee4444eeee4444eeee4444' }), WORKER);
    expect(recorded.recording.cache).not.toBe(before.recording.cache);
    expect(recorded.spokenHelp.cache).toBe(before.spokenHelp.cache);
    const rebuilt = planOffline(
      manifest().map((e) => (e.url === 'assets/howler-backend-82mNTzA6.js' ? { ...e, url: 'assets/howler-backend-Zz9x8Yy7.js' } : e)),
      WORKER,
    );
    expect(rebuilt.player.cache).not.toBe(before.player.cache);
  });

  it('a build without a recording has no recording set to keep', () => {
    const plan = planOffline(manifest().filter((e) => !e.url.startsWith('audio/')), WORKER);
    expect(plan.recording.available).toBe(false);
    expect(plan.spokenHelp.available).toBe(false);
  });
});

describe('keptSetOf and isPlayerChunk', () => {
  it('finds the set of a URL', () => {
    const plan = planOffline(manifest(), WORKER);
    expect(keptSetOf(plan, `${ROOT}audio/narration.mp3`)?.kind).toBe('recording');
    expect(keptSetOf(plan, `${ROOT}audio/interface.webm`)?.kind).toBe('spoken-help');
    expect(keptSetOf(plan, `${ROOT}assets/howler-SRRX-O0P.js`)?.kind).toBe('player');
    expect(keptSetOf(plan, `${ROOT}index.html`)).toBeNull();
  });
  it('recognises the player chunks only', () => {
    expect(isPlayerChunk('/edition/assets/howler-backend-legacy-i_eStyRm.js')).toBe(true);
    expect(isPlayerChunk('/assets/howler-SRRX-O0P.js')).toBe(true);
    expect(isPlayerChunk('/assets/narration-loader-DhMbUj4I.js')).toBe(false);
    expect(isPlayerChunk('/assets/howler-backend-82mNTzA6.js.map')).toBe(false);
  });
});

describe('supersededCaches', () => {
  it('lists caches of the same kind and another version only (the old page-named format included)', () => {
    const plan = planOffline(manifest(), WORKER);
    const names = [
      'workbox-precache-v2-https://museum.example/edition/',
      plan.recording.cache,
      `${KEPT_CACHE_PREFIX.recording}0123456789abcdef`,
      'ne-recorded-narration-f3ed987f0485cee946e13ffe6d48f786',
      plan.spokenHelp.cache,
      `${KEPT_CACHE_PREFIX['spoken-help']}old`,
      plan.player.cache,
    ];
    expect(supersededCaches(names, plan.recording)).toEqual([
      `${KEPT_CACHE_PREFIX.recording}0123456789abcdef`,
      'ne-recorded-narration-f3ed987f0485cee946e13ffe6d48f786',
    ]);
    expect(supersededCaches(names, plan.spokenHelp)).toEqual([`${KEPT_CACHE_PREFIX['spoken-help']}old`]);
    expect(supersededCaches(names, plan.player)).toEqual([]);
  });
});
