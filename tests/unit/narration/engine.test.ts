// NarrationEngine with the real Web Speech backend over the fake synth: reading order, voices
// per span, every control from every status, rate and cast changes, late voices, errors,
// watchdogs, platforms that cannot pause, stale events, backend switching, random presses.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { castVoices } from '../../../src/narration/casting.ts';
import { NarrationEngine, type NarrationSnapshot } from '../../../src/narration/engine.ts';
import { narrationReducer, type NarrationAction, type NarrationState } from '../../../src/narration/status.ts';
import {
  NarrationError,
  type NarrationBackend,
  type NarrationItem,
  type NarrationStatus,
} from '../../../src/narration/types.ts';
import { FakeUtterance, voice } from './fake-speech.ts';
import { SCRIPT, SIX_VOICES, advance, harness, prng, texts } from './helpers.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const ALL_TEXTS = ['It was November.', 'Snow fell on the city.', 'Sit down, please.', 'I thank you,', ' she said.', 'Good.', 'Tea for the guest?'];

describe('reading the script', () => {
  it('reads every sentence in order, one utterance per span, and ends on the last', async () => {
    const { engine, synth, snapshots } = harness();
    await advance(); // preload
    engine.play();
    expect(engine.snapshot).toMatchObject({ status: 'playing', index: 0, currentId: 's0', speaker: 'narrator', speakerName: 'Narrator' });
    await advance(60_000);
    expect(texts(synth)).toEqual(ALL_TEXTS);
    expect(engine.snapshot).toMatchObject({ status: 'ended', index: 5, currentId: 's5' });
    expect(snapshots.map((s) => s.currentId)).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's5']);
    expect(synth.maxQueueLength).toBe(1);
  });

  it('starts speech synchronously inside play() once prepared (user gesture)', async () => {
    const { engine, synth } = harness();
    await advance();
    engine.play();
    expect(synth.spoken).toHaveLength(1);
    expect(synth.speaking).toBe(true);
  });

  it('without preload, the first play goes through loading, then plays', async () => {
    const { engine, synth, snapshots } = harness({ preload: false });
    engine.play();
    expect(engine.snapshot.status).toBe('loading');
    expect(synth.spoken).toHaveLength(0);
    await advance();
    expect(engine.snapshot.status).toBe('playing');
    expect(snapshots.map((s) => s.status)).toEqual(['loading', 'playing']);
    expect(texts(synth)).toEqual(['It was November.']);
  });

  it('warmUp readies a backend without preload, so the Play that follows starts at once (no loading)', async () => {
    const { engine, synth, snapshots } = harness({ preload: false });
    engine.warmUp();
    expect(synth.spoken).toHaveLength(0); // nothing is said by warming up
    await advance();
    expect(engine.snapshot.status).toBe('idle');
    engine.play();
    expect(engine.snapshot.status).toBe('playing');
    expect(snapshots.map((s) => s.status)).not.toContain('loading');
    expect(texts(synth)).toEqual(['It was November.']);
  });

  it('gives each speaker its voice and prosody, per span (a mixed sentence has two voices)', async () => {
    const { engine, synth, cast } = harness({ rate: 1.5 });
    await advance();
    engine.playFrom('s3');
    await advance(3000);
    const [kollontai, narrator] = synth.spoken.slice(0, 2);
    expect(kollontai).toMatchObject({ text: 'I thank you,', voiceName: 'Samantha', lang: 'en-US' });
    expect(narrator).toMatchObject({ text: ' she said.', voiceName: 'Daniel', lang: 'en-GB' });
    expect(kollontai!.rate).toBeCloseTo(1.5 * cast.kollontai.rate);
    expect(kollontai!.pitch).toBe(cast.kollontai.pitch);
    expect(narrator!.pitch).toBe(cast.narrator.pitch);
    expect(kollontai!.pitch).not.toBe(narrator!.pitch);
    const stalin = synth.spoken.find((s) => s.text === 'Sit down, please.');
    expect(stalin).toBeUndefined(); // s2 comes before s3
    engine.playFrom('s2');
    expect(synth.spoken.at(-1)).toMatchObject({ voiceName: 'Tom', pitch: 0.8 });
    expect(synth.spoken.at(-1)!.rate).toBeCloseTo(1.5 * 0.92);
  });

  it('reports word boundaries as offsets into the displayed sentence', async () => {
    const { engine } = harness();
    const words: [string, number, number][] = [];
    engine.onWord((id, start, length) => words.push([id, start, length]));
    await advance();
    engine.playFrom('s3');
    await advance(5000);
    const s3 = words.filter(([id]) => id === 's3');
    // "I thank you," + " she said." — the second span starts at 12 in the displayed text.
    expect(s3.map(([, start, length]) => [start, length])).toEqual([
      [0, 1],
      [2, 5],
      [8, 4],
      [13, 3],
      [17, 5],
    ]);
  });

  it('skips word boundaries of a span whose spoken text differs from the displayed text', async () => {
    const script = {
      ...SCRIPT,
      items: [
        {
          ...SCRIPT.items[0]!,
          spans: [{ speaker: 'narrator' as const, text: 'kollon tie spoke.', displayStart: 0, displayText: 'Kollontai spoke.' }],
        },
      ],
    };
    const { engine, synth } = harness({ script });
    const words: number[] = [];
    engine.onWord((_id, start) => words.push(start));
    await advance();
    engine.play();
    await advance(5000);
    expect(texts(synth)).toEqual(['kollon tie spoke.']);
    expect(words).toEqual([]);
    expect(engine.snapshot.status).toBe('ended');
  });

  it('an empty script never plays', async () => {
    const { engine, synth } = harness({ script: { ...SCRIPT, items: [] } });
    await advance();
    engine.play();
    engine.next();
    expect(engine.snapshot).toMatchObject({ status: 'idle', currentId: null, speaker: null, total: 0 });
    expect(synth.spoken).toHaveLength(0);
  });
});

