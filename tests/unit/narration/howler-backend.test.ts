// HowlerBackend over a fake Howl, fake timers and counted frames: loading, continuous playback
// across sentences, timing from the audio clock, abort, pause/resume, errors, the stall
// watchdog, rate, seek lag, word times and the hidden-tab timer fallback. No real audio.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AudioManifest } from '../../../src/narration/audio-manifest.ts';
import {
  HowlerBackend,
  resolveAudioUrl,
  type HowlOptionsLike,
  type HowlerBackendOptions,
} from '../../../src/narration/backends/howler-backend.ts';
import { WORD_LEAD_MS } from '../../../src/narration/backends/sentence-follower.ts';
import { NarrationError, type NarrationItem, type VoiceCast } from '../../../src/narration/types.ts';
import { FakeHowl, fakeFrames, testManifest, type FakeHowlOptions } from './fake-howl.ts';
import { SCRIPT, advance } from './helpers.ts';

beforeEach(() => {
  vi.useFakeTimers();
  FakeHowl.instances = [];
});
afterEach(() => {
  vi.useRealTimers();
});

const MANIFEST_URL = 'https://example.org/edition/audio/manifest.json';
const CAST = {} as VoiceCast;
const items = Object.fromEntries(SCRIPT.items.map((i) => [i.id, i])) as Record<string, NarrationItem>;

interface SetupOptions {
  fake?: FakeHowlOptions;
  manifest?: AudioManifest;
  hidden?: boolean;
  backend?: Partial<HowlerBackendOptions>;
}

function setup(options: SetupOptions = {}) {
  const frames = fakeFrames();
  let hidden = options.hidden ?? false;
  const loadManifest = vi.fn(async (_url: string, _signal: AbortSignal) => structuredClone(options.manifest ?? testManifest()));
  const createHowl = vi.fn((o: HowlOptionsLike) => new FakeHowl(o, options.fake));
  const backend = new HowlerBackend({
    manifestUrl: MANIFEST_URL,
    loadManifest,
    createHowl,
    frames,
    isHidden: () => hidden,
    now: () => Date.now(),
    ...options.backend,
  });
  const t0 = Date.now();
  return {
    backend,
    frames,
    loadManifest,
    createHowl,
    setHidden: (value: boolean) => (hidden = value),
    howl: () => FakeHowl.instances.at(-1)!,
    /** Milliseconds of fake time since setup. */
    elapsed: () => Date.now() - t0,
  };
}

async function ready(options: SetupOptions = {}) {
  const s = setup(options);
  const preparing = s.backend.prepare(new AbortController().signal);
  await advance();
  await preparing;
  return s;
}

/** Reads one sentence and records its outcome and callbacks with the fake time. */
function read(backend: HowlerBackend, id: string, options: { rate?: number; signal?: AbortSignal } = {}) {
  const record = {
    startedAt: null as number | null,
    words: [] as [number, number][],
    /** Every word callback with its time: `[ms, start]`, start −1 for `onWordEnd`. */
    wordLog: [] as [number, number][],
    done: false,
    doneAt: null as number | null,
    error: null as NarrationError | null,
  };
  const signal = options.signal ?? new AbortController().signal;
  const t = Date.now();
  backend
    .readSentence(
      items[id]!,
      { rate: options.rate ?? 1, cast: CAST },
      {
        onStart: () => (record.startedAt = Date.now() - t),
        onWord: (start, length) => {
          record.words.push([start, length]);
          record.wordLog.push([Date.now() - t, start]);
        },
        onWordEnd: () => record.wordLog.push([Date.now() - t, -1]),
      },
      signal,
    )
    .then(
      () => {
        record.done = true;
        record.doneAt = Date.now() - t;
      },
      (err: NarrationError) => {
        record.done = true;
        record.error = err;
      },
    );
  return record;
}

/** Reads `ids` one after the other, each started as soon as the one before resolves (like the engine). */
function readChain(backend: HowlerBackend, ids: string[]) {
  const t0 = Date.now();
  const log: { id: string; startedAt: number | null; endedAt: number | null; error: NarrationError | null }[] = [];
  const next = (i: number): void => {
    const id = ids[i];
    if (id === undefined) return;
    const entry = { id, startedAt: null as number | null, endedAt: null as number | null, error: null as NarrationError | null };
    log.push(entry);
    backend
      .readSentence(items[id]!, { rate: 1, cast: CAST }, { onStart: () => (entry.startedAt = Date.now() - t0) }, new AbortController().signal)
      .then(
        () => {
          entry.endedAt = Date.now() - t0;
          next(i + 1);
        },
        (err: NarrationError) => (entry.error = err),
      );
  };
  next(0);
  return log;
}

