// SpeechSynthesisBackend against the fake synth: voices, utterance settings, stale queues,
// abort, errors, watchdogs, pause modes, disposal.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { castVoices } from '../../../src/narration/casting.ts';
import { SpeechSynthesisBackend, type SpeechSynthesisBackendOptions } from '../../../src/narration/backends/speech-synthesis-backend.ts';
import { NarrationError, type NarrationItem, type VoiceCast, type VoiceInfo } from '../../../src/narration/types.ts';
import { FakeSpeechSynthesis, createFakeUtterance, item, voice, type FakeSpeechOptions } from './fake-speech.ts';
import { SIX_VOICES, advance } from './helpers.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(fake: FakeSpeechOptions = {}, options: SpeechSynthesisBackendOptions = {}) {
  const synth = new FakeSpeechSynthesis({ voices: SIX_VOICES, ...fake });
  const backend = new SpeechSynthesisBackend(synth, {
    createUtterance: createFakeUtterance,
    pauseMode: 'native',
    userAgent: 'Mozilla/5.0 (Macintosh)',
    ...options,
  });
  return { synth, backend };
}

const signal = () => new AbortController().signal;
const ONE: NarrationItem = item('a', 0, 'p', [['stalin', 'Sit down, please.']]);
const cb = () => ({ onStart: vi.fn(), onWord: vi.fn() });

