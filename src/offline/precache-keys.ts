/**
 * The precache's bookkeeping, without Workbox (its runtime was half the worker's download): the
 * cache key of each manifest entry (a file whose name carries no hash is kept under its URL plus
 * `?__WB_REVISION__=<revision>`, so two versions' copies coexist while a new version installs),
 * which key answers a request (any query ignored, a folder answered by its index.html), and the
 * byte range a media element asks for. Pure: tested in node.
 */
import type { ManifestEntryLike } from './kept-files.ts';

/** The query parameter that versions a precached file without a hash in its name (Workbox's, kept for continuity). */
export const REVISION_PARAM = '__WB_REVISION__';

/** One precached file: where it is fetched from, the key it is stored under, whether it must be revalidated. */
export interface PrecacheItem {
  url: string;
  key: string;
  /** A file without a hash in its name (index.html, edition.json): revalidate rather than trust the HTTP cache. */
  revisioned: boolean;
}

/** The precache items of a manifest, with absolute URLs against `base` (the worker's URL). */
export function precacheItems(entries: readonly (ManifestEntryLike | string)[], base: string): PrecacheItem[] {
  return entries.map((entry) => {
    const url = new URL(typeof entry === 'string' ? entry : entry.url, base);
    url.hash = '';
    const revision = typeof entry === 'string' ? null : entry.revision;
    const key = new URL(url.href);
    if (revision) key.searchParams.set(REVISION_PARAM, revision);
    return { url: url.href, key: key.href, revisioned: !!revision };
  });
}

/**
 * The key that answers a request for `requestUrl`, or null: the query and hash are ignored (page
 * options such as `?kiosk` still find index.html) and a folder's address finds its `index.html`.
 */
export function keyFor(items: readonly PrecacheItem[], requestUrl: string): string | null {
  const bare = requestUrl.split(/[?#]/)[0]!;
  const candidates = bare.endsWith('/') ? [bare, `${bare}index.html`] : [bare];
  for (const candidate of candidates) {
    const item = items.find((i) => i.url === candidate);
    if (item) return item.key;
  }
  return null;
}

/** The inclusive byte range of a `Range: bytes=…` header in a file of `size` bytes; null if unsatisfiable or not a single range. */
export function parseRange(header: string, size: number): { start: number; end: number } | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    // A suffix: the last N bytes.
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(size - 1, Number(match[2]));
  }
  return start <= end && start < size ? { start, end } : null;
}