describe('prepare', () => {
  it('requests nothing until prepare() (no manifest, no Howl)', async () => {
    const s = setup();
    await advance(1000);
    expect(s.loadManifest).not.toHaveBeenCalled();
    expect(s.createHowl).not.toHaveBeenCalled();
    expect(s.backend.manifest).toBeNull();
    expect(s.backend.currentTimeMs()).toBe(0);
  });

  it('loads the manifest, then creates one HTML5 Howl with Opus then MP3, relative to the manifest', async () => {
    const s = await ready();
    expect(s.loadManifest).toHaveBeenCalledTimes(1);
    expect(s.loadManifest.mock.calls[0]![0]).toBe(MANIFEST_URL);
    expect(s.createHowl).toHaveBeenCalledTimes(1);
    expect(s.createHowl.mock.calls[0]![0]).toEqual({
      src: ['https://example.org/edition/audio/narration.webm', 'https://example.org/edition/audio/narration.mp3'],
      format: ['webm', 'mp3'],
      html5: true,
      preload: true,
    });
    expect(s.backend.manifest?.order).toEqual(['s0', 's1', 's2', 's3', 's4', 's5']);
    expect(s.howl().calls).toEqual([]); // nothing played yet
  });

  it('shares one load between concurrent calls and returns the same promise once ready', async () => {
    const s = setup();
    const a = s.backend.prepare(new AbortController().signal);
    const b = s.backend.prepare(new AbortController().signal);
    await advance();
    await Promise.all([a, b]);
    expect(s.createHowl).toHaveBeenCalledTimes(1);
    const c = s.backend.prepare(new AbortController().signal);
    expect(s.backend.prepare(new AbortController().signal)).toBe(c);
    await c;
    expect(s.loadManifest).toHaveBeenCalledTimes(1);
  });

  it('rejects a caller whose signal aborts, and keeps loading for the next call', async () => {
    const s = setup();
    const controller = new AbortController();
    const first = s.backend.prepare(controller.signal);
    controller.abort(new Error('gone'));
    await expect(first).rejects.toThrow('gone');
    const second = s.backend.prepare(new AbortController().signal);
    await advance();
    await second;
    expect(s.createHowl).toHaveBeenCalledTimes(1);
  });

  it('loaderror → audio-failed with the plain message (after one retry with the MP3 alone)', async () => {
    const s = setup({ fake: { load: 'error' } });
    const preparing = s.backend.prepare(new AbortController().signal);
    const outcome = preparing.catch((e: unknown) => e);
    await advance(10);
    const err = (await outcome) as NarrationError;
    expect(err).toBeInstanceOf(NarrationError);
    expect(err.code).toBe('audio-failed');
    expect(err.message).toBe(
      'The recorded narration could not be loaded. The text is still here to read, and the device voice may still work.',
    );
    expect(s.createHowl).toHaveBeenCalledTimes(2);
    expect(s.createHowl.mock.calls[1]![0].src).toEqual(['https://example.org/edition/audio/narration.mp3']);
    expect(FakeHowl.instances.every((h) => h.calls.includes('unload'))).toBe(true);
    // A later call tries again (with a new Howl).
    const again = s.backend.prepare(new AbortController().signal).catch((e: unknown) => e);
    await advance(10);
    expect(((await again) as NarrationError).code).toBe('audio-failed');
    expect(s.createHowl).toHaveBeenCalledTimes(4);
  });

  it('a manifest that cannot be fetched or is not a manifest → audio-failed', async () => {
    const failing = new HowlerBackend({
      manifestUrl: MANIFEST_URL,
      loadManifest: () => Promise.reject(new Error('HTTP 404')),
      createHowl: (o) => new FakeHowl(o),
    });
    await expect(failing.prepare(new AbortController().signal)).rejects.toMatchObject({ code: 'audio-failed' });
    const garbage = new HowlerBackend({
      manifestUrl: MANIFEST_URL,
      loadManifest: async () => ({ hello: 'world' }) as unknown as AudioManifest,
      createHowl: (o) => new FakeHowl(o),
    });
    await expect(garbage.prepare(new AbortController().signal)).rejects.toMatchObject({ code: 'audio-failed' });
    expect(FakeHowl.instances).toHaveLength(0);
  });

  it('resolves file names against the manifest URL, also a relative one', () => {
    expect(resolveAudioUrl('a.webm', 'https://x.org/e/audio/manifest.json')).toBe('https://x.org/e/audio/a.webm');
    expect(resolveAudioUrl('a.webm', 'audio/manifest.json?v=2')).toBe('audio/a.webm');
    expect(resolveAudioUrl('https://cdn.org/a.mp3', 'audio/manifest.json')).toBe('https://cdn.org/a.mp3');
  });

  it('an Ogg Opus file gets Howler format "opus"', async () => {
    const manifest = testManifest();
    manifest.files = { opus: 'n.ogg', mp3: 'n.mp3' };
    const s = await ready({ manifest });
    expect(s.createHowl.mock.calls[0]![0].format).toEqual(['opus', 'mp3']);
  });
});