describe('prepare and voices', () => {
  it('rejects with unsupported without speech synthesis', async () => {
    const backend = new SpeechSynthesisBackend(undefined, { createUtterance: createFakeUtterance });
    await expect(backend.prepare(signal())).rejects.toMatchObject({ code: 'unsupported' });
    await expect(backend.readSentence(ONE, { rate: 1, cast: castVoices([]) }, cb(), signal())).rejects.toBeInstanceOf(
      NarrationError,
    );
  });

  it('exposes plain copies of the voices and whether one is English', async () => {
    const { backend, synth } = setup();
    await backend.prepare(signal());
    const voices = backend.voices;
    expect(voices.map((v) => v.name)).toEqual(SIX_VOICES.map((v) => v.name));
    expect(voices[0]).not.toBe(synth.getVoices()[0]);
    expect(Object.keys(voices[0]!).sort()).toEqual(['default', 'lang', 'localService', 'name', 'voiceURI']);
    expect(backend.hasEnglishVoice).toBe(true);
  });

  it('waits past non-English voices and rejects with a clear message when no English voice comes', async () => {
    const { backend } = setup({ voices: [voice('Thomas', 'fr-FR'), voice('Anna', 'de-DE')] });
    const result = backend.prepare(signal());
    const assertion = expect(result).rejects.toMatchObject({
      code: 'no-voices',
      message: 'No English voice for reading aloud was found on this device.',
    });
    await advance(3000);
    await assertion;
    expect(backend.hasEnglishVoice).toBe(false);
  });

  it('an aborted prepare rejects with the abort reason and leaves no listener behind', async () => {
    const { backend, synth } = setup({ voicesArrive: 'never' });
    const controller = new AbortController();
    const result = backend.prepare(controller.signal);
    expect(synth.listenerCount).toBe(2); // the backend's own + this prepare's
    controller.abort(new Error('gone'));
    await expect(result).rejects.toThrow('gone');
    expect(synth.listenerCount).toBe(1);
  });

  it('reports voice list changes (late arrival, polling), once per change', async () => {
    const { backend, synth } = setup({ voicesArrive: { afterMs: 500, event: true } });
    const seen: string[][] = [];
    backend.onVoicesChanged((voices) => seen.push(voices.map((v) => v.name)));
    expect(backend.voices).toEqual([]);
    const ready = backend.prepare(signal());
    await advance(500);
    await ready;
    expect(seen).toEqual([SIX_VOICES.map((v) => v.name)]);
    synth.setVoices(SIX_VOICES); // same list again: no news
    synth.setVoices([voice('Daniel', 'en-GB')]);
    synth.setVoices([]); // a transient empty list keeps what we had
    expect(seen.map((names) => names.length)).toEqual([6, 1]);
    expect(backend.voices.map((v) => v.name)).toEqual(['Daniel']);
  });

  it('refuses to speak with no voice at all (never a null voice)', async () => {
    const { backend, synth } = setup({ voicesArrive: 'never' });
    await expect(backend.readSentence(ONE, { rate: 1, cast: castVoices([]) }, cb(), signal())).rejects.toMatchObject({
      code: 'no-voices',
    });
    expect(synth.spoken).toHaveLength(0);
  });

  it('dispose removes the voiceschanged listeners and settles a pending prepare', async () => {
    const { backend, synth } = setup({ voicesArrive: 'never', syncCancelEvents: true });
    const result = backend.prepare(signal());
    expect(vi.getTimerCount()).toBe(2); // poll + timeout
    backend.dispose();
    await expect(result).rejects.toBeInstanceOf(NarrationError);
    expect(synth.listenerCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('readSentence', () => {
  it('sets voice, lang, rate (reader × speaker, clamped) and pitch (clamped) from the cast', async () => {
    const { backend, synth } = setup();
    const cast = castVoices(SIX_VOICES);
    const wild: VoiceCast = { ...cast, stalin: { ...cast.stalin, rate: 8, pitch: 3 } };
    void backend.readSentence(ONE, { rate: 2, cast: wild }, cb(), signal());
    expect(synth.spoken[0]).toEqual({ text: 'Sit down, please.', voiceName: 'Tom', lang: 'en-US', rate: 10, pitch: 2, volume: 1 });
  });

  it('finds the voice by name when the URI is unknown, else falls back to an English voice', async () => {
    const voices: VoiceInfo[] = [voice('Anna', 'de-DE'), voice('Daniel', 'en-GB'), voice('Tom', 'en-US')];
    const { backend, synth } = setup({ voices });
    const cast = castVoices(voices);
    const byName: VoiceCast = { ...cast, stalin: { ...cast.stalin, voiceURI: 'urn:elsewhere', voiceName: 'Tom' } };
    const nothing: VoiceCast = { ...cast, stalin: { ...cast.stalin, voiceURI: null, voiceName: null } };
    const c = new AbortController();
    void backend.readSentence(ONE, { rate: 1, cast: byName }, cb(), c.signal);
    c.abort();
    void backend.readSentence(ONE, { rate: 1, cast: nothing }, cb(), signal());
    expect(synth.spoken.map((s) => s.voiceName)).toEqual(['Tom', 'Daniel']);
  });

  it('leaves pitch at 1 for a Microsoft Natural voice', async () => {
    const natural = voice('Microsoft Sonia Online (Natural) - English (United Kingdom)', 'en-GB');
    const { backend, synth } = setup({ voices: [natural] });
    const cast = castVoices([natural]);
    void backend.readSentence(ONE, { rate: 1, cast: { ...cast, stalin: { ...cast.stalin, pitch: 0.5 } } }, cb(), signal());
    expect(synth.spoken[0]!.pitch).toBe(1);
  });

  it('calls onStart once for a two-span sentence and resolves after the last span', async () => {
    const { backend, synth } = setup();
    const callbacks = cb();
    const two = item('b', 0, 'p', [
      ['kollontai', 'I thank you,'],
      ['narrator', ' she said.'],
    ]);
    let done = false;
    void backend.readSentence(two, { rate: 1, cast: castVoices(SIX_VOICES) }, callbacks, signal()).then(() => (done = true));
    await advance(350);
    expect(synth.spoken).toHaveLength(1); // the second span waits for the first to end
    await advance(1000);
    expect(synth.spoken.map((s) => s.voiceName)).toEqual(['Samantha', 'Daniel']);
    expect(callbacks.onStart).toHaveBeenCalledTimes(1);
    expect(done).toBe(true);
  });

  it('cancels a stale queue before speaking, but not an idle synth', async () => {
    const { backend, synth } = setup({ auto: false });
    void backend.readSentence(ONE, { rate: 1, cast: castVoices(SIX_VOICES) }, cb(), signal());
    expect(synth.cancelCount).toBe(0);
    const stranger = createFakeUtterance('Someone else');
    synth.speak(stranger); // queued behind ours
    void backend.readSentence(ONE, { rate: 1, cast: castVoices(SIX_VOICES) }, cb(), signal());
    expect(synth.cancelCount).toBe(1);
    expect(synth.queueLength).toBe(1);
  });

  it('un-pauses a synth left paused before speaking (Chrome keeps paused after cancel)', async () => {
    const { backend, synth } = setup();
    synth.pause();
    void backend.readSentence(ONE, { rate: 1, cast: castVoices(SIX_VOICES) }, cb(), signal());
    expect(synth.paused).toBe(false);
    await advance(20);
    expect(synth.speaking).toBe(true);
  });

  it('abort: cancels, resolves quietly, makes no more callbacks', async () => {
    const { backend, synth } = setup({ auto: false });
    const callbacks = cb();
    const c = new AbortController();
    const reading = backend.readSentence(ONE, { rate: 1, cast: castVoices(SIX_VOICES) }, callbacks, c.signal);
    const u = synth.current!;
    c.abort();
    await expect(reading).resolves.toBeUndefined();
    expect(synth.speaking).toBe(false);
    u.onstart?.({});
    u.onboundary?.({ name: 'word', charIndex: 0 });
    u.onerror?.({ error: 'interrupted' });
    expect(callbacks.onStart).not.toHaveBeenCalled();
    expect(callbacks.onWord).not.toHaveBeenCalled();
  });

  it('maps boundaries: computes the length when charLength is missing, ignores sentence boundaries', async () => {
    const { backend, synth } = setup({ auto: false });
    const callbacks = cb();
    void backend.readSentence(ONE, { rate: 1, cast: castVoices(SIX_VOICES) }, callbacks, signal());
    synth.fireStart();
    synth.fireBoundary(4); // "down,"
    synth.fireBoundary(0, 17, 'sentence');
    synth.fireBoundary(11, 6);
    expect(callbacks.onWord.mock.calls).toEqual([
      [4, 4],
      [11, 6],
    ]);
  });

  it.each([
    ['not-allowed', 'not-allowed', 'The browser blocked speech until you press Play.'],
    ['synthesis-unavailable', 'synthesis-failed', /synthesis-unavailable/],
    ['canceled', 'synthesis-failed', /interrupted/],
  ])('an utterance error %s → %s', async (error, code, message) => {
    const { backend, synth } = setup({ auto: false });
    const reading = backend.readSentence(ONE, { rate: 1, cast: castVoices(SIX_VOICES) }, cb(), signal());
    synth.fireError(error);
    await expect(reading).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  });

  it("cancel(): our utterances' late interrupted/end events are ignored; the promise settles", async () => {
    const { backend, synth } = setup({ auto: false });
    const reading = backend.readSentence(ONE, { rate: 1, cast: castVoices(SIX_VOICES) }, cb(), signal());
    const u = synth.current!;
    backend.cancel();
    await advance(10); // the fake's async 'interrupted'
    u.onend?.({});
    await expect(reading).resolves.toBeUndefined();
    expect(synth.speaking).toBe(false);
  });
});

describe('watchdogs and pause', () => {
  it('no start within startTimeoutMs → stalled, and the synth is cancelled', async () => {
    const { backend, synth } = setup({ stallStart: () => true }, { startTimeoutMs: 1000 });
    const reading = backend.readSentence(ONE, { rate: 1, cast: castVoices(SIX_VOICES) }, cb(), signal());
    const assertion = expect(reading).rejects.toMatchObject({ code: 'stalled' });
    await advance(1000);
    await assertion;
    expect(synth.speaking).toBe(false);
  });

  it('the end watchdog scales with the rate', async () => {
    const { backend } = setup({ stallEnd: () => true }, { endGraceMs: 0 });
    let failedAt = -1;
    const started = Date.now();
    backend
      .readSentence(ONE, { rate: 0.5, cast: castVoices(SIX_VOICES) }, cb(), signal())
      .catch(() => (failedAt = Date.now() - started));
    // 3 words at 2.6 w/s ÷ (0.5 × 0.92) × 3 ≈ 7525 ms after the start at 10 ms.
    await advance(7400);
    expect(failedAt).toBe(-1);
    await advance(200);
    expect(failedAt).toBeGreaterThan(7400);
  });

  it('native pause suspends the watchdogs; resume re-arms them', async () => {
    const { backend, synth } = setup({ auto: false }, { startTimeoutMs: 1000 });
    const reading = backend.readSentence(ONE, { rate: 1, cast: castVoices(SIX_VOICES) }, cb(), signal());
    expect(backend.pause()).toBe(true);
    expect(synth.paused).toBe(true);
    await advance(30_000);
    expect(backend.resume()).toBe(true);
    expect(synth.paused).toBe(false);
    const assertion = expect(reading).rejects.toMatchObject({ code: 'stalled' });
    await advance(1000);
    await assertion;
  });

  it.each([
    ['restart', 'Mozilla/5.0 (Macintosh)', false],
    ['auto', 'Mozilla/5.0 (X11; Linux x86_64)', false],
    ['auto', 'Mozilla/5.0 (Linux; Android 14)', false],
    ['auto', 'Mozilla/5.0 (Windows NT 10.0)', true],
    ['native', 'Mozilla/5.0 (Linux; Android 14)', true],
  ] as const)('pauseMode %s on %s: pause() returns %s', (pauseMode, userAgent, native) => {
    const { backend, synth } = setup({}, { pauseMode, userAgent });
    void backend.readSentence(ONE, { rate: 1, cast: castVoices(SIX_VOICES) }, cb(), signal());
    expect(backend.pause()).toBe(native);
    expect(synth.paused).toBe(native);
    expect(backend.resume()).toBe(native);
  });
});
