/**
 * The kiosk's two-tier inactivity timer as a pure state machine: `active` (counting inactivity)
 * → `warning` (the "Are you still there?" countdown) → `reset`. It is held (`paused`) while the
 * narration plays, and `stopped` on the attract screen. Clock and timers are injected, so it runs
 * in node tests with fake timers. No DOM.
 */

/** `stopped`: not counting (attract screen); `paused`: held while something plays. */
export type IdleState = 'stopped' | 'active' | 'paused' | 'warning' | 'reset';

/** Timer functions (default: the global ones, looked up at call time). */
export interface IdleTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of `new IdleTimer(…)`. */
export interface IdleTimerOptions {
  /** Inactivity before the warning, in ms. */
  idleMs: number;
  /** Length of the warning countdown, in ms (at least 20 s: WCAG 2.2.1). */
  warningMs: number;
  /** Period of `onTick` during the warning (default 1000 ms). */
  tickMs?: number;
  /** Milliseconds, monotonic enough (default `Date.now`). */
  now?: () => number;
  timers?: IdleTimers;
  /** Called after every change of state, with the state before it. */
  onStateChange?: (state: IdleState, previous: IdleState) => void;
  /** During the warning: the time left, at its start and then on whole seconds. */
  onTick?: (remainingMs: number) => void;
}

/** The shortest warning allowed (WCAG 2.2.1: at least 20 s to extend). */
export const MIN_WARNING_MS = 20_000;

const defaultTimers: IdleTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Counts inactivity. `activity()` on every touch, key or movement; `pause()` while narration
 * plays and `resume()` when it stops; `start()` when the visitor leaves the attract screen.
 *
 * Activity only records the time, so calling it on every pointer move is cheap: when the idle
 * timeout fires it re-arms for the time still left since the last activity.
 */
export class IdleTimer {
  readonly #idleMs: number;
  readonly #warningMs: number;
  readonly #tickMs: number;
  readonly #now: () => number;
  readonly #timers: IdleTimers;
  readonly #onStateChange: (state: IdleState, previous: IdleState) => void;
  readonly #onTick: (remainingMs: number) => void;
  #state: IdleState = 'stopped';
  /** Held by `pause()` (something plays), whatever the state. */
  #held = false;
  #lastActivity = 0;
  #deadline = 0;
  #handle: unknown = null;

  constructor(options: IdleTimerOptions) {
    if (!(options.idleMs > 0)) throw new RangeError('idleMs must be positive');
    if (!(options.warningMs >= MIN_WARNING_MS)) throw new RangeError(`warningMs must be at least ${MIN_WARNING_MS}`);
    this.#idleMs = options.idleMs;
    this.#warningMs = options.warningMs;
    this.#tickMs = options.tickMs ?? 1000;
    this.#now = options.now ?? (() => Date.now());
    this.#timers = options.timers ?? defaultTimers;
    this.#onStateChange = options.onStateChange ?? (() => undefined);
    this.#onTick = options.onTick ?? (() => undefined);
  }

  /** The current state. */
  get state(): IdleState {
    return this.#state;
  }

  /** Time left in the warning (0 outside it). */
  get remainingMs(): number {
    return this.#state === 'warning' ? Math.max(0, this.#deadline - this.#now()) : 0;
  }

  /** Starts counting (from `stopped` or `reset`): `active`, or `paused` while held. */
  start(): void {
    if (this.#state !== 'stopped' && this.#state !== 'reset') return;
    this.#enterCounting();
  }

  /** Stops counting (the attract screen): `stopped`. */
  stop(): void {
    this.#clear();
    this.#set('stopped');
  }

  /** The visitor did something: counting starts over; a warning ends (`active` again). */
  activity(): void {
    if (this.#state === 'active') this.#lastActivity = this.#now();
    else if (this.#state === 'warning') this.#enterCounting();
  }

  /** Holds the timer while something plays (a warning ends). */
  pause(): void {
    this.#held = true;
    if (this.#state === 'active' || this.#state === 'warning') {
      this.#clear();
      this.#set('paused');
    }
  }

  /** Releases `pause()`: counting starts over from now. */
  resume(): void {
    this.#held = false;
    if (this.#state === 'paused') this.#enterCounting();
  }

  /** Clears the timers; the object can be started again. */
  dispose(): void {
    this.#clear();
    this.#state = 'stopped';
  }

  #enterCounting(): void {
    this.#clear();
    if (this.#held) {
      this.#set('paused');
      return;
    }
    this.#lastActivity = this.#now();
    this.#set('active');
    this.#arm(this.#idleMs);
  }

  #arm(ms: number): void {
    this.#handle = this.#timers.setTimeout(() => {
      this.#handle = null;
      if (this.#state !== 'active') return;
      const left = this.#idleMs - (this.#now() - this.#lastActivity);
      if (left > 0) this.#arm(left);
      else this.#warn();
    }, ms);
  }

  #warn(): void {
    this.#deadline = this.#now() + this.#warningMs;
    this.#set('warning');
    if (this.#state === 'warning') this.#tick();
  }

  #tick(): void {
    const left = this.#deadline - this.#now();
    if (left <= 0) {
      this.#clear();
      this.#set('reset');
      return;
    }
    this.#onTick(left);
    if (this.#state !== 'warning') return; // a listener continued or paused
    // The next tick lands on a whole number of ticks left, so a countdown shows round seconds.
    const next = left % this.#tickMs || this.#tickMs;
    this.#handle = this.#timers.setTimeout(() => {
      this.#handle = null;
      if (this.#state === 'warning') this.#tick();
    }, next);
  }

  #clear(): void {
    if (this.#handle !== null) this.#timers.clearTimeout(this.#handle);
    this.#handle = null;
  }

  #set(state: IdleState): void {
    const previous = this.#state;
    if (previous === state) return;
    this.#state = state;
    this.#onStateChange(state, previous);
  }
}