describe('reading sentences from the audio clock', () => {
  it('seeks to the sentence and plays; onStart at once; resolves when the clock reaches its end', async () => {
    const s = await ready();
    const r = read(s.backend, 's2');
    expect(s.howl().seeks).toEqual([3]);
    expect(s.howl().playing()).toBe(true);
    expect(r.startedAt).toBe(0);
    await advance(990);
    expect(r.done).toBe(false);
    await advance(30);
    expect(r.done).toBe(true);
    expect(r.error).toBeNull();
    expect(r.doneAt!).toBeGreaterThanOrEqual(1000);
    expect(r.doneAt!).toBeLessThanOrEqual(1016);
  });

  it('plays consecutive sentences continuously: one seek, one play, timing from the clock', async () => {
    const s = await ready();
    const log = readChain(s.backend, ['s0', 's1', 's2', 's3', 's4']);
    await advance(8000);
    expect(log.map((l) => l.id)).toEqual(['s0', 's1', 's2', 's3', 's4']);
    expect(log.every((l) => l.error === null && l.endedAt !== null)).toBe(true);
    const howl = s.howl();
    expect(howl.seeks).toEqual([0]);
    expect(howl.calls.filter((c) => c.startsWith('play'))).toHaveLength(1);
    expect(howl.calls).not.toContain('pause');
    const manifest = testManifest();
    for (const entry of log) {
      const { start, end } = manifest.sentences[entry.id]!;
      // onStart when the clock reaches the start (within a frame), never before start − 20 ms.
      expect(entry.startedAt!).toBeGreaterThanOrEqual(Math.max(0, start - 20));
      expect(entry.startedAt!).toBeLessThanOrEqual(Math.max(0, start - 20) + 16);
      expect(entry.endedAt!).toBeGreaterThanOrEqual(end);
      expect(entry.endedAt!).toBeLessThanOrEqual(end + 16);
    }
  });

  it('seeks when jumping (after cancel) and when asked for a sentence far from the clock', async () => {
    const s = await ready();
    const first = read(s.backend, 's0');
    await advance(500);
    s.backend.cancel(); // the engine: abort + cancel on a jump
    await advance();
    expect(first.done).toBe(true);
    expect(first.error).toBeNull();
    expect(s.howl().playing()).toBe(false);
    const r = read(s.backend, 's4');
    expect(s.howl().seeks).toEqual([0, 6.5]);
    expect(s.howl().playing()).toBe(true);
    expect(r.startedAt).toBe(0);
    // Playing at s4, asked for s1 without a cancel: a seek, no second play.
    const plays = s.howl().calls.filter((c) => c.startsWith('play')).length;
    const back = read(s.backend, 's1');
    expect(s.howl().seeks.at(-1)).toBe(1.2);
    expect(s.howl().calls.filter((c) => c.startsWith('play'))).toHaveLength(plays);
    await advance(1400);
    expect(back.done).toBe(true);
  });

  it('calls onStart only when the clock reaches the start (a sentence after a gap)', async () => {
    const s = await ready();
    read(s.backend, 's0');
    await advance(1016);
    // The clock is at ~1016 ms, s1 starts at 1200: flows on, no seek; onStart at ≥ 1180.
    const t = Date.now();
    const r = read(s.backend, 's1');
    expect(s.howl().seeks).toEqual([0]);
    expect(r.startedAt).toBeNull();
    await advance(150);
    expect(r.startedAt).toBeNull();
    await advance(40);
    expect(r.startedAt).not.toBeNull();
    expect(Date.now() - t - 40).toBeLessThanOrEqual(1200);
  });

  it('reports word times as offsets into the displayed text', async () => {
    const s = await ready();
    const r = read(s.backend, 's1');
    await advance(1400);
    expect(r.done).toBe(true);
    // "Snow fell on the city." → Snow, fell, on, the, city
    expect(r.words).toEqual([
      [0, 4],
      [5, 4],
      [10, 2],
      [13, 3],
      [17, 4],
    ]);
  });

  it('clears the word in the pauses between words and at the sentence end, on the clock', async () => {
    const s = await ready();
    const r = read(s.backend, 's1');
    await advance(1400);
    expect(r.done).toBe(true);
    // Words [1200,1400) [1450,1700) [1750,1850) [1900,2000) [2050,2500) from a clock starting at 1200.
    const ends = r.wordLog.filter(([, start]) => start === -1).map(([ms]) => ms);
    expect(r.wordLog.map(([, start]) => start)).toEqual([0, -1, 5, -1, 10, -1, 13, -1, 17, -1]);
    // The first word ends at 1400 (clock 200 ms in), looked at half a frame ahead (WORD_LEAD_MS).
    expect(ends[0]).toBeGreaterThanOrEqual(200 - WORD_LEAD_MS);
    expect(ends[0]).toBeLessThan(250);
    expect(ends.at(-1)).toBeGreaterThanOrEqual(1300 - WORD_LEAD_MS);
  });

  it('a sentence whose word offsets run past its text gets no word highlight, and still plays', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const manifest = testManifest();
    manifest.sentences.s1!.words![4]!.to = 99; // "Snow fell on the city." has 22 characters
    const s = await ready({ manifest });
    const r = read(s.backend, 's1');
    await advance(1400);
    expect(r.done).toBe(true);
    expect(r.error).toBeNull();
    expect(r.words).toEqual([]);
    expect(errors.mock.calls.join('\n')).toMatch(/word times of s1 are damaged .*beyond the text/);
    errors.mockRestore();
  });

  it('applies the overall rate to the Howl (keeps the pitch in HTML5 mode), once', async () => {
    const s = await ready();
    const r = read(s.backend, 's2', { rate: 2 });
    expect(s.howl().calls).toContain('rate:2');
    await advance(520);
    expect(r.done).toBe(true);
    read(s.backend, 's3', { rate: 2 });
    expect(s.howl().calls.filter((c) => c.startsWith('rate'))).toHaveLength(1);
    read(s.backend, 's3', { rate: 9 });
    expect(s.howl().calls).toContain('rate:4'); // clamped to what HTML5 audio plays
  });

  it('re-applies a rate that Howler queued and never ran (quick second speed change)', async () => {
    const s = await ready();
    read(s.backend, 's1', { rate: 1.25 });
    await advance(50);
    s.howl().queuedRates = 1; // the next rate() call is swallowed, like Howler's stalled queue
    read(s.backend, 's1', { rate: 1.5 });
    await advance(400);
    const calls = s.howl().calls;
    expect(calls).toContain('rate-queued:1.5');
    expect(calls.lastIndexOf('rate:1.5')).toBeGreaterThan(calls.indexOf('rate-queued:1.5'));
    expect(s.howl().rate()).toBe(1.5);
  });

  it('aborting stops the loop and the callbacks, resolves quietly, and leaves the sound alone', async () => {
    const s = await ready();
    const controller = new AbortController();
    const r = read(s.backend, 's1', { signal: controller.signal });
    await advance(100);
    const words = r.words.length;
    const requests = s.frames.requests;
    controller.abort();
    await advance(3000);
    expect(r.done).toBe(true);
    expect(r.error).toBeNull();
    expect(r.words).toHaveLength(words);
    expect(s.frames.requests).toBe(requests);
    expect(s.howl().calls.filter((c) => c === 'pause' || c === 'stop' || c === 'unload')).toEqual([]);
    // An already aborted signal: nothing happens at all.
    const seeks = s.howl().seeks.length;
    const done = new AbortController();
    done.abort();
    const quiet = read(s.backend, 's2', { signal: done.signal });
    await advance();
    expect(quiet).toMatchObject({ done: true, error: null, startedAt: null });
    expect(s.howl().seeks).toHaveLength(seeks);
  });

  it('pause() holds the sentence (no stall, no end) and resume() continues it', async () => {
    const s = await ready();
    const r = read(s.backend, 's2');
    await advance(400);
    expect(s.backend.pause()).toBe(true);
    expect(s.howl().playing()).toBe(false);
    const requests = s.frames.requests;
    await advance(10_000);
    expect(r.done).toBe(false);
    expect(s.frames.requests).toBe(requests); // no frame loop while paused
    expect(s.backend.resume()).toBe(true);
    expect(s.howl().playing()).toBe(true);
    await advance(580);
    expect(r.done).toBe(false);
    await advance(40);
    expect(r.done).toBe(true);
    expect(r.error).toBeNull();
    expect(s.howl().seeks).toEqual([3]); // resumed in place
  });

  it('cancel() pauses the Howl (no unload) and settles the sentence; dispose() unloads', async () => {
    const s = await ready();
    const r = read(s.backend, 's2');
    s.backend.cancel();
    await advance();
    expect(r).toMatchObject({ done: true, error: null });
    expect(s.howl().calls).toContain('pause');
    expect(s.howl().calls).not.toContain('unload');
    s.backend.dispose();
    expect(s.howl().calls).toContain('unload');
    await expect(s.backend.prepare(new AbortController().signal)).rejects.toMatchObject({ code: 'audio-failed' });
  });

  it('a sentence without a recording → audio-failed', async () => {
    const s = await ready();
    const missing: NarrationItem = { ...items.s0!, id: 'nope' };
    await expect(
      s.backend.readSentence(missing, { rate: 1, cast: CAST }, { onStart: () => {} }, new AbortController().signal),
    ).rejects.toMatchObject({ code: 'audio-failed', message: 'This sentence has no recording.' });
  });

  it('readSentence before prepare → audio-failed', async () => {
    const s = setup();
    await expect(
      s.backend.readSentence(items.s0!, { rate: 1, cast: CAST }, { onStart: () => {} }, new AbortController().signal),
    ).rejects.toMatchObject({ code: 'audio-failed' });
  });

  it('watchdog: a clock that stops advancing for ~4 s → audio-failed', async () => {
    const s = await ready();
    const r = read(s.backend, 's3');
    await advance(300);
    s.howl().frozen = true;
    await advance(3900);
    expect(r.done).toBe(false);
    await advance(200);
    expect(r.error).toMatchObject({ code: 'audio-failed', message: 'The recorded narration stopped unexpectedly.' });
  });

  it('hidden tab: follows the clock with a timer instead of frames, and still ends on time', async () => {
    const s = await ready({ hidden: true });
    const r = read(s.backend, 's2');
    await advance(1000 + 100);
    expect(r.done).toBe(true);
    expect(r.doneAt!).toBeLessThanOrEqual(1080);
    expect(s.frames.requests).toBe(0);
    // Visible again: frames again.
    s.setHidden(false);
    const again = read(s.backend, 's3');
    await advance(2000);
    expect(again.done).toBe(true);
    expect(s.frames.requests).toBeGreaterThan(50);
  });

  it('a frame that never comes (tab hidden meanwhile) is replaced by the guard timer', async () => {
    const frames = { requests: 0, request: () => (frames.requests++, 0), cancel: () => {} };
    const s = await ready({ backend: { frames } });
    const r = read(s.backend, 's2');
    await advance(1300);
    expect(r.done).toBe(true);
    expect(r.error).toBeNull();
  });

  it('seek lag: stale readings after a seek neither end nor skip the sentence', async () => {
    const s = await ready();
    read(s.backend, 's5');
    await advance(500); // clock at ~7.6 s
    s.backend.cancel();
    s.howl().staleReadsAfterSeek = 5;
    const r = read(s.backend, 's1');
    expect(s.backend.currentTimeMs()).toBe(1200); // anchored at the target, not the stale 7600
    await advance(50);
    expect(r.done).toBe(false);
    expect(r.startedAt).toBe(0);
    await advance(1300);
    expect(r.done).toBe(true);
    expect(r.error).toBeNull();
    expect(r.doneAt!).toBeGreaterThanOrEqual(1300);
  });

  it('the last sentence resolves with the file’s end event and stops the sound', async () => {
    const s = await ready();
    const r = read(s.backend, 's5'); // manifest says 8.3 s, the file ends at 8.2 s
    await advance(1150);
    expect(r.done).toBe(true);
    expect(r.error).toBeNull();
    expect(s.howl().playing()).toBe(false);
  });

  it('the last sentence pauses the sound when the clock reaches its end', async () => {
    const manifest = testManifest();
    manifest.sentences.s5!.end = 7800;
    manifest.sentences.s5!.spans[0]!.end = 7800;
    const s = await ready({ manifest });
    const r = read(s.backend, 's5');
    await advance(720);
    expect(r.done).toBe(true);
    expect(s.howl().playing()).toBe(false);
    expect(s.howl().calls.at(-1)).toMatch(/^pause/);
  });

  it('a file that ends in the middle of a sentence → audio-failed', async () => {
    // A stream that does not report its length gets past prepare(); its early end is still caught.
    const s = await ready({ fake: { durationSec: 3.5, reportedDurationSec: Number.NaN } });
    const r = read(s.backend, 's3');
    await advance(200);
    expect(r.error).toMatchObject({ code: 'audio-failed' });
  });

  it('a truncated file is refused when it loads, with a message for people (never loops)', async () => {
    const s = setup({ fake: { durationSec: 3.5 } });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const preparing = s.backend.prepare(new AbortController().signal);
    const outcome = expect(preparing).rejects.toMatchObject({
      code: 'audio-failed',
      message: expect.stringMatching(/^The recording is incomplete \(its file is shorter than the text\)/),
    });
    await advance();
    await outcome;
    expect(errors.mock.calls.flat().join(' ')).toContain('the file lasts 3500 ms, the timeline 8300 ms');
    errors.mockRestore();
  });

  describe('a file cut short with its header intact (the announced length is the full one)', () => {
    const cutShort = { fake: { dataEndsAtSec: 2.3 } };
    const INCOMPLETE_HERE = /^The recording is incomplete or damaged at this point, so the narration stopped\./;

    it('the early end of the data stops the sentence with a message for people, and nothing plays on', async () => {
      const s = await ready(cutShort);
      const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const r = read(s.backend, 's1'); // 1200–2500 ms: the data ends at 2300
      await advance(1300);
      expect(r.error).toMatchObject({ code: 'audio-failed', message: expect.stringMatching(INCOMPLETE_HERE) });
      expect(errors.mock.calls.flat().join(' ')).toContain('the file ended at 2300 ms, it announced 8200 ms and the text lasts 8300 ms');
      // Never looped: no play() after the end (the file would start over at 0:00).
      const playsAfterEnd = s.howl().calls.slice(s.howl().calls.lastIndexOf('seek:1.2')).filter((c) => c.startsWith('play'));
      expect(playsAfterEnd.length).toBeLessThanOrEqual(1);
      errors.mockRestore();
    });

    it('a seek past the end of the data (it lands at 0:00) stops with the message within the seek timeout', async () => {
      const s = await ready({ fake: { dataEndsAtSec: 3.5 } });
      const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const r = read(s.backend, 's3'); // 4100 ms: past the data
      await advance(2500);
      expect(r.error).toBeNull(); // still waiting for the seek to land
      expect(r.done).toBe(false);
      await advance(1000);
      expect(r.error).toMatchObject({ code: 'audio-failed', message: expect.stringMatching(INCOMPLETE_HERE) });
      expect(errors.mock.calls.flat().join(' ')).toMatch(/a seek to 4100 ms did not land/);
      errors.mockRestore();
    });
  });

  it('a clock that jumps backwards with no seek of ours stops the sentence (the file started over)', async () => {
    const s = await ready();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const r = read(s.backend, 's3'); // 4100–6000
    await advance(600);
    expect(r.error).toBeNull();
    s.howl().seek(0.2); // the element moves on its own (not through the backend)
    await advance(50);
    expect(r.error).toMatchObject({ code: 'audio-failed', message: expect.stringMatching(/^The recording is incomplete or damaged at this point/) });
    expect(errors.mock.calls.flat().join(' ')).toMatch(/the clock jumped back from 4\d{3} to 2\d\d ms/);
    errors.mockRestore();
  });

  it('an end queued before a seek (stale) is ignored: the sentence plays on', async () => {
    const s = await ready();
    const r = read(s.backend, 's2');
    await advance(100);
    s.howl().emit('end'); // arrives 100 ms after our seek, with the element at 3.1 s
    await advance(1100);
    expect(r.error).toBeNull();
    expect(r.done).toBe(true);
  });

  it('a manifest entry with a non-numeric end is refused when it loads', async () => {
    const manifest = testManifest();
    (manifest.sentences.s2 as { end: unknown }).end = 'soon';
    const s = setup({ manifest });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const preparing = s.backend.prepare(new AbortController().signal);
    const outcome = expect(preparing).rejects.toMatchObject({ code: 'audio-failed', message: expect.stringMatching(/^The recording’s index is damaged/) });
    await advance();
    await outcome;
    expect(errors.mock.calls.flat().join(' ')).toContain('s2: start/end not numbers');
    errors.mockRestore();
  });

  it('playerror (autoplay blocked): plays again on unlock', async () => {
    const s = await ready({ fake: { blockedPlays: 1 } });
    const r = read(s.backend, 's2');
    await advance(10);
    expect(s.howl().playing()).toBe(false);
    s.howl().unlock();
    expect(s.howl().playing()).toBe(true);
    await advance(1100);
    expect(r).toMatchObject({ done: true, error: null });
  });

  it('playerror without an unlock → audio-failed within a few seconds', async () => {
    const s = await ready({ fake: { blockedPlays: 1 } });
    const r = read(s.backend, 's2');
    await advance(2900);
    expect(r.done).toBe(false);
    await advance(200);
    expect(r.error).toMatchObject({ code: 'audio-failed' });
    expect(s.howl().listenerCount('unlock')).toBe(0);
  });

  it('plays again when a play() was dropped (Howler drops a play queued behind a pending one)', async () => {
    const s = await ready({ fake: { droppedPlays: 1 } });
    const r = read(s.backend, 's2');
    expect(s.howl().playing()).toBe(false);
    await advance(350);
    expect(s.howl().playing()).toBe(true);
    await advance(1000);
    expect(r).toMatchObject({ done: true, error: null });
  });

  it('keeps one sound: plays by id once it has one', async () => {
    const s = await ready();
    read(s.backend, 's0');
    s.backend.pause();
    s.backend.resume();
    expect(s.howl().calls.filter((c) => c.startsWith('play'))).toEqual(['play', 'play:1001']);
  });
});

