// NarrationSession owns its backends: every device backend it creates and every recording the
// engine is handed is disposed of exactly once — when a switch replaces it, or when the session
// ends — and the live ones are the only ones left. (Five switches used to create 11 backends and
// dispose of 6.) Also the position the session keeps for Stop and the kiosk.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NarrationSession } from '../../../src/narration/session.ts';
import { NARRATION_STORAGE_KEY, createNarrationStore, createPositionStore } from '../../../src/narration/preferences.ts';
import type { NarrationSource } from '../../../src/narration/narration-source.ts';
import type { NarrationBackend } from '../../../src/narration/types.ts';
import type { VoicedBackend } from '../../../src/narration/session.ts';
import { SCRIPT, SIX_VOICES, advance } from './helpers.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Counts creations and disposals per backend; each backend reads a sentence in 100 ms. */
function countingBackends() {
  const created: string[] = [];
  const disposed: string[] = [];
  const make = (kind: 'device' | 'recorded'): VoicedBackend => {
    const name = `${kind}-${created.filter((c) => c.startsWith(kind)).length + 1}`;
    created.push(name);
    return {
      kind: kind === 'device' ? 'speech' : 'recorded',
      voices: SIX_VOICES,
      prepare: () => Promise.resolve(),
      readSentence: (_item, _options, callbacks, signal) =>
        new Promise<void>((resolve) => {
          callbacks.onStart();
          const timer = setTimeout(resolve, 100);
          signal.addEventListener('abort', () => (clearTimeout(timer), resolve()));
        }),
      pause: () => true,
      resume: () => true,
      cancel: () => undefined,
      dispose: () => {
        if (disposed.includes(name)) throw new Error(`${name} disposed twice`);
        disposed.push(name);
      },
    };
  };
  return { created, disposed, device: () => make('device'), recorded: async (): Promise<NarrationBackend> => make('recorded') };
}

function setup(initial: NarrationSource = 'device') {
  const storage = new Map<string, string>([[NARRATION_STORAGE_KEY, JSON.stringify({ source: initial })]]);
  const store = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v), removeItem: (k: string) => void storage.delete(k) };
  const backends = countingBackends();
  const session = new NarrationSession({
    script: SCRIPT,
    createDeviceBackend: backends.device,
    loadRecordedBackend: backends.recorded,
    speechAvailable: true,
    preferences: createNarrationStore(() => store),
    positions: createPositionStore(() => store),
  });
  return { session, ...backends };
}

describe('NarrationSession backends', () => {
  it('five switches while playing: each replaced backend is disposed of once, only the live ones remain', async () => {
    const { session, created, disposed } = setup('device');
    session.engine.play();
    await advance(50);
    for (const source of ['recorded', 'device', 'recorded', 'device', 'recorded'] as const) {
      session.setSource(source);
      await advance(150);
      expect(session.engine.backend.kind).toBe(source === 'device' ? 'speech' : 'recorded');
    }
    // Live now: the recording the engine reads with, and one spare device backend (voices, previews).
    const alive = created.filter((name) => !disposed.includes(name));
    expect(alive).toHaveLength(2);
    expect(alive.filter((name) => name.startsWith('device'))).toHaveLength(1);
    expect(alive.filter((name) => name.startsWith('recorded'))).toHaveLength(1);
    // The spare device backend is handed over when the device voice comes back (not a new one):
    // the first, plus one spare per switch to the recording (whose engine disposed the last).
    expect(created.filter((name) => name.startsWith('device'))).toHaveLength(4);
    expect(created.filter((name) => name.startsWith('recorded'))).toHaveLength(3);

    session.dispose();
    expect([...disposed].sort()).toEqual([...created].sort());
  });

  it('a session that starts on the recording disposes of its spare device backend when it ends', async () => {
    const { session, created, disposed } = setup('recorded');
    expect(session.engine.backend.kind).toBe('recorded');
    session.setSource('device');
    session.setSource('recorded');
    await advance();
    session.dispose();
    expect([...disposed].sort()).toEqual([...created].sort());
  });

  it('keeps the position last read or paused on, and forgets it on reset', async () => {
    const { session } = setup('device');
    expect(session.position).toBeNull();
    session.engine.play();
    await advance(250);
    const reading = session.engine.snapshot.currentId;
    expect(reading).not.toBe(SCRIPT.items[0]!.id);
    expect(session.position).toBe(reading);
    session.engine.pause();
    session.engine.stop();
    expect(session.position).toBe(reading);
    session.reset();
    expect(session.position).toBeNull();
    session.dispose();
  });
});
