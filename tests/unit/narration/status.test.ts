// The narration reducer: every action from every status, run ids, stale outcomes, clamping.
import { describe, expect, it } from 'vitest';
import {
  clampIndex,
  initialNarrationState,
  narrationReducer,
  type NarrationAction,
  type NarrationState,
} from '../../../src/narration/status.ts';
import { NarrationError, type NarrationStatus } from '../../../src/narration/types.ts';

const STATUSES: NarrationStatus[] = ['idle', 'loading', 'playing', 'paused', 'ended', 'error'];
const boom = new NarrationError('synthesis-failed', 'Boom.');

function st(status: NarrationStatus, over: Partial<NarrationState> = {}): NarrationState {
  return {
    status,
    index: 2,
    runId: 7,
    error: status === 'error' ? boom : null,
    total: 5,
    prepared: status !== 'loading',
    ...over,
  };
}

/** [status, index, bumped run id?] expected for an action from each status. */
type Expect = [NarrationStatus, number, boolean] | 'same';

function check(action: NarrationAction, table: Record<NarrationStatus, Expect>, over: Partial<NarrationState> = {}) {
  for (const status of STATUSES) {
    const prev = st(status, over);
    const next = narrationReducer(prev, action);
    const want = table[status];
    if (want === 'same') {
      expect(next, `${action.type} from ${status}`).toBe(prev);
      continue;
    }
    const [s, index, bumped] = want;
    expect({ status: next.status, index: next.index }, `${action.type} from ${status}`).toEqual({ status: s, index });
    expect(next.runId, `${action.type} from ${status}: run id`).toBe(bumped ? prev.runId + 1 : prev.runId);
    if (s !== 'error') expect(next.error).toBeNull();
  }
}

describe('initialNarrationState and clampIndex', () => {
  it('starts idle, unprepared, at a clamped index', () => {
    expect(initialNarrationState(5, 3)).toEqual({ status: 'idle', index: 3, runId: 0, error: null, total: 5, prepared: false });
    expect(initialNarrationState(5, 99).index).toBe(4);
    expect(initialNarrationState(5, -3).index).toBe(0);
    expect(initialNarrationState(0, 3).index).toBe(0);
  });

  it('clamps NaN, infinities and fractions', () => {
    expect(clampIndex(NaN, 5)).toBe(0);
    expect(clampIndex(Infinity, 5)).toBe(4);
    expect(clampIndex(-Infinity, 5)).toBe(0);
    expect(clampIndex(2.7, 5)).toBe(2);
  });
});