// --- every control from every status ------------------------------------------------------

type Control = 'play' | 'pause' | 'toggle' | 'stop' | 'next' | 'previous' | 'nextParagraph' | 'previousParagraph';
const CONTROLS: Control[] = ['play', 'pause', 'toggle', 'stop', 'next', 'previous', 'nextParagraph', 'previousParagraph'];

/** Puts an engine into `status` at index 1 (ended: index 5). */
async function reach(status: NarrationStatus) {
  const failing = new Set<string>();
  const h = harness({
    startIndex: 1,
    preload: status !== 'loading',
    fake: {
      voicesArrive: status === 'loading' ? { afterMs: 1000, event: true } : 'now',
      failWith: (u) => (failing.has(u.text) ? 'synthesis-failed' : undefined),
    },
  });
  await advance();
  const { engine } = h;
  switch (status) {
    case 'idle':
      break;
    case 'loading':
      engine.play();
      break;
    case 'playing':
      engine.play();
      await advance(20);
      break;
    case 'paused':
      engine.play();
      await advance(20);
      engine.pause();
      break;
    case 'ended':
      engine.playFrom('s5');
      await advance(10_000);
      break;
    case 'error':
      failing.add('Snow fell on the city.');
      engine.play();
      await advance(20);
      failing.clear();
      break;
  }
  expect(engine.snapshot.status).toBe(status);
  return h;
}

/** Expected [status, index] after each control, from each status (start index 1; ended at 5). */
const TABLE: Record<NarrationStatus, Record<Control, [NarrationStatus, number]>> = {
  idle: {
    play: ['playing', 1], pause: ['idle', 1], toggle: ['playing', 1], stop: ['idle', 1],
    next: ['idle', 2], previous: ['idle', 0], nextParagraph: ['idle', 2], previousParagraph: ['idle', 0],
  },
  loading: {
    play: ['loading', 1], pause: ['paused', 1], toggle: ['paused', 1], stop: ['idle', 1],
    next: ['loading', 2], previous: ['loading', 0], nextParagraph: ['loading', 2], previousParagraph: ['loading', 0],
  },
  playing: {
    play: ['playing', 1], pause: ['paused', 1], toggle: ['paused', 1], stop: ['idle', 1],
    next: ['playing', 2], previous: ['playing', 0], nextParagraph: ['playing', 2], previousParagraph: ['playing', 0],
  },
  paused: {
    play: ['playing', 1], pause: ['paused', 1], toggle: ['playing', 1], stop: ['idle', 1],
    next: ['paused', 2], previous: ['paused', 0], nextParagraph: ['paused', 2], previousParagraph: ['paused', 0],
  },
  ended: {
    play: ['playing', 0], pause: ['ended', 5], toggle: ['playing', 0], stop: ['idle', 5],
    next: ['ended', 5], previous: ['idle', 4], nextParagraph: ['ended', 5], previousParagraph: ['idle', 4],
  },
  error: {
    play: ['playing', 1], pause: ['error', 1], toggle: ['playing', 1], stop: ['idle', 1],
    next: ['idle', 2], previous: ['idle', 0], nextParagraph: ['idle', 2], previousParagraph: ['idle', 0],
  },
};

