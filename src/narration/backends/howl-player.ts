/**
 * One recording file played through one Howl: loading it (Opus first, then the MP3 alone once),
 * the one sound we play, its clock, rate and volume, and the sentence followers that listen to
 * its `end` and `playerror`. The Howler backend has one for the narration and, created on first
 * use, one for the Editor's asides. No DOM globals; the Howl comes from an injected factory.
 */
import type { TimerLike } from './speech-synthesis-backend.ts';
import { NarrationError, type SentenceCallbacks } from '../types.ts';
import { AudioClock } from './audio-clock.ts';
import { SentenceFollower, type FollowedSentence, type FollowerTiming, type PlaybackControl } from './sentence-follower.ts';

/** The options a player passes to `new Howl(…)`. */
export interface HowlOptionsLike {
  /** File URLs, best first (Opus, then MP3). */
  src: string[];
  /** Howler format names of `src`, in the same order (`webm`, `opus`, `mp3`). */
  format: string[];
  /** Always true: streams the long file, and `rate()` keeps the pitch. */
  html5: boolean;
  preload: boolean;
}

/** A Howler event listener: the sound id, and for `loaderror`/`playerror` the error. */
export type HowlListenerLike = (soundId: number, error?: unknown) => void;

/** The parts of `Howl` used here (structural, so tests can fake it). */
export interface HowlLike {
  /** Plays (or resumes) sound `id`, or a new/paused sound; returns its id (null/undefined when nothing plays). */
  play(id?: number): number | null | undefined;
  pause(id?: number): unknown;
  stop(id?: number): unknown;
  /** Position in seconds. */
  seek(): number;
  /** Moves to `seconds` (of sound `id`). */
  seek(seconds: number, id?: number): unknown;
  rate(): number;
  rate(rate: number, id?: number): unknown;
  volume(): number;
  volume(volume: number): unknown;
  playing(id?: number): boolean;
  /** Length in seconds (0 until loaded). */
  duration(id?: number): number;
  state(): 'unloaded' | 'loading' | 'loaded';
  on(event: string, listener: HowlListenerLike): unknown;
  once(event: string, listener: HowlListenerLike): unknown;
  off(event: string, listener?: HowlListenerLike): unknown;
  unload(): unknown;
}

/** One file to load: its Opus and MP3 URLs with their Howler formats. */
export interface PlayerSource {
  opus: { url: string; format: string };
  mp3: { url: string; format: string };
}

/** What a player needs from its backend. */
export interface HowlPlayerDeps {
  createHowl: (options: HowlOptionsLike) => HowlLike | Promise<HowlLike>;
  timers: TimerLike;
  now: () => number;
  /** Aborted when the backend is disposed: loading in flight ends. */
  lifetime: AbortSignal;
  /** How long `load()` waits for the file's `load`. */
  loadTimeoutMs: number;
}

/** A `loaderror` of the file (as opposed to a timeout or a dispose): worth one retry with the MP3. */
class LoadError extends NarrationError {}

/** One file, one Howl, one sound. */
export class HowlPlayer {
  /** The sound's clock (ms from the start of the file). */
  readonly clock: AudioClock;
  /** Paused by the engine's `pause()` (no nudges, no stall then). */
  paused = false;
  readonly #deps: HowlPlayerDeps;
  readonly #runs = new Set<SentenceFollower>();
  #howl: HowlLike | null = null;
  /** The one sound we play (Howler would start a second one on `play()` without an id). */
  #soundId: number | null = null;
  #rate: number | null = null;
  /** Last time `#reconcileRate` re-applied the rate. */
  #rateCheckedAt = -Infinity;
  /** Volume of the Howl (null: no Howl yet). */
  #volume: number | null = null;