// --- the Editor's asides (their own file, a second Howl created on the first aside) ------------

const ASIDES_SRC = ['https://example.org/edition/audio/asides.webm', 'https://example.org/edition/audio/asides.mp3'];

/** The test manifest with an asides recording: note-a 500–2000, uncertain-b 2600–3500, note-c 4000–4800 (file 5 s). */
function withAsides(manifest = testManifest()): AudioManifest {
  return {
    ...manifest,
    asides: {
      files: { opus: 'asides.webm', mp3: 'asides.mp3' },
      durationMs: 5000,
      clips: {
        'note-a': { start: 500, end: 2000, hash: 'a' },
        'uncertain-b': { start: 2600, end: 3500, hash: 'b' },
        'note-c': { start: 4000, end: 4800, hash: 'c' },
      },
    },
  };
}

const aside = (id: string): NarrationItem => ({
  id,
  index: -1,
  speaker: 'editor',
  paragraph: id,
  section: 'asides',
  text: `The note ${id}.`,
  spans: [{ speaker: 'editor', text: `The note ${id}.`, displayStart: 0, displayText: `The note ${id}.` }],
});

/** Like `ready`, with an asides recording; `asidesFake` configures the asides file's fake Howl. */
async function readyWithAsides(options: SetupOptions & { asidesFake?: FakeHowlOptions } = {}) {
  const s = await ready({
    manifest: options.manifest ?? withAsides(),
    ...options,
    backend: {
      createHowl: (o: HowlOptionsLike) =>
        new FakeHowl(o, o.src[0]!.includes('asides') ? { durationSec: 5, ...options.asidesFake } : options.fake),
      ...options.backend,
    },
  });
  const narration = FakeHowl.instances[0]!;
  return { ...s, narration, asides: () => FakeHowl.instances.find((h) => h.options.src[0]!.includes('asides')) };
}