describe('controls from every status', () => {
  const cases = (Object.keys(TABLE) as NarrationStatus[]).flatMap((from) =>
    CONTROLS.map((control) => [from, control, ...TABLE[from][control]] as const),
  );

  it.each(cases)('%s + %s → %s at %i', async (from, control, status, index) => {
    const { engine, synth } = await reach(from);
    const spokenBefore = synth.spoken.length;
    engine[control]();
    expect(engine.snapshot).toMatchObject({ status, index, currentId: SCRIPT.items[index]!.id });
    await advance(20);
    expect(engine.snapshot.status).toBe(status);
    expect(synth.queueLength).toBeLessThanOrEqual(1);
    const current = SCRIPT.items[index]!;
    if (status === 'playing') {
      expect(synth.paused).toBe(false);
      expect(current.spans.map((s) => s.text)).toContain(synth.current?.text);
      if (from === 'paused' && (control === 'play' || control === 'toggle')) {
        expect(synth.resumeCount).toBe(1); // a native resume, not a second utterance
        expect(synth.spoken.length).toBe(spokenBefore);
      }
      if (from === 'playing' && control === 'play') expect(synth.spoken.length).toBe(spokenBefore);
    } else if (status === 'paused') {
      // Paused in place (native) or nothing speaking after a move.
      expect(synth.speaking ? synth.paused : true).toBe(true);
      if (control !== 'pause' && control !== 'toggle') expect(synth.speaking).toBe(false);
    } else {
      expect(synth.speaking).toBe(false);
    }
    if (status === 'error') expect(engine.snapshot.error).toBeInstanceOf(NarrationError);
    else expect(engine.snapshot.error).toBeNull();
  });
});

describe('paragraph navigation', () => {
  it('nextParagraph goes to the first sentence of the next block; nothing in the last block', async () => {
    const { engine } = harness({ startIndex: 0 });
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      engine.nextParagraph();
      seen.push(engine.snapshot.index);
    }
    expect(seen).toEqual([2, 3, 4, 4, 4]);
  });

  it('previousParagraph goes to the start of the block, then to the previous block', async () => {
    const { engine } = harness({ startIndex: 5 });
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      engine.previousParagraph();
      seen.push(engine.snapshot.index);
    }
    expect(seen).toEqual([4, 3, 2, 0, 0]);
  });

  it('previous/next stop at the ends without restarting the sentence', async () => {
    const { engine, synth } = harness({ startIndex: 0 });
    await advance();
    engine.play();
    engine.previous();
    expect(synth.spoken).toHaveLength(1);
    engine.playFrom('s5');
    engine.next();
    expect(engine.snapshot.index).toBe(5);
    expect(synth.spoken).toHaveLength(2);
  });

  it('seek moves without changing play/pause; unknown ids are ignored', async () => {
    const { engine, synth } = harness();
    await advance();
    engine.seek('s4');
    expect(engine.snapshot).toMatchObject({ status: 'idle', index: 4 });
    engine.seek('nope');
    engine.playFrom('nope');
    expect(engine.snapshot).toMatchObject({ status: 'idle', index: 4 });
    engine.play();
    expect(texts(synth)).toEqual(['Good.']);
    engine.pause();
    engine.seek('s1');
    expect(engine.snapshot).toMatchObject({ status: 'paused', index: 1 });
    expect(synth.speaking).toBe(false);
    engine.play();
    expect(texts(synth)).toEqual(['Good.', 'Snow fell on the city.']);
  });
});

