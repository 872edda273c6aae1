// A deterministic fake of `speechSynthesis` for node tests, driven by vi.useFakeTimers(): voices
// that arrive late (with or without `voiceschanged`) or never, an auto-advancing or manual
// utterance lifecycle, injected failures and stalls, a pause that does nothing (Android-like),
// and Chrome's cancel() behaviour ('interrupted' on the speaking utterance, 'canceled' on queued ones).
import type {
  SpeechSynthesisLike,
  UtteranceErrorEventLike,
  UtteranceEventLike,
  UtteranceLike,
  VoiceLike,
} from '../../../src/narration/backends/speech-synthesis-backend.ts';
import type { NarrationItem, VoiceInfo } from '../../../src/narration/types.ts';
import type { SpeakerId } from '../../../src/content/model.ts';

/** A voice for tests. */
export function voice(name: string, lang = 'en-US', extra: Partial<VoiceInfo> = {}): VoiceInfo {
  return { voiceURI: extra.voiceURI ?? `urn:voice:${name}`, name, lang, localService: true, default: false, ...extra };
}

/** A fake utterance (a plain object with the fields and handlers the backend sets). */
export class FakeUtterance implements UtteranceLike {
  voice: VoiceLike | null = null;
  lang = '';
  rate = 1;
  pitch = 1;
  volume = 1;
  onstart: ((event: UtteranceEventLike) => unknown) | null = null;
  onend: ((event: UtteranceEventLike) => unknown) | null = null;
  onerror: ((event: UtteranceErrorEventLike) => unknown) | null = null;
  onboundary: ((event: UtteranceEventLike) => unknown) | null = null;
  constructor(public text: string) {}
}

export const createFakeUtterance = (text: string): UtteranceLike => new FakeUtterance(text);

/** What the fake was asked to speak. */
export interface SpokenRecord {
  text: string;
  voiceName: string | null;
  lang: string;
  rate: number;
  pitch: number;
  volume: number;
}

export interface FakeSpeechOptions {
  voices?: VoiceInfo[];
  /** When the voices become visible: now (default), after a delay (with or without `voiceschanged`), never. */
  voicesArrive?: 'now' | 'never' | { afterMs: number; event: boolean };
  /** Drive start/boundary/end with timers (default true); false: the test calls fireStart/fireEnd. */
  auto?: boolean;
  /** Delay before `start` (default 10 ms). */
  startDelayMs?: number;
  /** Time per word at rate 1 (default 100 ms). */
  wordMs?: number;
  /** Fire this error instead of `start` for matching utterances. */
  failWith?: (u: UtteranceLike) => string | undefined;
  /** Never fire `start` for matching utterances. */
  stallStart?: (u: UtteranceLike) => boolean;
  /** Fire `start` but never `end` for matching utterances (Chrome's ~15 s cut-off). */
  stallEnd?: (u: UtteranceLike) => boolean;
  /** pause()/resume() do nothing (Android). */
  ignorePause?: boolean;
  /** Fire cancel()'s error events synchronously (default: on a 0 ms timer, like Chrome). */
  syncCancelEvents?: boolean;
}

/** A fake `speechSynthesis`. */
export class FakeSpeechSynthesis implements SpeechSynthesisLike {
  /** Every utterance passed to speak(), in order. */
  readonly spoken: SpokenRecord[] = [];
  /** Number of cancel() calls. */
  cancelCount = 0;
  pauseCount = 0;
  resumeCount = 0;
  /** Largest number of utterances speaking + queued at any time. */
  maxQueueLength = 0;
  #voices: VoiceInfo[];
  #current: UtteranceLike | null = null;
  #queue: UtteranceLike[] = [];
  #paused = false;
  #listeners = new Set<() => void>();
  /** Auto lifecycle of the current utterance: remaining steps and the pending timer. */
  #steps: { delay: number; run: () => void }[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #opts: Required<Omit<FakeSpeechOptions, 'voices' | 'voicesArrive' | 'failWith' | 'stallStart' | 'stallEnd'>> &
    Pick<FakeSpeechOptions, 'failWith' | 'stallStart' | 'stallEnd'>;