/** Reads an aside like `read` does a sentence. */
function readAside(backend: HowlerBackend, id: string, options: { rate?: number; volume?: number; signal?: AbortSignal } = {}) {
  const record = { startedAt: null as number | null, done: false, doneAt: null as number | null, error: null as NarrationError | null };
  const t = Date.now();
  backend
    .readSentence(aside(id), { rate: options.rate ?? 1, cast: CAST, volume: options.volume }, { onStart: () => (record.startedAt = Date.now() - t) }, options.signal ?? new AbortController().signal)
    .then(
      () => {
        record.done = true;
        record.doneAt = Date.now() - t;
      },
      (err: NarrationError) => {
        record.done = true;
        record.error = err;
      },
    );
  return record;
}

describe('Editor’s asides', () => {
  it('creates no asides Howl until the first aside, then one (Opus then MP3, relative to the manifest), reused after', async () => {
    const s = await readyWithAsides();
    expect(FakeHowl.instances).toHaveLength(1);
    const r = readAside(s.backend, 'note-a');
    await advance(10);
    expect(FakeHowl.instances).toHaveLength(2);
    expect(s.asides()!.options).toEqual({ src: ASIDES_SRC, format: ['webm', 'mp3'], html5: true, preload: true });
    await advance(1600);
    expect(r).toMatchObject({ done: true, error: null });
    readAside(s.backend, 'note-c');
    await advance(10);
    expect(FakeHowl.instances).toHaveLength(2);
  });

  it('plays the clip from the asides file: seek, onStart when it sounds, resolves at the clip’s end and pauses there', async () => {
    const s = await readyWithAsides();
    const r = readAside(s.backend, 'uncertain-b');
    await advance(1); // the asides file loads
    const asides = s.asides()!;
    expect(asides.seeks).toEqual([2.6]);
    expect(asides.playing()).toBe(true);
    expect(r.startedAt).not.toBeNull();
    expect(r.startedAt!).toBeLessThanOrEqual(16);
    await advance(850);
    expect(r.done).toBe(false);
    await advance(80);
    expect(r).toMatchObject({ done: true, error: null });
    expect(asides.playing()).toBe(false); // never plays on into the next clip
    expect(asides.calls.at(-1)).toMatch(/^pause/);
    expect(s.narration.calls.filter((c) => c.startsWith('play'))).toEqual([]); // the narration stayed silent
  });

  it('an aside between two sentences pauses the narration; the next sentence seeks the narration again', async () => {
    const s = await readyWithAsides();
    const first = read(s.backend, 's0');
    await advance(1020);
    expect(first.done).toBe(true);
    expect(s.narration.playing()).toBe(true); // flowing on into the silence after s0
    const note = readAside(s.backend, 'uncertain-b');
    expect(s.narration.playing()).toBe(false);
    await advance(1);
    expect(s.asides()!.playing()).toBe(true);
    await advance(950);
    expect(note.done).toBe(true);
    const next = read(s.backend, 's1');
    expect(s.narration.seeks.at(-1)).toBe(1.2);
    expect(s.narration.playing()).toBe(true);
    expect(s.asides()!.playing()).toBe(false);
    expect(next.startedAt).toBe(0);
    await advance(1320);
    expect(next).toMatchObject({ done: true, error: null });
  });

  it('Notes for this sentence: cancel, two notes, then the same sentence again from its start (never two sounds at once)', async () => {
    const s = await readyWithAsides();
    const controller = new AbortController();
    const sentence = read(s.backend, 's3', { signal: controller.signal });
    await advance(700);
    controller.abort();
    s.backend.cancel();
    const both: number[] = [];
    const sample = setInterval(() => {
      if (s.narration.playing() && s.asides()?.playing()) both.push(Date.now());
    }, 5);
    const log: string[] = [];
    const chain = async () => {
      for (const id of ['note-a', 'note-c']) {
        await s.backend.readSentence(aside(id), { rate: 1, cast: CAST }, { onStart: () => log.push(`start ${id}`) }, new AbortController().signal);
        log.push(`end ${id}`);
      }
      await s.backend.readSentence(items.s3!, { rate: 1, cast: CAST }, { onStart: () => log.push('start s3') }, new AbortController().signal);
      log.push('end s3');
    };
    const done = chain();
    await advance(1600 + 900 + 2000);
    await done;
    clearInterval(sample);
    expect(sentence).toMatchObject({ done: true, error: null });
    expect(log).toEqual(['start note-a', 'end note-a', 'start note-c', 'end note-c', 'start s3', 'end s3']);
    expect(s.asides()!.seeks).toEqual([0.5, 4]);
    expect(s.narration.seeks).toEqual([4.1, 4.1]); // the sentence again, from its start
    expect(both).toEqual([]);
  });

  it('pause() holds an aside and resume() continues it; the narration stays paused', async () => {
    const s = await readyWithAsides();
    const r = readAside(s.backend, 'note-a');
    await advance(500);
    expect(s.backend.pause()).toBe(true);
    expect(s.asides()!.playing()).toBe(false);
    await advance(10_000);
    expect(r.done).toBe(false);
    expect(s.backend.resume()).toBe(true);
    expect(s.asides()!.playing()).toBe(true);
    expect(s.narration.playing()).toBe(false);
    await advance(1050);
    expect(r).toMatchObject({ done: true, error: null });
    expect(s.asides()!.seeks).toEqual([0.5]); // resumed in place
  });

  it('abort and cancel: an aside settles quietly; aborted while its file loads, nothing sounds later', async () => {
    const s = await readyWithAsides();
    const controller = new AbortController();
    const r = readAside(s.backend, 'note-a', { signal: controller.signal });
    controller.abort(); // before the asides file has loaded
    await advance(100);
    expect(r).toMatchObject({ done: true, error: null, startedAt: null });
    expect(s.asides()?.calls.filter((c) => c.startsWith('play')) ?? []).toEqual([]);
    const again = readAside(s.backend, 'note-c');
    await advance(100);
    expect(again.startedAt).not.toBeNull();
    s.backend.cancel();
    await advance();
    expect(again).toMatchObject({ done: true, error: null });
    expect(s.asides()!.playing()).toBe(false);
  });

  it('applies the rate and the volume to the asides Howl too', async () => {
    const s = await readyWithAsides();
    readAside(s.backend, 'note-a', { rate: 1.5, volume: 0.4 });
    await advance(1);
    expect(s.asides()!.calls).toContain('rate:1.5');
    expect(s.asides()!.volume()).toBe(0.4);
    s.backend.setVolume(0.7);
    expect(s.asides()!.volume()).toBe(0.7);
    expect(s.narration.volume()).toBe(0.7);
  });

  it('a missing asides file fails the aside with a message for people, and the narration plays on; a later aside tries again', async () => {
    const s = await readyWithAsides({ asidesFake: { load: 'error' } });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const r = readAside(s.backend, 'note-a');
    await advance(10);
    expect(r.error).toBeInstanceOf(NarrationError);
    expect(r.error).toMatchObject({
      code: 'audio-failed',
      message: 'The editor’s note could not be played from the recording (its audio is missing or damaged). The notes are still on the page, and the recording of the text itself is not affected.',
    });
    // Opus and the MP3 alone were tried, both unloaded; the narration's Howl is untouched.
    const asidesHowls = FakeHowl.instances.filter((h) => h.options.src[0]!.includes('asides'));
    expect(asidesHowls.map((h) => h.options.src)).toEqual([ASIDES_SRC, [ASIDES_SRC[1]]]);
    expect(asidesHowls.every((h) => h.calls.includes('unload'))).toBe(true);
    expect(s.narration.calls).not.toContain('unload');
    const sentence = read(s.backend, 's2');
    await advance(1020);
    expect(sentence).toMatchObject({ done: true, error: null });
    const again = readAside(s.backend, 'note-c');
    await advance(10);
    expect(again.error).toMatchObject({ code: 'audio-failed' });
    expect(FakeHowl.instances.filter((h) => h.options.src[0]!.includes('asides'))).toHaveLength(4);
    errors.mockRestore();
  });

  it('an asides file shorter than its index is refused (corrupt), the narration is not', async () => {
    const s = await readyWithAsides({ asidesFake: { durationSec: 2 } });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const r = readAside(s.backend, 'note-c');
    await advance(10);
    expect(r.error).toMatchObject({ code: 'audio-failed', message: expect.stringMatching(/^The editor’s note could not be played/) });
    expect(errors.mock.calls.flat().join(' ')).toContain('the file lasts 2000 ms, the timeline 5000 ms');
    const sentence = read(s.backend, 's0');
    await advance(1020);
    expect(sentence).toMatchObject({ done: true, error: null });
    errors.mockRestore();
  });

  it('a damaged asides index leaves the narration playable; its asides fail with the message', async () => {
    const manifest = withAsides();
    (manifest.asides!.clips['note-a'] as { end: unknown }).end = 'never';
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const s = await readyWithAsides({ manifest });
    expect(errors.mock.calls.flat().join(' ')).toContain('asides note-a: start/end not numbers');
    const r = readAside(s.backend, 'note-c');
    await advance(10);
    expect(r.error).toMatchObject({ code: 'audio-failed', message: expect.stringMatching(/^The editor’s note could not be played/) });
    expect(FakeHowl.instances).toHaveLength(1); // the damaged file is not even requested
    const sentence = read(s.backend, 's1');
    await advance(1320);
    expect(sentence).toMatchObject({ done: true, error: null });
    errors.mockRestore();
  });

  it('a recording without asides (made before them): an aside is refused plainly', async () => {
    const s = await ready();
    const r = readAside(s.backend, 'note-a');
    await advance(10);
    expect(r.error).toMatchObject({ code: 'audio-failed', message: 'The recording has no audio for this editor’s note. It is still on the page to read.' });
  });

  it('dispose() unloads both Howls', async () => {
    const s = await readyWithAsides();
    readAside(s.backend, 'note-a');
    await advance(100);
    s.backend.dispose();
    expect(s.narration.calls).toContain('unload');
    expect(s.asides()!.calls).toContain('unload');
  });
});