describe('rate and cast changes', () => {
  it('setRate clamps, notifies, and restarts the current sentence at the new rate while playing', async () => {
    const { engine, synth, snapshots, cast } = harness();
    await advance();
    engine.play();
    await advance(150);
    engine.setRate(5);
    expect(engine.snapshot.rate).toBe(2);
    expect(snapshots.at(-1)!.rate).toBe(2);
    expect(texts(synth)).toEqual(['It was November.', 'It was November.']);
    expect(synth.spoken[1]!.rate).toBeCloseTo(2 * cast.narrator.rate);
    await advance(100); // the cancelled utterance's 'interrupted' arrives: not an error
    expect(engine.snapshot).toMatchObject({ status: 'playing', index: 0, error: null });
    engine.setRate(0.1);
    expect(engine.snapshot.rate).toBe(0.5);
  });

  it('setRate while idle does not speak; the next play uses it', async () => {
    const { engine, synth } = harness();
    await advance();
    engine.setRate(0.75);
    expect(synth.spoken).toHaveLength(0);
    engine.play();
    expect(synth.spoken[0]!.rate).toBeCloseTo(0.75);
  });

  it('setRate during a native pause restarts the sentence on resume instead of resuming', async () => {
    const { engine, synth } = harness();
    await advance();
    engine.play();
    await advance(150);
    engine.pause();
    engine.setRate(1.25);
    expect(synth.spoken).toHaveLength(1);
    engine.play();
    expect(synth.spoken).toHaveLength(2);
    expect(synth.spoken[1]!.rate).toBeCloseTo(1.25);
    expect(synth.resumeCount).toBeGreaterThanOrEqual(1); // un-paused the synth before speaking
    await advance(5000);
    expect(engine.snapshot.index).toBeGreaterThan(0);
  });

  it('setCast restarts the current sentence with the new voice', async () => {
    const { engine, synth } = harness();
    await advance();
    engine.play();
    await advance(50);
    engine.setCast(castVoices(SIX_VOICES, undefined, { narrator: 'Tom' }));
    expect(synth.spoken.map((s) => s.voiceName)).toEqual(['Daniel', 'Tom']);
    expect(engine.snapshot).toMatchObject({ status: 'playing', index: 0 });
  });
});

describe('voices arriving late', () => {
  it('waits in loading until voiceschanged (after 1 s), then plays', async () => {
    const { engine, synth } = harness({ fake: { voicesArrive: { afterMs: 1000, event: true } } });
    engine.play();
    expect(engine.snapshot.status).toBe('loading');
    await advance(999);
    expect(engine.snapshot.status).toBe('loading');
    expect(synth.spoken).toHaveLength(0);
    await advance(1);
    expect(engine.snapshot.status).toBe('playing');
    expect(synth.spoken[0]).toMatchObject({ text: 'It was November.', voiceName: 'Daniel' });
  });

  it('finds voices by polling when voiceschanged never fires', async () => {
    const { engine, synth } = harness({ fake: { voicesArrive: { afterMs: 1100, event: false } } });
    engine.play();
    await advance(1100);
    expect(engine.snapshot.status).toBe('loading'); // arrived, but nobody said so
    await advance(150); // the poll at 1250 ms finds them
    expect(engine.snapshot.status).toBe('playing');
    expect(synth.spoken).toHaveLength(1);
  });

  it('reports no-voices when none arrive, and retries on the next play', async () => {
    const { engine, synth } = harness({ fake: { voicesArrive: 'never' } });
    engine.play();
    await advance(2999);
    expect(engine.snapshot.status).toBe('loading');
    await advance(1);
    expect(engine.snapshot.status).toBe('error');
    expect(engine.snapshot.error).toMatchObject({ code: 'no-voices', message: 'No voice for reading aloud was found on this device.' });
    expect(synth.spoken).toHaveLength(0);
    engine.play();
    expect(engine.snapshot.status).toBe('loading');
    synth.setVoices(SIX_VOICES);
    await advance();
    expect(engine.snapshot.status).toBe('playing');
  });
});

