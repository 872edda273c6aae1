/**
 * Which of the build's files a device precaches, and which it keeps only once they are used. The
 * worker's manifest lists both builds (modern and legacy), three font families, the kiosk's code,
 * the transcript and the embed script; a visitor's browser runs one build and shows one font. The
 * worker precaches only what this browser's pages need to open and narrate offline; the rest is
 * "on demand": kept when a page first fetches it (a font chosen in Reading settings), when a page
 * reports it used it before the worker took over, or — in kiosk mode — all of it at once.
 * Pure: no worker globals, tested in node.
 */
import type { ManifestEntryLike } from './kept-files.ts';

/** The bundle a page runs: ES modules, or plugin-legacy's SystemJS bundle (browsers without modules). */
export type BuildKind = 'modern' | 'legacy';

/** The query parameter of the worker's URL that names the page's build (`sw.js?build=modern`). */
export const BUILD_PARAM = 'build';

/** What a manifest entry is, for the policy. */
export type EntryRole =
  /** The page, the document model, the stylesheet, the icon: every page uses them. */
  | 'shell'
  /** Code of one build (precached for that build only), or of both (`build` null). */
  | 'code'
  /** A reading font (`family` tells which). */
  | 'font'
  /** Code only a kiosk runs (the kiosk controller). */
  | 'kiosk'
  /** The <dialog> polyfill: loaded only where <dialog> is missing. */
  | 'dialog-polyfill'
  /** The recording's timed transcript (narration.vtt), offered as a download next to the recording. */
  | 'transcript'
  /** The embed script: for other sites, never used by the edition's own pages. */
  | 'embed'
  /** The EPUB talking book (edition.epub, ~4.4 MB): a download for reading systems, never cached by the worker. */
  | 'book'
  /**
   * The narration's code and the document model (edition.json): a page loads them only when the
   * reader reaches for the narration (the bar, a sentence), so they are kept then, not with every visit.
   */
  | 'narration';

/** An entry's role, build (for code) and font family (for fonts). */
export interface EntryClass {
  role: EntryRole;
  build: BuildKind | null;
  family: string | null;
}

/** The font family every page preloads (index.html's `<link rel=preload>`): precached, as it is fetched anyway. */
export const DEFAULT_FONT_FAMILY = 'atkinson-hyperlegible';

const FONT = /(?:^|\/)assets\/([a-z-]+?)-latin(?:-ext)?-\d{3}-(?:normal|italic)-[\w-]+\.woff2?$/;
/** plugin-legacy's files: `*-legacy-<hash>.js`, `polyfills-legacy-…`, `vite-legacy-entry-…`; the CSP plugin's `page-nomodule-…`. */
const LEGACY = /(?:^|\/)assets\/(?:[\w.-]*-legacy-[\w-]+|page-nomodule-[\w-]+)\.js$/;
const KIOSK = /(?:^|\/)assets\/kiosk-[\w.-]+\.js$/;
/** Classic scripts both builds' pages run (the settings script moved out of the HTML by the CSP plugin). */
const SHARED = /(?:^|\/)assets\/ne-early-settings-[\w-]+\.js$/;
const DIALOG_POLYFILL = /(?:^|\/)assets\/dialog-polyfill[\w.-]*\.js$/;
const NARRATION = /(?:^|\/)assets\/(?:narration-loader|lexicon)-[\w.-]+\.js$/;

/** The path of a manifest entry, relative to the site's root, without `./`. */
function pathOf(entry: ManifestEntryLike | string): string {
  return (typeof entry === 'string' ? entry : entry.url).replace(/^\.\//, '').split(/[?#]/)[0]!;
}

/** Classifies one manifest entry by its path. */
export function classifyEntry(entry: ManifestEntryLike | string): EntryClass {
  const path = pathOf(entry);
  const font = FONT.exec(path);
  if (font) return { role: 'font', build: null, family: font[1]! };
  if (path === 'narration.vtt') return { role: 'transcript', build: null, family: null };
  if (path === 'embed.js') return { role: 'embed', build: null, family: null };
  if (path.endsWith('.epub')) return { role: 'book', build: null, family: null };
  if (path === 'edition.json') return { role: 'narration', build: null, family: null };
  if (SHARED.test(path)) return { role: 'code', build: null, family: null };
  if (/\.js$/.test(path) && path.startsWith('assets/')) {
    const build: BuildKind = LEGACY.test(path) ? 'legacy' : 'modern';
    if (KIOSK.test(path)) return { role: 'kiosk', build, family: null };
    if (DIALOG_POLYFILL.test(path)) return { role: 'dialog-polyfill', build, family: null };
    if (NARRATION.test(path)) return { role: 'narration', build, family: null };
    return { role: 'code', build, family: null };
  }
  return { role: 'shell', build: null, family: null };
}

/** The browser the worker serves: its build (null when the page did not say: both are precached). */
export interface PrecacheNeeds {
  build: BuildKind | null;
}

/** The manifest, split: installed with the worker, or kept once used. */
export interface PrecacheSelection<T> {
  precache: T[];
  onDemand: T[];
}

/**
 * Splits the app-shell entries (audio and the player code already taken out) for one browser.
 * Precached: the shell, this build's code except the kiosk's, the narration's (kept once the reader
 * reaches for it) and the <dialog> polyfill (a modern build's browser has <dialog>; the legacy build
 * precaches it), and the default font. On demand: everything else except the other build's code,
 * which this browser never runs, and the EPUB (a download for reading systems, never cached).
 */
export function selectPrecache<T extends ManifestEntryLike | string>(entries: readonly T[], { build }: PrecacheNeeds): PrecacheSelection<T> {
  const precache: T[] = [];
  const onDemand: T[] = [];
  for (const entry of entries) {
    const kind = classifyEntry(entry);
    if (kind.build && build && kind.build !== build) continue; // the other build's code: never
    if (kind.role === 'book') continue; // a download for reading systems: never
    const now =
      kind.role === 'shell' ||
      kind.role === 'code' ||
      (kind.role === 'dialog-polyfill' && kind.build === 'legacy') ||
      (kind.role === 'font' && kind.family === DEFAULT_FONT_FAMILY && pathOf(entry).endsWith('.woff2'));
    (now ? precache : onDemand).push(entry);
  }
  return { precache, onDemand };
}

/** Whether a kiosk keeps this on-demand entry at once: everything a visitor can reach offline (not the embed script nor the EPUB). */
export function keptByKiosk(entry: ManifestEntryLike | string): boolean {
  const { role } = classifyEntry(entry);
  return role !== 'embed' && role !== 'book';
}

/** Whether a visitor who plays the recording keeps this on-demand entry with it (the transcript). */
export function keptWithRecording(entry: ManifestEntryLike | string): boolean {
  return classifyEntry(entry).role === 'transcript';
}

/** The build named by the worker's URL (`?build=modern|legacy`), or null. */
export function buildFromWorkerUrl(workerUrl: string): BuildKind | null {
  const value = new URL(workerUrl).searchParams.get(BUILD_PARAM);
  return value === 'modern' || value === 'legacy' ? value : null;
}
