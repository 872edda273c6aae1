/**
 * What the offline copy keeps besides the precache, and under which cache names: the recorded
 * narration (its manifest, Opus/WebM and MP3, and the Editor's asides), the kiosk's spoken help (`interface.*`),
 * the recording's player code (the Howler backend and Howler's own chunk, modern and legacy), and
 * this build's on-demand files (`precache-policy.ts`: other fonts, the kiosk's code, the transcript). Each set
 * has a cache named after its own content — the build's precache revision (an MD5) of its JSON
 * index, or a hash of the player chunks' content-hashed names — so an update that does not change
 * a set keeps it as it is. These files are listed in the worker's precache manifest (that is how
 * the worker learns their revisions) but never precached: web visitors fetch none of them before
 * Play. Pure: the service worker hands in its manifest and its own URL.
 */

import { buildFromWorkerUrl, classifyEntry, keptByKiosk, keptWithRecording, selectPrecache, type BuildKind } from './precache-policy.ts';

/** The sets a device may keep for offline use. */
export type KeptKind = 'recording' | 'spoken-help' | 'player' | 'on-demand';

/** One set of files kept together, in one cache. */
export interface KeptSet {
  kind: KeptKind;
  /** Cache name: the kind's prefix and the set's content version. */
  cache: string;
  /** Absolute URLs, index first (the JSON index for audio). */
  urls: readonly string[];
  /** Whether this build has the set at all (a build without a recording has no recording set). */
  available: boolean;
}

/** Cache-name prefix of each kind. Caches of an older format named after the page (`ne-recorded-narration-<page revision>`) share the recording's prefix. */
export const KEPT_CACHE_PREFIX: Record<KeptKind, string> = {
  recording: 'ne-recorded-narration-',
  'spoken-help': 'ne-spoken-help-',
  player: 'ne-player-code-',
  'on-demand': 'ne-on-demand-',
};

/** A precache manifest entry (vite-plugin-pwa's `self.__WB_MANIFEST`). */
export interface ManifestEntryLike {
  url: string;
  revision?: string | null;
}

/** The precache list for workbox, and the kept sets. */
export interface OfflinePlan {
  /** The page's build, from the worker's URL (null: not said, both builds are precached). */
  build: BuildKind | null;
  precache: (ManifestEntryLike | string)[];
  recording: KeptSet;
  spokenHelp: KeptSet;
  player: KeptSet;
  /**
   * This build's files not precached (other fonts, the kiosk's code, the transcript…): each kept
   * when first used, in one cache named after the list. Never complete on the web.
   */
  onDemand: KeptSet;
  /** The on-demand URLs a kiosk keeps at once. */
  kioskUrls: readonly string[];
  /** The on-demand URLs kept with the recording (the transcript). */
  recordingUrls: readonly string[];
}

/** The player chunks: `assets/howler-<hash>.js`, `howler-backend-…`, and their `-legacy-` twins (only this build's are kept). */
const PLAYER_CHUNK = /(?:^|\/)assets\/howler-[\w-]+\.js$/;

/** Whether a URL path is one of the recording's player chunks. */
export function isPlayerChunk(path: string): boolean {
  return PLAYER_CHUNK.test(path);
}

/** FNV-1a, 32 bits, as 8 hex digits: a short, stable version of a list of URLs. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * Splits the worker's manifest: the app shell to precache, and the kept sets.
 * @param entries `self.__WB_MANIFEST` (URLs relative to the worker script).
 * @param workerUrl The worker script's URL (`self.location.href`); the site's root is its folder.
 */
export function planOffline(entries: readonly (ManifestEntryLike | string)[], workerUrl: string): OfflinePlan {
  const root = new URL('./', workerUrl).href;
  const audio = root + 'audio/';
  const resolve = (entry: ManifestEntryLike | string) => new URL(typeof entry === 'string' ? entry : entry.url, workerUrl).href;
  const revisionOf = (href: string) => {
    const entry = entries.find((e) => typeof e !== 'string' && resolve(e) === href);
    return typeof entry === 'object' && entry.revision ? entry.revision : null;
  };
  const audioSet = (kind: KeptKind, index: string, files: string[]): KeptSet => {
    const revision = revisionOf(audio + index);
    return {
      kind,
      cache: KEPT_CACHE_PREFIX[kind] + (revision ? revision.slice(0, 16) : 'none'),
      urls: [index, ...files].map((file) => audio + file),
      available: revision !== null,
    };
  };
  const build = buildFromWorkerUrl(workerUrl);
  const playerUrls = entries
    .filter((entry) => !build || classifyEntry(entry).build !== (build === 'modern' ? 'legacy' : 'modern'))
    .map(resolve)
    .filter((href) => href.startsWith(root) && isPlayerChunk(new URL(href).pathname))
    .sort();
  const allPlayerUrls = entries.map(resolve).filter((href) => href.startsWith(root) && isPlayerChunk(new URL(href).pathname));
  const shell = entries.filter((entry) => {
    const href = resolve(entry);
    return !href.startsWith(audio) && !allPlayerUrls.includes(href);
  });
  const { precache, onDemand } = selectPrecache(shell, { build });
  const onDemandUrls = onDemand.map(resolve);
  const onDemandVersion = onDemand.map((e) => `${resolve(e)} ${typeof e === 'string' ? '' : (e.revision ?? '')}`).sort();
  return {
    build,
    precache,
    // The Editor's asides (notes, "probably…") are part of the recording: a kiosk offline reads them too.
    recording: audioSet('recording', 'manifest.json', ['narration.webm', 'narration.mp3', 'asides.webm', 'asides.mp3']),
    spokenHelp: audioSet('spoken-help', 'interface.json', ['interface.webm', 'interface.mp3']),
    player: {
      kind: 'player',
      cache: KEPT_CACHE_PREFIX.player + shortHash(playerUrls.join('\n')),
      urls: playerUrls,
      available: playerUrls.length > 0,
    },
    onDemand: {
      kind: 'on-demand',
      cache: KEPT_CACHE_PREFIX['on-demand'] + shortHash(onDemandVersion.join('\n')),
      urls: onDemandUrls,
      available: onDemandUrls.length > 0,
    },
    kioskUrls: onDemand.filter(keptByKiosk).map(resolve),
    recordingUrls: onDemand.filter(keptWithRecording).map(resolve),
  };
}

/** The kept set a URL (without query or hash) belongs to, or null. */
export function keptSetOf(plan: OfflinePlan, url: string): KeptSet | null {
  return [plan.recording, plan.spokenHelp, plan.player, plan.onDemand].find((set) => set.urls.includes(url)) ?? null;
}

/** Caches of the same kind as `set` but another version: to delete once `set` is complete, not before. */
export function supersededCaches(cacheNames: readonly string[], set: KeptSet): string[] {
  return cacheNames.filter((name) => name.startsWith(KEPT_CACHE_PREFIX[set.kind]) && name !== set.cache);
}
