// A deterministic fake of Howler's `Howl` (HTML5 mode) for node tests, driven by
// vi.useFakeTimers(): a clock that advances with fake time × rate while playing, `load` or
// `loaderror` after a tick, `end` at the end of the file, blocked plays (`playerror`, `unlock`),
// a frozen clock (stall) and stale `seek()` readings after a seek (HTML5 seek lag).
// Plus a manifest matching the narration test script, and counting animation frames.
import type { AudioManifest } from '../../../src/narration/audio-manifest.ts';
import type {
  FrameSchedulerLike,
  HowlLike,
  HowlListenerLike,
  HowlOptionsLike,
} from '../../../src/narration/backends/howler-backend.ts';

export interface FakeHowlOptions {
  /** `load` (default), `loaderror`, or nothing ever. */
  load?: 'ok' | 'error' | 'never';
  /** Length of the file in seconds (default 8.2). */
  durationSec?: number;
  /** What `duration()` reports once loaded (default `durationSec`; NaN: a stream that does not say). */
  reportedDurationSec?: number;
  /** This many calls of play() fail with `playerror` (autoplay blocked). */
  blockedPlays?: number;
  /** This many calls of play() are silently dropped (Howler's play lock queue). */
  droppedPlays?: number;
  /**
   * The data ends here (seconds) although the file announces `durationSec` (a file cut short with
   * its header intact): playing on fires `end` there and, like Howler's stop() after an end, goes
   * back to 0; a seek past it lands at 0.
   */
  dataEndsAtSec?: number;
}

const SOUND_ID = 1001;

/** A fake Howl. Every instance is recorded in `FakeHowl.instances`. */
export class FakeHowl implements HowlLike {
  static instances: FakeHowl[] = [];
  /** Method calls in order: `play`, `pause`, `seek:1.2`, `rate:1.5`, `unload`… */
  readonly calls: string[] = [];
  /** Positions passed to seek(…) (seconds). */
  readonly seeks: number[] = [];
  /** The clock stops advancing (a stall) while still "playing". */
  frozen = false;
  /** The next this-many seek() readings after a seek return the position before it. */
  staleReadsAfterSeek = 0;
  blockedPlays: number;
  droppedPlays: number;
  /** This many calls of rate(r) are swallowed (Howler's stalled queue during a pending play). */
  queuedRates = 0;
  readonly durationSec: number;
  readonly #reportedSec: number;
  readonly #dataEndSec: number;
  readonly #cutShort: boolean;
  #state: 'unloaded' | 'loading' | 'loaded' = 'loading';
  #pos = 0;
  /** Ended naturally: the next play() starts from 0 (Howler resets `_seek`). */
  #atEnd = false;
  #since: number | null = null;
  #rate = 1;
  #stale: { value: number; reads: number } | null = null;
  #endTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #listeners = new Map<string, Set<{ fn: HowlListenerLike; once: boolean }>>();

  constructor(
    readonly options: HowlOptionsLike,
    fake: FakeHowlOptions = {},
  ) {
    FakeHowl.instances.push(this);
    this.durationSec = fake.durationSec ?? 8.2;
    this.#reportedSec = fake.reportedDurationSec ?? this.durationSec;
    this.#dataEndSec = Math.min(this.durationSec, fake.dataEndsAtSec ?? this.durationSec);
    this.#cutShort = this.#dataEndSec < this.durationSec;
    this.blockedPlays = fake.blockedPlays ?? 0;
    this.droppedPlays = fake.droppedPlays ?? 0;
    const load = fake.load ?? 'ok';
    if (load === 'ok') {
      setTimeout(() => {
        this.#state = 'loaded';
        this.emit('load');
      }, 0);
    } else if (load === 'error') {
      setTimeout(() => this.emit('loaderror', SOUND_ID, 'decode error'), 0);
    }
  }

