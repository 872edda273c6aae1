// The narration volume (an in-app control for kiosks): `SentenceOptions.volume` reaches the
// utterance (device speech) and the Howl (recording), clamped to 0–1; the engine applies a change
// in place where the backend can (the recording) and restarts the sentence where it cannot.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { castVoices } from '../../../src/narration/casting.ts';
import { NarrationEngine } from '../../../src/narration/engine.ts';
import { HowlerBackend, type HowlOptionsLike } from '../../../src/narration/backends/howler-backend.ts';
import { SpeechSynthesisBackend } from '../../../src/narration/backends/speech-synthesis-backend.ts';
import type { NarrationItem, VoiceCast } from '../../../src/narration/types.ts';
import { normalizeVolume, parseNarrationPreferences } from '../../../src/narration/preferences.ts';
import { FakeHowl, fakeFrames, testManifest } from './fake-howl.ts';
import { FakeSpeechSynthesis, createFakeUtterance, item } from './fake-speech.ts';
import { SCRIPT, SIX_VOICES, advance, harness, texts } from './helpers.ts';

beforeEach(() => {
  vi.useFakeTimers();
  FakeHowl.instances = [];
});
afterEach(() => {
  vi.useRealTimers();
});

const signal = () => new AbortController().signal;
const cb = () => ({ onStart: vi.fn(), onWord: vi.fn() });
const ONE: NarrationItem = item('a', 0, 'p', [['stalin', 'Sit down, please.']]);

async function readyHowler() {
  const backend = new HowlerBackend({
    manifestUrl: 'https://example.org/audio/manifest.json',
    loadManifest: async () => structuredClone(testManifest()),
    createHowl: (o: HowlOptionsLike) => new FakeHowl(o),
    frames: fakeFrames(),
    isHidden: () => false,
    now: () => Date.now(),
  });
  const preparing = backend.prepare(signal());
  await advance();
  await preparing;
  return { backend, howl: () => FakeHowl.instances.at(-1)! };
}

describe('device speech', () => {
  function setup() {
    const synth = new FakeSpeechSynthesis({ voices: SIX_VOICES });
    const backend = new SpeechSynthesisBackend(synth, { createUtterance: createFakeUtterance, pauseMode: 'native', userAgent: 'Mac' });
    return { synth, backend, cast: castVoices(SIX_VOICES) };
  }

  it('gives every utterance the volume of the options (default 1)', () => {
    const { synth, backend, cast } = setup();
    void backend.readSentence(ONE, { rate: 1, cast, volume: 0.4 }, cb(), signal());
    expect(synth.spoken[0]!.volume).toBe(0.4);
    backend.cancel();
    void backend.readSentence(ONE, { rate: 1, cast }, cb(), signal());
    expect(synth.spoken[1]!.volume).toBe(1);
  });

  it('clamps the volume to 0–1 (NaN → 1)', () => {
    const { synth, backend, cast } = setup();
    for (const volume of [-1, 7, Number.NaN]) {
      backend.cancel();
      void backend.readSentence(ONE, { rate: 1, cast, volume }, cb(), signal());
    }
    expect(synth.spoken.map((s) => s.volume)).toEqual([0, 1, 1]);
  });

  it('cannot change a spoken utterance: no setVolume, so the engine restarts the sentence', async () => {
    const { engine, synth } = harness();
    await advance();
    engine.play();
    await advance(150);
    engine.setVolume(0.3);
    expect(engine.volume).toBe(0.3);
    expect(texts(synth)).toEqual(['It was November.', 'It was November.']);
    expect(synth.spoken.map((s) => s.volume)).toEqual([1, 0.3]);
    await advance(100);
    expect(engine.snapshot).toMatchObject({ status: 'playing', index: 0, error: null });
    await advance(5000);
    expect(synth.spoken.at(-1)!.volume).toBe(0.3); // later sentences keep it
  });

  it('changes nothing audible while idle; the next Play uses the new volume', async () => {
    const { engine, synth } = harness();
    await advance();
    engine.setVolume(0.5);
    engine.setVolume(0.5);
    expect(synth.spoken).toHaveLength(0);
    engine.play();
    expect(synth.spoken[0]!.volume).toBe(0.5);
  });

  it('the engine starts at its `volume` option, clamped', async () => {
    const synth = new FakeSpeechSynthesis({ voices: SIX_VOICES });
    const backend = new SpeechSynthesisBackend(synth, { createUtterance: createFakeUtterance, pauseMode: 'native', userAgent: 'Mac' });
    const engine = new NarrationEngine({ script: SCRIPT, backend, cast: castVoices(SIX_VOICES), volume: 3 });
    await advance();
    expect(engine.volume).toBe(1);
    engine.setVolume(-2);
    engine.play();
    expect(synth.spoken[0]!.volume).toBe(0);
  });
});

describe('recorded narration (Howler)', () => {
  const CAST = {} as VoiceCast;
  const items = Object.fromEntries(SCRIPT.items.map((i) => [i.id, i])) as Record<string, NarrationItem>;

  it('sets the Howl volume from the options only when it changes, clamped', async () => {
    const { backend, howl } = await readyHowler();
    void backend.readSentence(items.s1!, { rate: 1, cast: CAST }, cb(), signal());
    expect(howl().volumes).toEqual([]); // 1 is Howler's default
    backend.cancel();
    void backend.readSentence(items.s1!, { rate: 1, cast: CAST, volume: 0.6 }, cb(), signal());
    backend.cancel();
    void backend.readSentence(items.s2!, { rate: 1, cast: CAST, volume: 0.6 }, cb(), signal());
    backend.cancel();
    void backend.readSentence(items.s2!, { rate: 1, cast: CAST, volume: 4 }, cb(), signal());
    expect(howl().volumes).toEqual([0.6, 1]);
    expect(howl().volume()).toBe(1);
  });

  it('setVolume changes the sound in place', async () => {
    const { backend, howl } = await readyHowler();
    void backend.readSentence(items.s1!, { rate: 1, cast: CAST }, cb(), signal());
    expect(backend.setVolume(0.2)).toBe(true);
    expect(howl().volume()).toBe(0.2);
    expect(howl().seeks).toHaveLength(1); // no new seek: the sentence goes on
  });

  it('the engine applies a change in place while playing, without restarting the sentence', async () => {
    const { backend, howl } = await readyHowler();
    const engine = new NarrationEngine({ script: SCRIPT, backend, cast: CAST });
    await advance();
    engine.play();
    await advance(200);
    const seeks = howl().seeks.length;
    engine.setVolume(0.7);
    expect(howl().volume()).toBe(0.7);
    expect(howl().seeks).toHaveLength(seeks);
    expect(engine.snapshot).toMatchObject({ status: 'playing', index: 0 });
    engine.dispose();
  });
});

describe('stored volume', () => {
  it('is a preference of 0–1 in 0.1 steps, default 1', () => {
    expect(parseNarrationPreferences({}).volume).toBe(1);
    expect(parseNarrationPreferences({ volume: 0.34 }).volume).toBe(0.3);
    expect(parseNarrationPreferences({ volume: 9 }).volume).toBe(1);
    expect(parseNarrationPreferences({ volume: 'loud' }).volume).toBe(1);
    expect(normalizeVolume(-0.5)).toBe(0);
    expect(normalizeVolume(Number.NaN)).toBeUndefined();
  });
});