  constructor(deps: HowlPlayerDeps) {
    this.#deps = deps;
    this.clock = new AudioClock(() => this.#howl?.seek(), deps.now);
  }

  /** The Howl (null before loading, after a failed load or a release). */
  get howl(): HowlLike | null {
    return this.#howl;
  }

  /** Whether the sound is playing now. */
  playing(): boolean {
    return this.#howl?.playing() ?? false;
  }

  /** Whether a sentence is being followed on this player. */
  get busy(): boolean {
    return this.#runs.size > 0;
  }

  /** The file's length (ms) as the element reports it (0 before loading). */
  durationMs(): number {
    return (this.#howl?.duration() ?? 0) * 1000;
  }

  /**
   * Creates the Howl (Opus first, MP3 fallback) unless one is there, and waits for its `load`. When
   * the file fails to load, tries the MP3 on its own once (a browser that claims WebM but cannot
   * decode it, a missing file). Rejects with `audio-failed` and `message`.
   */
  async load(source: PlayerSource, message: string): Promise<void> {
    try {
      await this.#loadHowl({ src: [source.opus.url, source.mp3.url], format: [source.opus.format, source.mp3.format], html5: true, preload: true }, message);
    } catch (err) {
      this.#checkAlive(message);
      if (!(err instanceof LoadError)) throw err;
      await this.#loadHowl({ src: [source.mp3.url], format: [source.mp3.format], html5: true, preload: true }, message);
    }
  }

  /** Applies the overall rate (clamped to 0.5–4, what HTML5 audio plays; NaN → 1) when it changed. */
  setRate(rate: number): void {
    const howl = this.#howl;
    const value = Number.isFinite(rate) ? Math.min(4, Math.max(0.5, rate)) : 1;
    if (!howl || value === this.#rate) return;
    howl.rate(value);
    this.#rate = value;
    this.#rateCheckedAt = -Infinity;
  }

  /** Gives the Howl `volume` (clamped to 0–1; NaN → 1) when it differs from the last one set. */
  setVolume(volume: number): void {
    const value = Number.isFinite(volume) ? Math.min(1, Math.max(0, volume)) : 1;
    const howl = this.#howl;
    if (!howl || value === this.#volume) return;
    howl.volume(value);
    this.#volume = value;
  }

  /** Seeks to `ms` and re-anchors the clock there. */
  seek(ms: number): void {
    const howl = this.#howl;
    if (!howl) return;
    const seconds = Math.max(0, ms) / 1000;
    if (this.#soundId !== null) {
      howl.seek(seconds, this.#soundId);
    } else {
      // With one argument Howler takes a number that equals a sound id (≥ 1000) for an id.
      howl.seek(Number.isInteger(seconds) && seconds >= 1000 ? seconds + 0.0005 : seconds);
    }
    this.clock.seekedTo(ms);
  }

  /** Plays our one sound (Howler starts a second sound on `play()` while a play is pending). */
  play(): void {
    const howl = this.#howl;
    if (!howl) return;
    let id = this.#soundId !== null ? howl.play(this.#soundId) : howl.play();
    if (typeof id !== 'number' && this.#soundId !== null) id = howl.play();
    if (typeof id === 'number') this.#soundId = id;
  }

  /** Pauses the sound (no unload: the buffer stays for the next seek). */
  pauseSound(): void {
    const howl = this.#howl;
    if (!howl) return;
    if (this.#soundId !== null) howl.pause(this.#soundId);
    else howl.pause();
  }

  /**
   * Follows `sentence` on this player's clock until its end: see `SentenceFollower`. Settles
   * quietly, without callbacks, once `signal` aborts. On a paused player it waits for `resume()`.
   */
  follow(sentence: FollowedSentence, callbacks: SentenceCallbacks, timing: FollowerTiming, timelineMs: number, signal: AbortSignal): Promise<void> {
    const follower = new SentenceFollower(sentence, callbacks, this.#control(timelineMs), timing);
    const onAbort = () => follower.settle();
    this.#runs.add(follower);
    signal.addEventListener('abort', onAbort, { once: true });
    const forget = () => {
      this.#runs.delete(follower);
      signal.removeEventListener('abort', onAbort);
    };
    follower.done.then(forget, forget);
    // Paused already (the engine paused while an aside's file loaded): `resume()` starts it.
    if (this.paused) follower.suspend();
    else follower.start();
    return follower.done;
  }

  /** The engine's pause: holds the followers and the sound. */
  pause(): void {
    this.paused = true;
    for (const run of this.#runs) run.suspend();
    this.pauseSound();
  }

  /** The engine's resume: plays on and re-arms the followers. */
  resume(): void {
    this.paused = false;
    this.play();
    for (const run of [...this.#runs]) run.rearm();
  }

  /** Settles every follower quietly and pauses the sound. */
  cancel(): void {
    this.settleRuns();
    this.paused = false;
    this.pauseSound();
  }

  /** Settles every follower quietly (no sound change). */
  settleRuns(): void {
    for (const run of [...this.#runs]) run.settle();
  }

  /** Settles the followers and unloads the Howl. */
  release(): void {
    this.settleRuns();
    const howl = this.#howl;
    this.#howl = null;
    if (howl) this.#unload(howl);
  }

  // --- internals -------------------------------------------------------------------------

  /** Creates the Howl (unless one is loading or loaded) and waits for its `load`. */
  async #loadHowl(options: HowlOptionsLike, message: string): Promise<void> {
    let howl = this.#howl;
    if (!howl) {
      try {
        howl = await this.#deps.createHowl(options);
      } catch (error) {
        console.error('recorded narration: the player could not be created:', error);
        throw new NarrationError('audio-failed', message);
      }
      if (this.#deps.lifetime.aborted) {
        howl.unload();
        this.#checkAlive(message);
      }
      this.#howl = howl;
      this.#soundId = null;
      this.#rate = null;
      this.#volume = 1; // Howler's default
      howl.on('end', this.#onEnd);
      howl.on('playerror', this.#onPlayError);
    }
    if (howl.state() === 'loaded') return;
    const loaded = howl;
    await new Promise<void>((resolve, reject) => {
      const { timers, lifetime } = this.#deps;
      const done = (error?: Error) => {
        loaded.off('load', onLoad);
        loaded.off('loaderror', onError);
        timers.clearTimeout(timeout);
        lifetime.removeEventListener('abort', onDisposed);
        if (error) reject(error);
        else resolve();
      };
      const onLoad = () => done();
      const onError = (_id: number, error?: unknown) => {
        console.error(`recorded narration: ${options.src.join(', ')} could not be loaded:`, error);
        // A Howl that failed to load is dropped; the next attempt creates a new one.
        if (this.#howl === loaded) {
          this.#howl = null;
          this.#unload(loaded);
        }
        done(new LoadError('audio-failed', message));
      };
      const onDisposed = () => done(new NarrationError('audio-failed', message));
      const timeout = timers.setTimeout(() => done(new NarrationError('audio-failed', message)), this.#deps.loadTimeoutMs);
      loaded.once('load', onLoad);
      loaded.once('loaderror', onError);
      lifetime.addEventListener('abort', onDisposed, { once: true });
    });
  }

  #checkAlive(message: string): void {
    if (this.#deps.lifetime.aborted) throw new NarrationError('audio-failed', message);
  }

  #unload(howl: HowlLike): void {
    howl.off('end', this.#onEnd);
    howl.off('playerror', this.#onPlayError);
    try {
      howl.unload();
    } catch {
      // Unloading a broken Howl must not break a dispose.
    }
  }

  readonly #onEnd = (): void => {
    for (const run of [...this.#runs]) run.ended();
  };

  readonly #onPlayError = (): void => {
    for (const run of [...this.#runs]) run.playError();
  };

  /**
   * Howler queues `rate()` while an HTML5 `play()` is pending and may never run that queue (its
   * queue only advances on a matching event), so a quick second speed change could be lost. Each
   * tick compares the sound's rate with the wanted one and re-applies it, at most every 300 ms.
   */
  #reconcileRate(now: number): void {
    const howl = this.#howl;
    if (!howl || this.#rate === null || this.#soundId === null || now - this.#rateCheckedAt < 300) return;
    this.#rateCheckedAt = now;
    const current = howl.rate(this.#soundId) as unknown;
    if (typeof current === 'number' && Math.abs(current - this.#rate) > 1e-3) howl.rate(this.#rate, this.#soundId);
  }

  /** What a sentence follower needs of the player. */
  #control(timelineMs: number): PlaybackControl {
    const player = this;
    const howl = this.#howl!;
    return {
      clock: this.clock,
      play: () => this.play(),
      pause: () => this.pauseSound(),
      playing: () => howl.playing(),
      get paused() {
        return player.paused;
      },
      durationMs: () => howl.duration() * 1000,
      timelineMs,
      reconcileRate: (now) => this.#reconcileRate(now),
      onceUnlocked: (listener) => {
        const onUnlock = () => listener();
        howl.once('unlock', onUnlock);
        return () => void howl.off('unlock', onUnlock);
      },
    };
  }
}