  /** Position in seconds, without seek lag. */
  get position(): number {
    if (this.#since === null || this.frozen) return this.#pos;
    return Math.min(this.#dataEndSec, this.#pos + ((Date.now() - this.#since) / 1000) * this.#rate);
  }

  play(id?: number): number {
    this.calls.push(id === undefined ? 'play' : `play:${id}`);
    if (this.blockedPlays > 0) {
      this.blockedPlays--;
      setTimeout(() => this.emit('playerror', SOUND_ID, 'not allowed'), 0);
      return SOUND_ID;
    }
    if (this.droppedPlays > 0) {
      this.droppedPlays--;
      return SOUND_ID;
    }
    if (this.#since === null) {
      // Like Howler: after the end, play() starts over; a position past the end ends at once.
      if (this.#atEnd) this.#pos = 0;
      this.#atEnd = false;
      this.#since = Date.now();
      this.#armEnd();
    }
    return SOUND_ID;
  }

  pause(): this {
    this.calls.push('pause');
    this.#hold();
    return this;
  }

  stop(): this {
    this.calls.push('stop');
    this.#hold();
    this.#pos = 0;
    return this;
  }

  seek(): number;
  seek(seconds: number, id?: number): this;
  seek(seconds?: number): number | this {
    if (seconds === undefined) {
      if (this.#stale && this.#stale.reads > 0) {
        this.#stale.reads--;
        return this.#stale.value;
      }
      return this.position;
    }
    this.calls.push(`seek:${seconds}`);
    this.seeks.push(seconds);
    if (this.staleReadsAfterSeek > 0) this.#stale = { value: this.position, reads: this.staleReadsAfterSeek };
    const playing = this.#since !== null;
    this.#hold();
    this.#pos = this.#cutShort && seconds > this.#dataEndSec ? 0 : seconds;
    this.#atEnd = false;
    if (playing) {
      this.#since = Date.now();
      this.#armEnd();
    }
    return this;
  }

  rate(): number;
  rate(rate: number, id?: number): this;
  rate(rate?: number, id?: number): number | this {
    // Like Howler: rate() and rate(soundId) read; rate(r) and rate(r, soundId) set.
    if (rate === undefined || (rate === SOUND_ID && id === undefined)) return this.#rate;
    if (this.queuedRates > 0) {
      // Like Howler's queue during a pending HTML5 play(): the call is accepted but never runs.
      this.queuedRates--;
      this.calls.push(`rate-queued:${rate}`);
      return this;
    }
    this.calls.push(`rate:${rate}`);
    const playing = this.#since !== null;
    this.#hold();
    this.#rate = rate;
    if (playing) {
      this.#since = Date.now();
      this.#armEnd();
    }
    return this;
  }

  /** Volumes set with volume(v), in order (kept apart from `calls`). */
  readonly volumes: number[] = [];
  #volume = 1;
  volume(): number;
  volume(volume: number): this;
  volume(volume?: number): number | this {
    if (volume === undefined) return this.#volume;
    this.#volume = volume;
    this.volumes.push(volume);
    return this;
  }

  playing(): boolean {
    return this.#since !== null;
  }

  duration(): number {
    return this.#state === 'loaded' ? this.#reportedSec : 0;
  }

  state(): 'unloaded' | 'loading' | 'loaded' {
    return this.#state;
  }

  on(event: string, fn: HowlListenerLike): this {
    this.#set(event).add({ fn, once: false });
    return this;
  }

  once(event: string, fn: HowlListenerLike): this {
    this.#set(event).add({ fn, once: true });
    return this;
  }

  off(event: string, fn?: HowlListenerLike): this {
    const set = this.#listeners.get(event);
    if (!set) return this;
    for (const l of [...set]) if (!fn || l.fn === fn) set.delete(l);
    return this;
  }

  unload(): null {
    this.calls.push('unload');
    this.#hold();
    this.#state = 'unloaded';
    this.#listeners.clear();
    return null;
  }

  /** Number of listeners for `event`. */
  listenerCount(event: string): number {
    return this.#listeners.get(event)?.size ?? 0;
  }

  /** Fires `event` at the listeners. */
  emit(event: string, id = SOUND_ID, error?: unknown): void {
    const set = this.#listeners.get(event);
    if (!set) return;
    for (const l of [...set]) {
      if (l.once) set.delete(l);
      l.fn(id, error);
    }
  }

  /** Howler's `unlock` (the user touched the page): listeners usually call play(). */
  unlock(): void {
    this.emit('unlock');
  }

  #hold(): void {
    this.#pos = this.position;
    this.#since = null;
    if (this.#endTimer !== null) clearTimeout(this.#endTimer);
    this.#endTimer = null;
  }

  #armEnd(): void {
    if (this.#endTimer !== null) clearTimeout(this.#endTimer);
    const ms = Math.max(0, ((this.#dataEndSec - this.#pos) * 1000) / this.#rate);
    this.#endTimer = setTimeout(() => {
      if (this.frozen) return;
      this.#endTimer = null;
      this.#pos = this.#dataEndSec;
      this.#since = null;
      this.#atEnd = true;
      this.emit('end');
      // Howler stops the sound after an end: the element goes back to the start.
      if (this.#cutShort) this.#pos = 0;
    }, ms);
  }

  #set(event: string) {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    return set;
  }
}

/** Animation frames on 16 ms fake timers, counted. */
export function fakeFrames(): FrameSchedulerLike & { requests: number } {
  const frames = {
    requests: 0,
    request(cb: () => void): unknown {
      frames.requests++;
      return setTimeout(cb, 16);
    },
    cancel(handle: unknown): void {
      clearTimeout(handle as ReturnType<typeof setTimeout>);
    },
  };
  return frames;
}

/**
 * The recorded narration of the test SCRIPT (helpers.ts): s0 0–1000, s1 1200–2500 (with word
 * times), s2 3000–4000, s3 4100–6000 (Kollontai then the narrator), s4 6500–7000, s5 7100–8300
 * (the timeline runs 100 ms past the 8.2 s file — within the truncation tolerance — so s5 ends with
 * the file's `end`).
 */
export function testManifest(): AudioManifest {
  const entry = (start: number, end: number, speaker: string, extra: Partial<AudioManifest['sentences'][string]> = {}) => ({
    start,
    end,
    speaker: speaker as AudioManifest['sentences'][string]['speaker'],
    spans: [{ speaker: speaker as AudioManifest['sentences'][string]['speaker'], start, end }],
    hash: `h-${start}`,
    ...extra,
  });
  return {
    version: 1,
    files: { opus: 'narration.webm', mp3: 'narration.mp3' },
    durationMs: 8300,
    order: ['s0', 's1', 's2', 's3', 's4', 's5'],
    sentences: {
      s0: entry(0, 1000, 'narrator'),
      s1: entry(1200, 2500, 'narrator', {
        // "Snow fell on the city."
        words: [
          { start: 1200, end: 1400, from: 0, to: 4 },
          { start: 1450, end: 1700, from: 5, to: 9 },
          { start: 1750, end: 1850, from: 10, to: 12 },
          { start: 1900, end: 2000, from: 13, to: 16 },
          { start: 2050, end: 2500, from: 17, to: 21 },
        ],
      }),
      s2: entry(3000, 4000, 'stalin'),
      s3: entry(4100, 6000, 'kollontai', {
        spans: [
          { speaker: 'kollontai', start: 4100, end: 5200 },
          { speaker: 'narrator', start: 5300, end: 6000 },
        ],
      }),
      s4: entry(6500, 7000, 'molotov'),
      s5: entry(7100, 8300, 'secretary'),
    },
    loudness: { integratedLufs: -18, truePeakDbtp: -1.5 },
    voices: {
      narrator: { engine: 'flite', voice: 'slt' },
      kollontai: { engine: 'flite', voice: 'slt' },
      stalin: { engine: 'flite', voice: 'rms' },
      molotov: { engine: 'flite', voice: 'awb' },
      secretary: { engine: 'flite', voice: 'kal' },
      editor: { engine: 'espeak-ng', voice: 'en-us+f3' },
    },
  };
}
