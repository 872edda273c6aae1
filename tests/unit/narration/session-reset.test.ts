// NarrationSession.setVolume and reset() (the kiosk's idle reset): volume reaches the engine and
// is kept; reset stops, forgets stored preferences and the position, and restores the defaults.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NarrationSession } from '../../../src/narration/session.ts';
import { SpeechSynthesisBackend } from '../../../src/narration/backends/speech-synthesis-backend.ts';
import { createNarrationStore, createPositionStore } from '../../../src/narration/preferences.ts';
import { FakeSpeechSynthesis, createFakeUtterance } from './fake-speech.ts';
import { SCRIPT, SIX_VOICES, advance } from './helpers.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

function setup() {
  const storage = memoryStorage();
  const synth = new FakeSpeechSynthesis({ voices: SIX_VOICES });
  const session = new NarrationSession({
    script: SCRIPT,
    createDeviceBackend: () =>
      new SpeechSynthesisBackend(synth, { createUtterance: createFakeUtterance, pauseMode: 'native', userAgent: 'Mac' }),
    loadRecordedBackend: () => Promise.reject(new Error('no recording in this test')),
    speechAvailable: true,
    preferences: createNarrationStore(() => storage),
    positions: createPositionStore(() => storage),
  });
  return { session, synth, storage };
}

describe('NarrationSession volume and reset', () => {
  it('setVolume snaps to 0.1 steps, keeps the choice and reaches the utterances', async () => {
    const { session, synth, storage } = setup();
    await advance();
    session.setVolume(0.44);
    expect(session.preferences.volume).toBe(0.4);
    expect(session.engine.volume).toBe(0.4);
    expect(JSON.parse(storage.map.get('ne-narration:v1')!).volume).toBe(0.4);
    session.engine.play();
    expect(synth.spoken[0]!.volume).toBe(0.4);
    session.dispose();
  });

  it('reset stops, clears stored preferences and position, and restores speed, volume, voices and position', async () => {
    const { session, synth, storage } = setup();
    await advance();
    session.setRate(1.5);
    session.setVolume(0.3);
    session.setVoice('narrator', 'Tom');
    session.engine.play();
    session.engine.next();
    await advance(100);
    expect(storage.map.size).toBeGreaterThan(0);
    const listener = vi.fn();
    session.subscribe(listener);

    session.reset();
    expect(session.engine.snapshot).toMatchObject({ status: 'idle', index: 0, rate: 1 });
    expect(session.engine.volume).toBe(1);
    expect(session.preferences).toEqual({
      rate: 1,
      voices: {},
      shortcuts: true,
      followAlong: true,
      tabToSentences: false,
      source: 'auto',
      volume: 1,
    });
    expect(session.cast.narrator.voiceName).not.toBe('Tom');
    expect(storage.map.size).toBe(0);
    expect(listener).toHaveBeenCalled();
    const spoken = synth.spoken.length;
    await advance(5000);
    expect(synth.spoken).toHaveLength(spoken); // nothing speaks after a reset
    session.engine.play();
    expect(synth.spoken.at(-1)).toMatchObject({ volume: 1, text: SCRIPT.items[0]!.spans[0]!.text });
    session.dispose();
  });
});