describe('errors', () => {
  it('a synthesis error → status error with a message; play retries the sentence', async () => {
    let fail = true;
    const { engine, synth } = harness({ fake: { failWith: () => (fail ? 'audio-busy' : undefined) } });
    await advance();
    engine.play();
    await advance(20);
    expect(engine.snapshot.status).toBe('error');
    expect(engine.snapshot.error).toMatchObject({ code: 'synthesis-failed' });
    expect(engine.snapshot.error!.message).toMatch(/audio-busy/);
    fail = false;
    engine.play();
    expect(engine.snapshot).toMatchObject({ status: 'playing', index: 0, error: null });
    await advance(10_000);
    expect(engine.snapshot.status).toBe('ended');
    expect(texts(synth)[0]).toBe('It was November.');
    expect(texts(synth)[1]).toBe('It was November.');
  });

  it('not-allowed → a plain-language message', async () => {
    const { engine } = harness({ fake: { failWith: () => 'not-allowed' } });
    await advance();
    engine.play();
    await advance(20);
    expect(engine.snapshot.error).toMatchObject({ code: 'not-allowed', message: 'The browser blocked speech until you press Play.' });
  });

  it.each([false, true])("'interrupted' after our own cancel is not an error (sync events: %s)", async (sync) => {
    const { engine, synth } = harness({ fake: { syncCancelEvents: sync } });
    await advance();
    engine.play();
    await advance(50);
    engine.next();
    engine.next();
    engine.stop();
    engine.play();
    await advance(50);
    expect(synth.cancelCount).toBeGreaterThanOrEqual(3);
    expect(engine.snapshot).toMatchObject({ status: 'playing', index: 2, error: null });
  });

  it("'interrupted' from someone else's cancel is an error", async () => {
    const { engine, synth } = harness({ fake: { auto: false } });
    await advance();
    engine.play();
    synth.fireStart();
    synth.fireError('interrupted');
    await advance();
    expect(engine.snapshot.error).toMatchObject({ code: 'synthesis-failed' });
  });

  it('stall watchdog: no start within 5 s → stalled', async () => {
    const { engine, synth } = harness({ fake: { stallStart: () => true } });
    await advance();
    engine.play();
    await advance(4999);
    expect(engine.snapshot.status).toBe('playing');
    await advance(1);
    expect(engine.snapshot.error).toMatchObject({ code: 'stalled' });
    expect(synth.speaking).toBe(false);
  });

  it('stall watchdog: started but no end (Chrome cut-off) → stalled after estimate × 3 + 4 s', async () => {
    const { engine, synth } = harness({ fake: { stallEnd: () => true } });
    await advance();
    engine.play();
    // "It was November." = 3 words: 3 / 2.6 s × 3 + 4 s ≈ 7.46 s after start (10 ms).
    await advance(7400);
    expect(engine.snapshot.status).toBe('playing');
    await advance(100);
    expect(engine.snapshot.error).toMatchObject({ code: 'stalled' });
    expect(synth.speaking).toBe(false);
  });

  it('a backend that throws a plain error is wrapped as synthesis-failed, with a message for people (details to the console)', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const backend = stubBackend({ read: () => Promise.reject(new Error('kaput at 0x1f')) });
    const engine = new NarrationEngine({ script: SCRIPT, backend, cast: castVoices(SIX_VOICES) });
    await advance();
    engine.play();
    await advance();
    expect(engine.snapshot.error).toBeInstanceOf(NarrationError);
    expect(engine.snapshot.error).toMatchObject({
      code: 'synthesis-failed',
      message: 'Reading aloud stopped because of a speech error. Press Play to try again.',
    });
    expect(String(errors.mock.calls.flat())).toContain('kaput at 0x1f');
    errors.mockRestore();
  });

  it('a prepare() rejection → status error; the next play prepares again', async () => {
    let attempts = 0;
    const backend = stubBackend({
      prepare: () => {
        attempts++;
        return attempts === 1 ? Promise.reject(new NarrationError('unsupported', 'No speech here.')) : Promise.resolve();
      },
    });
    const engine = new NarrationEngine({ script: SCRIPT, backend, cast: castVoices(SIX_VOICES), preload: false });
    engine.play();
    await advance();
    expect(engine.snapshot).toMatchObject({ status: 'error', error: { code: 'unsupported', message: 'No speech here.' } });
    engine.play();
    await advance();
    expect(attempts).toBe(2);
    expect(engine.snapshot.status).toBe('playing');
    expect(backend.reads.map((r) => r.item.id)).toEqual(['s0']);
  });
});

