// The real NarrationEngine switching from the Web Speech backend (over the fake synth) to the
// HowlerBackend (over a fake Howl) mid-reading or after a device failure: the position is kept
// and reading continues at the same sentence, seeked to its start, then flows on without seeks.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HowlerBackend } from '../../../src/narration/backends/howler-backend.ts';
import { FALLBACK_NOTICE, shouldFallBack } from '../../../src/narration/narration-source.ts';
import { FakeHowl, fakeFrames, testManifest } from './fake-howl.ts';
import { advance, harness, texts } from './helpers.ts';

beforeEach(() => {
  vi.useFakeTimers();
  FakeHowl.instances = [];
});
afterEach(() => {
  vi.useRealTimers();
});

function recorded() {
  const loadManifest = vi.fn(async () => testManifest());
  const backend = new HowlerBackend({
    manifestUrl: '/audio/manifest.json',
    loadManifest,
    createHowl: (o) => new FakeHowl(o),
    frames: fakeFrames(),
    isHidden: () => false,
    now: () => Date.now(),
  });
  return { backend, loadManifest, howl: () => FakeHowl.instances.at(-1)! };
}

async function until(predicate: () => boolean, stepMs = 10, maxMs = 60_000): Promise<void> {
  for (let t = 0; t < maxMs && !predicate(); t += stepMs) await advance(stepMs);
  expect(predicate()).toBe(true);
}

describe('switching to the recorded narration', () => {
  it('mid-reading: keeps the sentence, seeks the recording to its start, then flows to the end', async () => {
    const { engine, synth, snapshots } = harness();
    const rec = recorded();
    await advance();
    engine.play();
    await until(() => engine.snapshot.index === 2);
    const spokenBefore = synth.spoken.length;
    expect(rec.loadManifest).not.toHaveBeenCalled(); // nothing recorded is requested before the switch

    engine.setBackend(rec.backend);
    expect(engine.snapshot).toMatchObject({ status: 'loading', index: 2, currentId: 's2' });
    expect(synth.speaking).toBe(false);
    await advance();
    expect(engine.snapshot).toMatchObject({ status: 'playing', index: 2, currentId: 's2' });
    const howl = rec.howl();
    expect(howl.seeks).toEqual([3]); // s2 starts at 3.0 s
    expect(howl.playing()).toBe(true);
    expect(rec.backend.currentTimeMs()).toBe(3000);

    const from = snapshots.length;
    await advance(20_000);
    expect(engine.snapshot).toMatchObject({ status: 'ended', index: 5 });
    expect(snapshots.slice(from).map((s) => s.currentId)).toEqual(['s3', 's4', 's5', 's5']);
    expect(howl.seeks).toEqual([3]); // continuous: no seek between sentences
    expect(howl.calls.filter((c) => c.startsWith('play'))).toHaveLength(1);
    expect(synth.spoken).toHaveLength(spokenBefore); // the device voice said nothing more
  });

  it('after a device failure: shouldFallBack → setBackend → play continues at the failed sentence', async () => {
    const { engine, synth } = harness({ fake: { failWith: (u) => (u.text === 'Sit down, please.' ? 'synthesis-failed' : undefined) } });
    const rec = recorded();
    await advance();
    engine.play();
    await until(() => engine.snapshot.status === 'error');
    const error = engine.snapshot.error!;
    expect(engine.snapshot).toMatchObject({ index: 2, currentId: 's2' });
    expect(error.code).toBe('synthesis-failed');
    expect(shouldFallBack(error, 'device', null)).toBe(true);
    expect(FALLBACK_NOTICE).toMatch(/same sentence/);

    engine.setBackend(rec.backend);
    engine.play();
    await advance();
    expect(engine.snapshot).toMatchObject({ status: 'playing', index: 2, currentId: 's2' });
    expect(rec.howl().seeks).toEqual([3]);
    await advance(20_000);
    expect(engine.snapshot).toMatchObject({ status: 'ended', index: 5 });
    expect(texts(synth)).toEqual(['It was November.', 'Snow fell on the city.', 'Sit down, please.']);
  });

  it('on the recording: pause/resume in place, jumps seek, rate changes restart the sentence at the new rate', async () => {
    const { engine } = harness();
    const rec = recorded();
    await advance();
    engine.setBackend(rec.backend);
    await advance();
    engine.playFrom('s3');
    const howl = rec.howl();
    expect(howl.seeks).toEqual([4.1]);
    await advance(500);
    engine.pause();
    expect(engine.snapshot.status).toBe('paused');
    expect(howl.playing()).toBe(false);
    const at = rec.backend.currentTimeMs();
    await advance(10_000);
    expect(engine.snapshot.status).toBe('paused'); // no stall error while paused
    engine.play();
    expect(howl.playing()).toBe(true);
    expect(howl.seeks).toEqual([4.1]); // resumed in place
    expect(rec.backend.currentTimeMs()).toBeCloseTo(at, -1);

    engine.next(); // s4
    expect(howl.seeks.at(-1)).toBe(6.5);
    engine.setRate(1.5);
    expect(howl.calls).toContain('rate:1.5');
    expect(howl.seeks.at(-1)).toBe(6.5); // the sentence restarted
    await advance(20_000);
    expect(engine.snapshot).toMatchObject({ status: 'ended', index: 5 });
  });
});
