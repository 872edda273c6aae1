// NarrationSession's automatic fallback (issue 4's rule, the one the kiosk's spoken help shares):
// a device-voice failure that a recording fixes switches to the recording at the same sentence,
// with a notice, and keeps playing; a forced device voice, or a failure the recording cannot fix,
// does not switch. Also readSentenceAloud, the kiosk's one-sentence reading, leaves the engine alone.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NarrationSession } from '../../../src/narration/session.ts';
import { SpeechSynthesisBackend } from '../../../src/narration/backends/speech-synthesis-backend.ts';
import { createNarrationStore, createPositionStore } from '../../../src/narration/preferences.ts';
import { FALLBACK_NOTICE, noticeLeadMs, type NarrationSource } from '../../../src/narration/narration-source.ts';
import type { NarrationBackend, NarrationItem } from '../../../src/narration/types.ts';
import { FakeSpeechSynthesis, createFakeUtterance } from './fake-speech.ts';
import { SCRIPT, SIX_VOICES, advance } from './helpers.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A recorded backend that "plays" each sentence for 100 ms and logs what it read. */
function fakeRecording(log: string[]): NarrationBackend {
  return {
    kind: 'recorded',
    prepare: () => Promise.resolve(),
    readSentence: (item: NarrationItem, _o, callbacks, signal) =>
      new Promise<void>((resolve) => {
        log.push(item.id);
        callbacks.onStart();
        const timer = setTimeout(resolve, 100);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      }),
    pause: () => true,
    resume: () => true,
    cancel: () => log.push('cancel'),
    dispose: () => undefined,
  };
}

function setup({ failWith = 'synthesis-failed', forced = null as NarrationSource | null } = {}) {
  const storage = new Map<string, string>();
  const store = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v), removeItem: (k: string) => void storage.delete(k) };
  const synth = new FakeSpeechSynthesis({ voices: SIX_VOICES, failWith: (u) => (u.text.includes('Snow') ? failWith : undefined) });
  const recorded: string[] = [];
  const session = new NarrationSession({
    script: SCRIPT,
    createDeviceBackend: () => new SpeechSynthesisBackend(synth, { createUtterance: createFakeUtterance, pauseMode: 'native', userAgent: 'Mac' }),
    loadRecordedBackend: async () => fakeRecording(recorded),
    speechAvailable: true,
    forcedSource: forced,
    preferences: createNarrationStore(() => store),
    positions: createPositionStore(() => store),
  });
  return { session, synth, recorded };
}

describe('NarrationSession fallback', () => {
  it('a synthesis failure switches to the recording at the same sentence, with the notice, and keeps playing', async () => {
    const { session, recorded } = setup();
    await advance();
    session.engine.play();
    await advance(500);
    expect(session.source).toBe('recorded');
    expect(session.notice).toBe(FALLBACK_NOTICE);
    // The notice is said first: the recording waits for it, then reads.
    await advance(noticeLeadMs(FALLBACK_NOTICE) - 700);
    expect(recorded).toEqual([]);
    await advance(3000);
    expect(recorded[0]).toBe('s1'); // "Snow fell on the city." failed on the device: the recording reads it
    expect(recorded).toContain('s2');
    expect(session.engine.snapshot.error).toBeNull();
    session.dispose();
  });

  it('a forced device voice does not switch: the failure is shown', async () => {
    const { session, recorded } = setup({ forced: 'device' });
    await advance();
    session.engine.play();
    await advance(3000);
    expect(session.source).toBe('device');
    expect(recorded).toEqual([]);
    expect(session.engine.snapshot.status).toBe('error');
    expect(session.engine.snapshot.error?.code).toBe('synthesis-failed');
    session.dispose();
  });

  it('"not-allowed" (Play again inside a click works) does not switch', async () => {
    const { session, recorded } = setup({ failWith: 'not-allowed' });
    await advance();
    session.engine.play();
    await advance(3000);
    expect(session.source).toBe('device');
    expect(recorded).toEqual([]);
    session.dispose();
  });
});

describe('NarrationSession.readSentenceAloud (the kiosk reading one sentence)', () => {
  it('reads the sentence from the recording and stops it there; the engine keeps its place', async () => {
    const { session, recorded } = setup();
    await advance();
    const before = session.engine.snapshot;
    const reading = session.readSentenceAloud('s3', 'recorded', new AbortController().signal);
    await advance(500);
    await reading;
    expect(recorded).toEqual(['s3', 'cancel']); // stopped at its end: it must not flow on under the next prompt
    expect(session.engine.snapshot).toBe(before);
    session.dispose();
  });
});