describe('pause', () => {
  it('native pause pauses the synth in place and resume continues the same utterance', async () => {
    const { engine, synth } = harness();
    await advance();
    engine.play();
    await advance(150);
    engine.pause();
    expect(synth.paused).toBe(true);
    await advance(60_000); // no watchdog fires while paused
    expect(engine.snapshot).toMatchObject({ status: 'paused', index: 0, error: null });
    engine.play();
    expect(synth.spoken).toHaveLength(1);
    await advance(60_000);
    expect(engine.snapshot.status).toBe('ended');
    expect(texts(synth)).toEqual(ALL_TEXTS);
  });

  it('a platform that cannot pause (Android): pause cancels, resume restarts the same sentence', async () => {
    const { engine, synth } = harness({
      backend: { pauseMode: 'auto', userAgent: 'Mozilla/5.0 (Linux; Android 14) Chrome/130' },
      fake: { ignorePause: true },
    });
    await advance();
    engine.playFrom('s1');
    await advance(150);
    engine.pause();
    expect(engine.snapshot.status).toBe('paused');
    expect(synth.pauseCount).toBe(0);
    expect(synth.speaking).toBe(false);
    await advance(10_000);
    expect(engine.snapshot).toMatchObject({ status: 'paused', index: 1 });
    engine.play();
    expect(texts(synth)).toEqual(['Snow fell on the city.', 'Snow fell on the city.']);
    await advance(60_000);
    expect(engine.snapshot.status).toBe('ended');
  });

  it('auto mode restarts for a Microsoft Natural voice on desktop too', async () => {
    const natural = voice('Microsoft Ryan Online (Natural) - English (United Kingdom)', 'en-GB', { localService: false });
    const { engine, synth } = harness({ backend: { pauseMode: 'auto' }, fake: { voices: [natural] } });
    await advance();
    engine.play();
    await advance(50);
    engine.pause();
    expect(synth.pauseCount).toBe(0);
    expect(synth.speaking).toBe(false);
    expect(synth.spoken[0]!.pitch).toBe(1);
  });

  it('a platform whose pause does nothing and finishes the sentence: the place moves on, still paused', async () => {
    const { engine, synth } = harness({ fake: { ignorePause: true } });
    await advance();
    engine.play();
    await advance(50);
    engine.pause();
    await advance(10_000);
    expect(engine.snapshot).toMatchObject({ status: 'paused', index: 1 });
    expect(synth.spoken).toHaveLength(1);
  });
});

describe('stale events', () => {
  it("a cancelled utterance's late end does not advance", async () => {
    const { engine, synth } = harness({ fake: { auto: false } });
    await advance();
    engine.play();
    const first = synth.current as FakeUtterance;
    synth.fireStart();
    engine.stop();
    first.onend?.({}); // Firefox: end after cancel
    await advance();
    expect(engine.snapshot).toMatchObject({ status: 'idle', index: 0 });
    engine.play();
    const second = synth.current;
    first.onend?.({});
    first.onerror?.({ error: 'synthesis-failed' });
    await advance();
    expect(engine.snapshot).toMatchObject({ status: 'playing', index: 0, error: null });
    expect(synth.current).toBe(second);
  });

  it('a late onStart/onWord of an aborted sentence reaches no listener', async () => {
    const { engine, synth } = harness({ fake: { auto: false } });
    const words: string[] = [];
    engine.onWord((id) => words.push(id));
    await advance();
    engine.play();
    const first = synth.current!;
    engine.next();
    first.onstart?.({});
    first.onboundary?.({ name: 'word', charIndex: 0, charLength: 2 });
    synth.fireStart();
    synth.fireBoundary(0, 4);
    expect(words).toEqual(['s1']);
  });

  it('a late resolution from a backend after a seek is ignored', async () => {
    const backend = stubBackend();
    const engine = new NarrationEngine({ script: SCRIPT, backend, cast: castVoices(SIX_VOICES) });
    await advance();
    engine.play();
    engine.seek('s4');
    backend.reads[0]!.resolve(); // s0 "finishes" late
    await advance();
    expect(engine.snapshot).toMatchObject({ status: 'playing', index: 4 });
    expect(backend.reads[0]!.signal.aborted).toBe(true);
    backend.reads[1]!.resolve();
    await advance();
    expect(engine.snapshot.index).toBe(5);
  });
});

