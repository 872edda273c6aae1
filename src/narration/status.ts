/**
 * The narration's one status value and the pure reducer that changes it. The engine keeps a
 * `NarrationState`, feeds every intent and every backend outcome through `narrationReducer`,
 * and performs side effects by comparing the state before and after. Pure: no Lit, no DOM.
 *
 * Run ids: every position change, every (re)start and every stop bumps `runId`. Outcomes of a
 * sentence (`finished`, `fail`) carry the run id they were started with; a stale one is ignored
 * and the reducer returns the very same state object, so "nothing changed" is `next === prev`.
 */
import type { NarrationError, NarrationStatus } from './types.ts';

/** Everything the narration's status depends on. */
export interface NarrationState {
  status: NarrationStatus;
  /** The current sentence: being read (playing/loading), paused at, or where Play starts. */
  index: number;
  /** Identifies the current run of reading; outcomes of older runs are ignored. */
  runId: number;
  /** Set in status `error` only. */
  error: NarrationError | null;
  /** Number of sentences in the script (index is clamped to `[0, total - 1]`). */
  total: number;
  /** Whether the backend has been prepared (Play then starts at once instead of `loading`). */
  prepared: boolean;
}

/** Everything that can happen to the narration. */
export type NarrationAction =
  /** A (new) script: back to idle at `index` (default: kept, clamped). Unprepares nothing. */
  | { type: 'load'; total: number; index?: number }
  /** The backend finished preparing: `loading` becomes `playing`. */
  | { type: 'ready' }
  /** A new backend (prepared or not) replaces the old one; the position and status are kept. */
  | { type: 'backend'; prepared: boolean }
  /**
   * Play. Without `index`: idle/error from the position, ended from 0, paused resumes,
   * playing/loading no-op. With `index`: play from there (restarts when it is the current one).
   */
  | { type: 'play'; index?: number }
  /** The reader paused (playing or loading → paused). */
  | { type: 'pause' }
  /** Resume after a pause (same as `play` without index, but only from paused). */
  | { type: 'resume' }
  /** Stop: idle, position kept (Play starts there again). */
  | { type: 'stop' }
  /** Move to `index` keeping playing/paused/loading; otherwise only the position (idle). */
  | { type: 'seek'; index: number }
  /** Read the current sentence again from its start (rate or voice changed while playing). */
  | { type: 'restart' }
  /** The sentence of run `runId` has been read: advance, or end after the last one. */
  | { type: 'finished'; runId: number }
  /** Run `runId` failed. */
  | { type: 'fail'; runId: number; error: NarrationError };

/** Clamps an index to `[0, total - 1]` (0 for an empty script; NaN → 0). */
export function clampIndex(index: number, total: number): number {
  if (!Number.isFinite(index)) return index === Infinity && total > 0 ? total - 1 : 0;
  return Math.min(Math.max(0, total - 1), Math.max(0, Math.trunc(index)));
}

/** The state of a freshly created narration: idle at `index`, nothing prepared. */
export function initialNarrationState(total: number, index = 0): NarrationState {
  return { status: 'idle', index: clampIndex(index, total), runId: 0, error: null, total: Math.max(0, total), prepared: false };
}

/** A new run at `index` in `status` (bumps the run id, clears the error). */
function run(state: NarrationState, status: NarrationStatus, index: number): NarrationState {
  return { ...state, status, index: clampIndex(index, state.total), runId: state.runId + 1, error: null };
}

/** Status for "start reading now": playing when prepared, else loading. */
function startStatus(state: NarrationState): NarrationStatus {
  return state.prepared ? 'playing' : 'loading';
}

/**
 * The narration's state machine. Returns `state` itself when the action changes nothing
 * (stale run id, pause while idle, play while playing…).
 */
export function narrationReducer(state: NarrationState, action: NarrationAction): NarrationState {
  switch (action.type) {
    case 'load': {
      const total = Math.max(0, Math.trunc(action.total) || 0);
      const next: NarrationState = { ...state, total };
      return run(next, 'idle', action.index ?? state.index);
    }

    case 'ready':
      if (state.prepared && state.status !== 'loading') return state;
      return state.status === 'loading' ? { ...state, prepared: true, status: 'playing' } : { ...state, prepared: true };

    case 'backend': {
      const next: NarrationState = { ...state, prepared: action.prepared, runId: state.runId + 1 };
      if (state.status === 'playing' || state.status === 'loading') next.status = startStatus(next);
      return next;
    }

    case 'play': {
      if (state.total === 0) return state;
      if (action.index !== undefined) return run(state, startStatus(state), action.index);
      switch (state.status) {
        case 'playing':
        case 'loading':
          return state;
        case 'paused':
          // Resuming keeps the run: a natively paused sentence continues where it was.
          return { ...state, status: startStatus(state) };
        case 'ended':
          return run(state, startStatus(state), 0);
        case 'idle':
        case 'error':
          return run(state, startStatus(state), state.index);
      }
      return state;
    }

    case 'resume':
      return state.status === 'paused' ? { ...state, status: startStatus(state) } : state;

    case 'pause':
      return state.status === 'playing' || state.status === 'loading' ? { ...state, status: 'paused' } : state;

    case 'stop':
      return run(state, 'idle', state.index);

    case 'seek': {
      const keep = state.status === 'playing' || state.status === 'paused' || state.status === 'loading';
      return run(state, keep ? state.status : 'idle', action.index);
    }

    case 'restart':
      return state.status === 'playing' ? run(state, 'playing', state.index) : state;

    case 'finished':
      if (action.runId !== state.runId) return state;
      if (state.status === 'playing') {
        return state.index < state.total - 1 ? run(state, 'playing', state.index + 1) : run(state, 'ended', state.index);
      }
      // A platform that finished the sentence despite a native pause: keep the place, paused.
      if (state.status === 'paused' && state.index < state.total - 1) return run(state, 'paused', state.index + 1);
      return state;

    case 'fail':
      if (action.runId !== state.runId || state.status === 'idle' || state.status === 'ended') return state;
      return { ...state, status: 'error', error: action.error, runId: state.runId + 1 };
  }
}
