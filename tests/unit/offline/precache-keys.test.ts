// The precache's keys (revisioned files versioned by a query, hashed files by name), which key
// answers a request (query ignored, a folder finds index.html), and byte ranges for audio.
import { describe, expect, it } from 'vitest';
import { keyFor, parseRange, precacheItems } from '../../../src/offline/precache-keys.ts';

const WORKER = 'https://museum.example/edition/sw.js?build=modern';
const ROOT = 'https://museum.example/edition/';

describe('precacheItems', () => {
  it('keys a file without a hash by its revision, a hashed file by its URL', () => {
    expect(precacheItems([{ url: 'index.html', revision: 'abc' }, { url: 'assets/app-X1.js', revision: null }, 'favicon.svg'], WORKER)).toEqual([
      { url: `${ROOT}index.html`, key: `${ROOT}index.html?__WB_REVISION__=abc`, revisioned: true },
      { url: `${ROOT}assets/app-X1.js`, key: `${ROOT}assets/app-X1.js`, revisioned: false },
      { url: `${ROOT}favicon.svg`, key: `${ROOT}favicon.svg`, revisioned: false },
    ]);
  });

  it('two versions of the page have two keys (they coexist while the new one installs)', () => {
    const [a] = precacheItems([{ url: 'index.html', revision: 'aaa' }], WORKER);
    const [b] = precacheItems([{ url: 'index.html', revision: 'bbb' }], WORKER);
    expect(a!.key).not.toBe(b!.key);
  });
});

describe('keyFor', () => {
  const items = precacheItems([{ url: 'index.html', revision: 'abc' }, { url: 'assets/app-X1.js', revision: null }], WORKER);
  it('finds index.html for the folder and for page options, whatever the query', () => {
    expect(keyFor(items, ROOT)).toBe(`${ROOT}index.html?__WB_REVISION__=abc`);
    expect(keyFor(items, `${ROOT}?kiosk&narration=recorded`)).toBe(`${ROOT}index.html?__WB_REVISION__=abc`);
    expect(keyFor(items, `${ROOT}index.html#s-12`)).toBe(`${ROOT}index.html?__WB_REVISION__=abc`);
    expect(keyFor(items, `${ROOT}assets/app-X1.js?v=1`)).toBe(`${ROOT}assets/app-X1.js`);
  });
  it('nothing for a file not precached', () => {
    expect(keyFor(items, `${ROOT}assets/lexend-latin-400-normal-Cw.woff2`)).toBeNull();
    expect(keyFor(items, 'https://museum.example/')).toBeNull();
  });
});

describe('parseRange', () => {
  it('reads start-end, open-ended and suffix ranges, clamped to the file', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=500-', 1000)).toEqual({ start: 500, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=900-5000', 1000)).toEqual({ start: 900, end: 999 });
  });
  it('null when unsatisfiable or not one range', () => {
    expect(parseRange('bytes=1000-', 1000)).toBeNull();
    expect(parseRange('bytes=5-2', 1000)).toBeNull();
    expect(parseRange('bytes=0-1,5-6', 1000)).toBeNull();
    expect(parseRange('bytes=-', 1000)).toBeNull();
    expect(parseRange('items=0-1', 1000)).toBeNull();
  });
});