describe('backend switching and disposal', () => {
  it('setBackend keeps the place and status: playing continues at the same sentence on the new backend', async () => {
    const { engine, synth, backend } = harness();
    await advance();
    engine.playFrom('s2');
    await advance(50);
    const recorded = stubBackend({ kind: 'recorded' });
    engine.setBackend(recorded);
    expect(synth.speaking).toBe(false);
    expect(engine.backend).toBe(recorded);
    expect(synth.listenerCount).toBe(0); // the old backend was disposed
    await advance();
    expect(engine.snapshot).toMatchObject({ status: 'playing', index: 2 });
    expect(recorded.reads.map((r) => r.item.id)).toEqual(['s2']);
    expect(backend).not.toBe(recorded);
  });

  it('setBackend while paused stays paused; play then reads on the new backend', async () => {
    const { engine } = harness();
    await advance();
    engine.play();
    await advance(50);
    engine.pause();
    const recorded = stubBackend({ kind: 'recorded' });
    engine.setBackend(recorded);
    await advance();
    expect(engine.snapshot.status).toBe('paused');
    expect(recorded.reads).toHaveLength(0);
    engine.play();
    expect(engine.snapshot.status).toBe('playing');
    expect(recorded.reads.map((r) => r.item.id)).toEqual(['s0']);
  });

  it('a recorded backend failure is wrapped as audio-failed', async () => {
    const recorded = stubBackend({ kind: 'recorded', read: () => Promise.reject(new Error('404')) });
    const engine = new NarrationEngine({ script: SCRIPT, backend: recorded, cast: castVoices(SIX_VOICES) });
    await advance();
    engine.play();
    await advance();
    expect(engine.snapshot.error).toMatchObject({ code: 'audio-failed' });
  });

  it('dispose stops speech, removes listeners and ignores later calls', async () => {
    const { engine, synth, snapshots } = harness();
    await advance();
    engine.play();
    await advance(50);
    const count = snapshots.length;
    engine.dispose();
    expect(synth.speaking).toBe(false);
    expect(synth.listenerCount).toBe(0);
    engine.play();
    await advance(10_000);
    expect(snapshots.length).toBe(count);
    expect(synth.spoken).toHaveLength(1);
  });

  it('subscribe is not called on subscribe, and unsubscribe works', async () => {
    const { engine } = harness();
    const seen: NarrationSnapshot[] = [];
    const off = engine.subscribe((s) => seen.push(s));
    expect(seen).toEqual([]);
    engine.next();
    expect(seen).toHaveLength(1);
    off();
    engine.next();
    expect(seen).toHaveLength(1);
  });
});

// --- random rapid presses -----------------------------------------------------------------

type Press = {
  name: string;
  run: (e: NarrationEngine) => void;
  /** The reducer action the press must amount to, given the state before (null: nothing). */
  action?: (s: NarrationState) => NarrationAction | null;
};

const PRESSES: Press[] = [
  { name: 'play', run: (e) => e.play(), action: () => ({ type: 'play' }) },
  { name: 'pause', run: (e) => e.pause(), action: () => ({ type: 'pause' }) },
  {
    name: 'toggle',
    run: (e) => e.toggle(),
    action: (s) => (s.status === 'playing' || s.status === 'loading' ? { type: 'pause' } : { type: 'play' }),
  },
  { name: 'stop', run: (e) => e.stop(), action: () => ({ type: 'stop' }) },
  {
    name: 'next',
    run: (e) => e.next(),
    action: (s) => (s.index < s.total - 1 ? { type: 'seek', index: s.index + 1 } : null),
  },
  {
    name: 'previous',
    run: (e) => e.previous(),
    action: (s) => (s.index > 0 ? { type: 'seek', index: s.index - 1 } : null),
  },
  { name: 'nextParagraph', run: (e) => e.nextParagraph() },
  { name: 'previousParagraph', run: (e) => e.previousParagraph() },
];