  constructor(options: FakeSpeechOptions = {}) {
    this.#opts = {
      auto: options.auto ?? true,
      startDelayMs: options.startDelayMs ?? 10,
      wordMs: options.wordMs ?? 100,
      ignorePause: options.ignorePause ?? false,
      syncCancelEvents: options.syncCancelEvents ?? false,
      failWith: options.failWith,
      stallStart: options.stallStart,
      stallEnd: options.stallEnd,
    };
    const voices = options.voices ?? [voice('Daniel', 'en-GB'), voice('Samantha', 'en-US')];
    const arrive = options.voicesArrive ?? 'now';
    this.#voices = arrive === 'now' ? [...voices] : [];
    if (typeof arrive === 'object') {
      setTimeout(() => this.setVoices(voices, arrive.event), arrive.afterMs);
    }
  }

  get speaking(): boolean {
    return this.#current !== null;
  }
  get pending(): boolean {
    return this.#queue.length > 0;
  }
  get paused(): boolean {
    return this.#paused;
  }
  /** Utterances speaking + queued now. */
  get queueLength(): number {
    return (this.#current ? 1 : 0) + this.#queue.length;
  }
  /** The utterance speaking now. */
  get current(): UtteranceLike | null {
    return this.#current;
  }
  /** Number of `voiceschanged` listeners. */
  get listenerCount(): number {
    return this.#listeners.size;
  }

  getVoices(): readonly VoiceLike[] {
    return [...this.#voices];
  }

  /** Replaces the voices; fires `voiceschanged` unless `event` is false. */
  setVoices(voices: VoiceInfo[], event = true): void {
    this.#voices = [...voices];
    if (event) for (const l of [...this.#listeners]) l();
  }

  addEventListener(_type: 'voiceschanged', listener: () => void): void {
    this.#listeners.add(listener);
  }
  removeEventListener(_type: 'voiceschanged', listener: () => void): void {
    this.#listeners.delete(listener);
  }

  speak(u: UtteranceLike): void {
    this.spoken.push({ text: u.text, voiceName: u.voice?.name ?? null, lang: u.lang, rate: u.rate, pitch: u.pitch, volume: u.volume });
    this.#queue.push(u);
    this.maxQueueLength = Math.max(this.maxQueueLength, this.queueLength);
    if (!this.#current && !this.#paused) this.#advance();
  }

  cancel(): void {
    this.cancelCount++;
    this.#clearTimer();
    this.#steps = [];
    const victims: [UtteranceLike, string][] = [];
    if (this.#current) victims.push([this.#current, 'interrupted']);
    for (const u of this.#queue) victims.push([u, 'canceled']);
    this.#current = null;
    this.#queue = [];
    const fire = () => {
      for (const [u, error] of victims) u.onerror?.({ error });
    };
    if (this.#opts.syncCancelEvents) fire();
    else setTimeout(fire, 0);
  }

  pause(): void {
    this.pauseCount++;
    if (this.#opts.ignorePause) return;
    this.#paused = true;
    this.#clearTimer();
  }

  resume(): void {
    this.resumeCount++;
    if (this.#opts.ignorePause) return;
    if (!this.#paused) return;
    this.#paused = false;
    if (this.#current) this.#schedule();
    else this.#advance();
  }

  // --- manual control (auto: false) ----------------------------------------------------

  fireStart(): void {
    this.#current?.onstart?.({});
  }
  fireBoundary(charIndex: number, charLength?: number, name = 'word'): void {
    this.#current?.onboundary?.({ name, charIndex, charLength });
  }
  /** Ends the current utterance and moves to the next one. */
  fireEnd(): void {
    const u = this.#current;
    if (!u) return;
    this.#current = null;
    u.onend?.({});
    this.#advance();
  }
  /** Fails the current utterance and moves to the next one. */
  fireError(error: string): void {
    const u = this.#current;
    if (!u) return;
    this.#current = null;
    u.onerror?.({ error });
    this.#advance();
  }

  // --- lifecycle -------------------------------------------------------------------------

  #advance(): void {
    if (this.#current || this.#paused) return;
    this.#clearTimer();
    this.#steps = [];
    const u = this.#queue.shift();
    if (!u) return;
    this.#current = u;
    if (!this.#opts.auto) return;
    const { startDelayMs, wordMs } = this.#opts;
    const failure = this.#opts.failWith?.(u);
    if (failure) {
      this.#steps = [{ delay: startDelayMs, run: () => this.fireError(failure) }];
    } else if (!this.#opts.stallStart?.(u)) {
      const perWord = wordMs / (u.rate || 1);
      this.#steps.push({ delay: startDelayMs, run: () => this.fireStart() });
      const words = [...u.text.matchAll(/\S+/g)];
      for (const w of words) {
        this.#steps.push({ delay: perWord, run: () => this.fireBoundary(w.index, w[0].length) });
      }
      if (!this.#opts.stallEnd?.(u)) this.#steps.push({ delay: perWord, run: () => this.fireEnd() });
    }
    this.#schedule();
  }

  #schedule(): void {
    this.#clearTimer();
    const step = this.#steps[0];
    if (!step) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#steps.shift();
      step.run();
      if (this.#timer === null && this.#current && !this.#paused) this.#schedule();
    }, step.delay);
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}

/** A small hand-built script item. `spans`: [speaker, text] pairs; displayed text = spoken text unless given. */
export function item(
  id: string,
  index: number,
  paragraph: string,
  spans: [SpeakerId, string, string?][],
): NarrationItem {
  let at = 0;
  const built = spans.map(([speaker, text, display]) => {
    const displayText = display ?? text;
    const span = { speaker, text, displayStart: at, displayText };
    at += displayText.length;
    return span;
  });
  return {
    id,
    index,
    speaker: spans[0]![0],
    paragraph,
    section: 's1',
    text: built.map((s) => s.displayText).join(''),
    spans: built,
  };
}
