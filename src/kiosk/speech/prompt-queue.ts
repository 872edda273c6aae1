/**
 * The prompt queue of the kiosk's spoken help: one prompt at a time, a new prompt cuts the one
 * speaking, and the narration is held (silent, its place kept) from the first prompt until the
 * last one ends, so prompts and narration never sound together. Pure: the output that makes the
 * sound and the narration hold are injected.
 */
import type { Prompt } from './prompt.ts';

/** Something that can say a prompt: resolves when it has been said, rejects when it failed. */
export interface PromptOutput {
  /** Says `prompt`; must stop at once (and resolve or reject quietly) when `signal` aborts. */
  say(prompt: Prompt, signal: AbortSignal): Promise<void>;
}

/** Options of `new PromptQueue(…)`. */
export interface PromptQueueOptions {
  /** The output to use for the next prompt (it may change: device voice → sprite). */
  output: () => PromptOutput;
  /**
   * Holds the narration (silent, position kept) and returns its release; called when a prompt
   * starts with nothing held. Default: nothing to hold.
   */
  holdNarration?: () => () => void;
  /** Speaking started (true) or everything has been said or cut (false). */
  onSpeakingChange?: (speaking: boolean) => void;
  /** A prompt failed (not cut): the owner may switch outputs and say it again. */
  onError?: (error: unknown, prompt: Prompt) => void;
  /** Every prompt as it starts, for the host's log and tests. */
  onPrompt?: (prompt: Prompt) => void;
  /**
   * The longest a prompt may take before it is given up (an output that never ends — a voice that
   * never fires `end`, a paused synthesizer — must not hold the narration and the kiosk's idle
   * timer for ever). Default: {@link promptDeadlineMs}.
   */
  deadlineMs?: (prompt: Prompt) => number;
  /** Default: the global timers. */
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
}

/** Milliseconds a sentence of the edition may take at the slowest speed, at the most. */
const SENTENCE_DEADLINE_MS = 60_000;

/**
 * A generous ceiling on how long a prompt can take to say: 150 ms a character of interface words
 * (three times a slow voice), a minute a sentence of the edition, plus 5 s.
 */
export function promptDeadlineMs(prompt: Prompt): number {
  return prompt.segments.reduce((ms, s) => ms + (s.kind === 'sentence' ? SENTENCE_DEADLINE_MS : s.text.length * 150), 5000);
}

const defaultTimers = {
  setTimeout: (fn: () => void, ms: number): unknown => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle: unknown): void => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Says prompts one at a time; the newest wins. */
export class PromptQueue {
  readonly #options: PromptQueueOptions;
  #current: AbortController | null = null;
  #release: (() => void) | null = null;
  #disposed = false;

  constructor(options: PromptQueueOptions) {
    this.#options = options;
  }

  /** Whether a prompt is being said. */
  get speaking(): boolean {
    return this.#current !== null;
  }

  /**
   * Says `prompt` now, cutting the prompt being said. Resolves when it has been said, cut or has
   * failed (never rejects).
   */
  async say(prompt: Prompt): Promise<void> {
    if (this.#disposed || prompt.segments.length === 0) return;
    const wasSpeaking = this.#current !== null;
    this.#current?.abort();
    const controller = new AbortController();
    this.#current = controller;
    if (!this.#release && this.#options.holdNarration) this.#release = this.#options.holdNarration();
    if (!wasSpeaking) this.#options.onSpeakingChange?.(true);
    this.#options.onPrompt?.(prompt);
    let failure: unknown = null;
    const timers = this.#options.timers ?? defaultTimers;
    let deadline: unknown = null;
    const late = await Promise.race([
      this.#options
        .output()
        .say(prompt, controller.signal)
        .then(
          () => false,
          (error: unknown) => ((failure = error), false),
        ),
      new Promise<boolean>((resolve) => {
        deadline = timers.setTimeout(() => resolve(true), (this.#options.deadlineMs ?? promptDeadlineMs)(prompt));
      }),
    ]);
    timers.clearTimeout(deadline);
    if (late && this.#current === controller) {
      console.warn('kiosk spoken help: a prompt did not end in time; given up so the narration and the idle timer go on');
      controller.abort();
      this.#finish();
      return;
    }
    if (this.#current !== controller) return; // cut by a newer prompt, which now owns the hold
    // A failure is reported while the narration is still held: the owner may say it again.
    if (failure !== null && !controller.signal.aborted) this.#options.onError?.(failure, prompt);
    if (this.#current === controller) this.#finish();
  }

  /** Silences the prompt being said (if any) and releases the narration. */
  cancel(): void {
    if (!this.#current) return;
    this.#current.abort();
    this.#finish();
  }

  /** Cancels and refuses further prompts. */
  dispose(): void {
    this.cancel();
    this.#disposed = true;
  }

  #finish(): void {
    this.#current = null;
    const release = this.#release;
    this.#release = null;
    release?.();
    this.#options.onSpeakingChange?.(false);
  }
}