describe('narrationReducer', () => {
  it('play (no index): idle/error from the position, ended from 0, paused resumes, playing/loading no-op', () => {
    check(
      { type: 'play' },
      {
        idle: ['playing', 2, true],
        loading: 'same',
        playing: 'same',
        paused: ['playing', 2, false],
        ended: ['playing', 0, true],
        error: ['playing', 2, true],
      },
    );
  });

  it('play goes through loading when the backend is not prepared (and error retries through loading)', () => {
    for (const status of ['idle', 'error', 'ended', 'paused'] as const) {
      expect(narrationReducer(st(status, { prepared: false }), { type: 'play' }).status).toBe('loading');
    }
  });

  it('play with an index plays from there in every status (a new run)', () => {
    check(
      { type: 'play', index: 4 },
      {
        idle: ['playing', 4, true],
        loading: ['loading', 4, true],
        playing: ['playing', 4, true],
        paused: ['playing', 4, true],
        ended: ['playing', 4, true],
        error: ['playing', 4, true],
      },
    );
  });

  it('play on an empty script does nothing', () => {
    const empty = initialNarrationState(0);
    expect(narrationReducer(empty, { type: 'play' })).toBe(empty);
    expect(narrationReducer(empty, { type: 'play', index: 3 })).toBe(empty);
  });

  it('pause: playing and loading pause, others unchanged; the run id is kept', () => {
    check(
      { type: 'pause' },
      {
        idle: 'same',
        loading: ['paused', 2, false],
        playing: ['paused', 2, false],
        paused: 'same',
        ended: 'same',
        error: 'same',
      },
    );
  });

  it('resume: only from paused', () => {
    check(
      { type: 'resume' },
      { idle: 'same', loading: 'same', playing: 'same', paused: ['playing', 2, false], ended: 'same', error: 'same' },
    );
    expect(narrationReducer(st('paused', { prepared: false }), { type: 'resume' }).status).toBe('loading');
  });

  it('stop: idle from anywhere, position kept, error cleared, run id bumped', () => {
    check(
      { type: 'stop' },
      {
        idle: ['idle', 2, true],
        loading: ['idle', 2, true],
        playing: ['idle', 2, true],
        paused: ['idle', 2, true],
        ended: ['idle', 2, true],
        error: ['idle', 2, true],
      },
    );
  });

  it('seek keeps playing/paused/loading, otherwise only moves (idle)', () => {
    check(
      { type: 'seek', index: 0 },
      {
        idle: ['idle', 0, true],
        loading: ['loading', 0, true],
        playing: ['playing', 0, true],
        paused: ['paused', 0, true],
        ended: ['idle', 0, true],
        error: ['idle', 0, true],
      },
    );
  });

  it('seek clamps to [0, total - 1]', () => {
    expect(narrationReducer(st('playing'), { type: 'seek', index: 99 }).index).toBe(4);
    expect(narrationReducer(st('paused'), { type: 'seek', index: -5 }).index).toBe(0);
  });

  it('restart: a new run at the same index, only while playing', () => {
    check(
      { type: 'restart' },
      { idle: 'same', loading: 'same', playing: ['playing', 2, true], paused: 'same', ended: 'same', error: 'same' },
    );
  });

  it('finished advances while playing, ends on the last sentence (index stays)', () => {
    check(
      { type: 'finished', runId: 7 },
      {
        idle: 'same',
        loading: 'same',
        playing: ['playing', 3, true],
        paused: ['paused', 3, true],
        ended: 'same',
        error: 'same',
      },
    );
    const last = narrationReducer(st('playing', { index: 4 }), { type: 'finished', runId: 7 });
    expect(last).toMatchObject({ status: 'ended', index: 4, runId: 8 });
  });

  it('ignores stale finished and fail (same object)', () => {
    for (const status of STATUSES) {
      const prev = st(status);
      expect(narrationReducer(prev, { type: 'finished', runId: 6 })).toBe(prev);
      expect(narrationReducer(prev, { type: 'fail', runId: 8, error: boom })).toBe(prev);
    }
  });

  it('fail: error status with the error (not from idle or ended)', () => {
    check(
      { type: 'fail', runId: 7, error: boom },
      {
        idle: 'same',
        loading: ['error', 2, true],
        playing: ['error', 2, true],
        paused: ['error', 2, true],
        ended: 'same',
        error: ['error', 2, true],
      },
    );
    expect(narrationReducer(st('playing'), { type: 'fail', runId: 7, error: boom }).error).toBe(boom);
  });

  it('ready: loading → playing (same run); marks prepared elsewhere', () => {
    check(
      { type: 'ready' },
      {
        idle: 'same',
        loading: ['playing', 2, false],
        playing: 'same',
        paused: 'same',
        ended: 'same',
        error: 'same',
      },
    );
    const unprepared = st('paused', { prepared: false });
    expect(narrationReducer(unprepared, { type: 'ready' })).toMatchObject({ status: 'paused', prepared: true });
  });

  it('backend: a new run; playing re-prepares through loading, other statuses kept', () => {
    check(
      { type: 'backend', prepared: false },
      {
        idle: ['idle', 2, true],
        loading: ['loading', 2, true],
        playing: ['loading', 2, true],
        paused: ['paused', 2, true],
        ended: ['ended', 2, true],
        error: ['error', 2, true],
      },
    );
    expect(narrationReducer(st('playing'), { type: 'backend', prepared: true }).status).toBe('playing');
  });

  it('load: idle with the new total, index clamped, new run', () => {
    const next = narrationReducer(st('playing', { index: 4 }), { type: 'load', total: 3 });
    expect(next).toMatchObject({ status: 'idle', index: 2, total: 3, runId: 8, error: null });
    expect(narrationReducer(st('error'), { type: 'load', total: 10, index: 7 })).toMatchObject({ index: 7, total: 10 });
  });

  it('a whole reading: play → finished × n → ended → play starts from 0', () => {
    let s = initialNarrationState(3);
    s = narrationReducer(s, { type: 'play' });
    expect(s.status).toBe('loading');
    s = narrationReducer(s, { type: 'ready' });
    expect(s).toMatchObject({ status: 'playing', index: 0 });
    for (let i = 0; i < 3; i++) s = narrationReducer(s, { type: 'finished', runId: s.runId });
    expect(s).toMatchObject({ status: 'ended', index: 2 });
    s = narrationReducer(s, { type: 'play' });
    expect(s).toMatchObject({ status: 'playing', index: 0 });
  });
});