describe('the content notice, then a sentence that is not the next one', () => {
  it('after the notice (s0) ends, reading s3 seeks there: s3 starts at its own start, nothing in between is heard as s3', async () => {
    const s = await ready();
    const notice = read(s.backend, 's0');
    await advance(1020);
    expect(notice).toMatchObject({ done: true, error: null });
    const passage = read(s.backend, 's3');
    expect(s.howl().seeks).toEqual([0, 4.1]);
    expect(passage.startedAt).toBe(0);
    await advance(1920);
    expect(passage).toMatchObject({ done: true, error: null });
    expect(passage.doneAt!).toBeGreaterThanOrEqual(1900);
  });

  it('reading the notice while the clock is elsewhere seeks back to it, then on to the passage sentence', async () => {
    const s = await ready();
    const first = read(s.backend, 's4');
    await advance(200); // playing inside s4
    s.backend.cancel();
    await advance();
    expect(first.done).toBe(true);
    const log = readChain(s.backend, ['s0', 's2']); // the notice, then a passage sentence further on
    await advance(1020 + 1100);
    expect(log.map((l) => [l.id, l.error])).toEqual([
      ['s0', null],
      ['s2', null],
    ]);
    expect(s.howl().seeks).toEqual([6.5, 0, 3]);
    expect(log[1]!.startedAt!).toBeGreaterThanOrEqual(log[0]!.endedAt!);
    expect(log[1]!.endedAt! - log[1]!.startedAt!).toBeGreaterThanOrEqual(1000);
  });
});

describe('Editor’s asides: pause while the asides file loads', () => {
  it('stays silent (no onStart) until resume(), then plays the clip', async () => {
    const s = await readyWithAsides();
    const r = readAside(s.backend, 'note-a');
    expect(s.backend.pause()).toBe(true); // before the file has loaded
    await advance(2000);
    expect(s.asides()!.playing()).toBe(false);
    expect(s.narration.playing()).toBe(false);
    expect(r).toMatchObject({ done: false, startedAt: null });
    expect(s.backend.resume()).toBe(true);
    expect(s.asides()!.playing()).toBe(true);
    expect(r.startedAt).not.toBeNull();
    await advance(1550);
    expect(r).toMatchObject({ done: true, error: null });
  });

  it('resume() before the file has loaded: it plays as soon as it loads', async () => {
    const s = await readyWithAsides();
    const r = readAside(s.backend, 'note-a');
    s.backend.pause();
    expect(s.backend.resume()).toBe(true);
    await advance(1);
    expect(s.asides()!.playing()).toBe(true);
    await advance(1550);
    expect(r).toMatchObject({ done: true, error: null });
  });
});
