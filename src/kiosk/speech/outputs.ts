/**
 * The two ways the kiosk's spoken help makes sound, behind `PromptOutput`:
 * - `DeviceVoiceOutput`: the device's speech synthesis (interface words in one voice, sentences
 *   in their speakers' voices), through the narration session's device backend, so it fails the
 *   same way (and falls back by the same rule) as the narration;
 * - `SpriteOutput`: the recorded interface sprite (one clip per phrase, numbers composed from
 *   number words) through an injected Howler-like player, and sentences from the recording.
 * Pure: the platform objects are injected.
 */
import type { PromptOutput } from './prompt-queue.ts';
import type { Prompt, PhrasePart } from './prompt.ts';

/** Reads one sentence of the edition in its speaker's voice; resolves quietly when aborted. */
export type SentenceReader = (id: string, signal: AbortSignal, onStart: () => void) => Promise<void>;

/** Options of `new DeviceVoiceOutput(…)`. */
export interface DeviceVoiceOutputOptions {
  /** Says interface words in the device voice at `rate`. */
  sayWords: (text: string, rate: number, signal: AbortSignal, onStart: () => void) => Promise<void>;
  readSentence: SentenceReader;
  /** Prompt speed (1 = normal). */
  rate: () => number;
  /** The first sound of each prompt. */
  onStart?: (prompt: Prompt) => void;
}

/** Says prompts with the device's voice. */
export class DeviceVoiceOutput implements PromptOutput {
  readonly kind = 'device';
  readonly #options: DeviceVoiceOutputOptions;

  constructor(options: DeviceVoiceOutputOptions) {
    this.#options = options;
  }

  async say(prompt: Prompt, signal: AbortSignal): Promise<void> {
    const started = once(() => this.#options.onStart?.(prompt));
    for (const segment of prompt.segments) {
      if (signal.aborted) return;
      if (segment.kind === 'sentence') await this.#options.readSentence(segment.id, signal, started);
      else await this.#options.sayWords(segment.text, this.#options.rate(), signal, started);
    }
  }
}

/** The parts of a Howl with a sprite used here (structural, so tests can fake it). */
export interface SpritePlayerLike {
  /** Plays sprite `id`; returns the sound id. */
  play(spriteId: string): number;
  stop(soundId?: number): unknown;
  volume(volume: number, soundId?: number): unknown;
  rate(rate: number, soundId?: number): unknown;
  once(event: 'end' | 'play' | 'playerror' | 'stop', listener: (soundId: number) => void, soundId?: number): unknown;
  off(event: string, listener?: (soundId: number) => void, soundId?: number): unknown;
}

/** Options of `new SpriteOutput(…)`. */
export interface SpriteOutputOptions {
  player: SpritePlayerLike;
  readSentence: SentenceReader;
  /** Prompt speed (1 = normal; the sprite plays faster or slower). */
  rate: () => number;
  /** Loudness, 0–1. */
  volume: () => number;
  /** The first sound of each prompt. */
  onStart?: (prompt: Prompt) => void;
  /** Each clip as it starts (for the host's log). */
  onClip?: (id: string) => void;
  /** Words the sprite has no clip for (skipped). */
  onMissing?: (text: string) => void;
  /** Gives up on a clip whose end never comes (ms past its length; default 3000). */
  endGraceMs?: number;
  /** Clip lengths (ms), for the end watchdog. */
  clipDuration: (id: string) => number;
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
}

/** Says prompts with the recorded interface sprite. */
export class SpriteOutput implements PromptOutput {
  readonly kind = 'sprite';
  readonly #options: SpriteOutputOptions;

  constructor(options: SpriteOutputOptions) {
    this.#options = options;
  }

  async say(prompt: Prompt, signal: AbortSignal): Promise<void> {
    const started = once(() => this.#options.onStart?.(prompt));
    for (const segment of prompt.segments) {
      if (signal.aborted) return;
      if (segment.kind === 'sentence') {
        await this.#options.readSentence(segment.id, signal, started);
        continue;
      }
      for (const part of segment.parts) {
        if (signal.aborted) return;
        if (part.kind === 'unknown') {
          this.#options.onMissing?.(part.text);
          continue;
        }
        await this.#playClip(part, signal, started);
      }
    }
  }

  /** Plays one clip to its end (or until aborted). */
  #playClip(part: PhrasePart, signal: AbortSignal, started: () => void): Promise<void> {
    const { player } = this.#options;
    const timers = this.#options.timers ?? {
      setTimeout: (fn: () => void, ms: number) => globalThis.setTimeout(fn, ms),
      clearTimeout: (h: unknown) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    return new Promise<void>((resolve, reject) => {
      const rate = Math.max(0.5, Math.min(2, this.#options.rate()));
      const soundId = player.play(part.id);
      player.volume(this.#options.volume(), soundId);
      if (rate !== 1) player.rate(rate, soundId);
      started();
      this.#options.onClip?.(part.id);
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        timers.clearTimeout(watchdog);
        signal.removeEventListener('abort', onAbort);
        player.off('end', onEnd, soundId);
        if (error) reject(error);
        else resolve();
      };
      const onEnd = () => finish();
      const onAbort = () => {
        player.stop(soundId);
        finish();
      };
      // Howler's end timer can be lost if the audio context is suspended: never wait forever.
      const limit = this.#options.clipDuration(part.id) / rate + (this.#options.endGraceMs ?? 3000);
      const watchdog = timers.setTimeout(() => {
        player.stop(soundId);
        finish(new Error(`the spoken-help clip "${part.id}" did not finish`));
      }, limit);
      player.once('end', onEnd, soundId);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** `fn` wrapped to run at most once. */
function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