describe('200 random rapid control presses', () => {
  it.each([
    [1, 'native'],
    [2, 'native'],
    [3, 'restart'],
    [4, 'restart'],
  ] as const)('seed %i, %s pause: one consistent state, never more than one utterance', async (seed, pauseMode) => {
    const random = prng(seed);
    const { engine, synth } = harness({ backend: { pauseMode }, preload: seed % 2 === 0 });
    const items: NarrationItem[] = SCRIPT.items;
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;

    for (let i = 0; i < 200; i++) {
      const before = engine.state;
      const roll = random();
      if (roll < 0.08) {
        const id = pick(items).id;
        engine.playFrom(id);
        expect(engine.state).toEqual(narrationReducer(before, { type: 'play', index: items.findIndex((x) => x.id === id) }));
      } else if (roll < 0.14) {
        const id = pick(items).id;
        engine.seek(id);
        expect(engine.state).toEqual(narrationReducer(before, { type: 'seek', index: items.findIndex((x) => x.id === id) }));
      } else if (roll < 0.18) {
        engine.setRate(0.5 + Math.round(random() * 30) * 0.05);
      } else {
        const press = pick(PRESSES);
        press.run(engine);
        const action = press.action?.(before);
        if (action !== undefined) {
          const expected = action === null ? before : narrationReducer(before, action);
          expect(engine.state, `press ${i}: ${press.name} from ${before.status}`).toEqual(expected);
        }
      }
      await advance(Math.floor(random() * 4) * Math.floor(random() * 200));

      // Invariants after every press.
      const { status, index } = engine.snapshot;
      expect(synth.queueLength).toBeLessThanOrEqual(1);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(items.length);
      if (status === 'idle' || status === 'ended' || status === 'error' || status === 'loading') {
        expect(synth.speaking, `press ${i}: nothing speaks when ${status}`).toBe(false);
      }
      if (status === 'paused' && synth.speaking) expect(synth.paused).toBe(true);
      if (status === 'playing' && synth.current) {
        expect(items[index]!.spans.map((s) => s.text)).toContain(synth.current.text);
      }
      expect(engine.snapshot.error).toBeNull(); // our own cancels never surface as errors
    }

    expect(synth.maxQueueLength).toBe(1);
    // Settle: the engine still works — from wherever it is, stop, then play to the end.
    engine.stop();
    await advance(10);
    expect(synth.speaking).toBe(false);
    const from = engine.snapshot.index;
    const spokenBefore = synth.spoken.length;
    engine.play();
    await advance(120_000);
    expect(engine.snapshot).toMatchObject({ status: 'ended', index: 5 });
    const expected = items.slice(from).flatMap((it) => it.spans.map((s) => s.text));
    expect(texts(synth).slice(spokenBefore)).toEqual(expected);
  });
});

// --- a scriptable stub backend ---------------------------------------------------------------

interface StubRead {
  item: NarrationItem;
  signal: AbortSignal;
  resolve: () => void;
  reject: (e: unknown) => void;
}

function stubBackend(
  opts: {
    kind?: 'speech' | 'recorded';
    prepare?: () => Promise<void>;
    read?: (item: NarrationItem) => Promise<void> | undefined;
  } = {},
): NarrationBackend & { reads: StubRead[]; cancels: number } {
  const reads: StubRead[] = [];
  const backend = {
    kind: opts.kind ?? 'speech',
    reads,
    cancels: 0,
    prepare: () => opts.prepare?.() ?? Promise.resolve(),
    readSentence(item: NarrationItem, _o: unknown, cb: { onStart(): void }, signal: AbortSignal) {
      const custom = opts.read?.(item);
      if (custom) return custom;
      return new Promise<void>((resolve, reject) => {
        reads.push({ item, signal, resolve, reject });
        cb.onStart();
      });
    },
    pause: () => false,
    resume: () => false,
    cancel() {
      backend.cancels++;
    },
    dispose() {},
  };
  return backend as NarrationBackend & { reads: StubRead[]; cancels: number };
}
