// IdleTimer with fake timers: active → warning → reset, activity re-arms, any activity in the
// warning continues, pause/resume while narration plays, the ≥ 20 s warning and its ticks.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleTimer, type IdleState, type IdleTimerOptions } from '../../../src/kiosk/idle-timer.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(options: Partial<IdleTimerOptions> = {}) {
  const states: IdleState[] = [];
  const ticks: number[] = [];
  const timer = new IdleTimer({
    idleMs: 120_000,
    warningMs: 30_000,
    onStateChange: (state) => states.push(state),
    onTick: (ms) => ticks.push(Math.ceil(ms / 1000)),
    ...options,
  });
  return { timer, states, ticks };
}

describe('IdleTimer', () => {
  it('does nothing until started (the attract screen)', () => {
    const { timer, states } = setup();
    vi.advanceTimersByTime(10 * 60_000);
    expect(timer.state).toBe('stopped');
    expect(states).toEqual([]);
  });

  it('warns after the idle time, counts down every second, then resets', () => {
    const { timer, states, ticks } = setup();
    timer.start();
    vi.advanceTimersByTime(119_999);
    expect(timer.state).toBe('active');
    vi.advanceTimersByTime(1);
    expect(timer.state).toBe('warning');
    expect(timer.remainingMs).toBe(30_000);
    vi.advanceTimersByTime(29_999);
    expect(timer.state).toBe('warning');
    vi.advanceTimersByTime(1);
    expect(timer.state).toBe('reset');
    expect(states).toEqual(['active', 'warning', 'reset']);
    expect(ticks).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i));
  });

  it('re-arms on activity, counting from the last activity', () => {
    const { timer } = setup();
    timer.start();
    vi.advanceTimersByTime(100_000);
    timer.activity();
    vi.advanceTimersByTime(100_000);
    expect(timer.state).toBe('active');
    vi.advanceTimersByTime(20_000);
    expect(timer.state).toBe('warning');
  });

  it('continues on any activity during the warning, and can be extended again and again', () => {
    const { timer, states } = setup();
    timer.start();
    for (let i = 0; i < 12; i++) {
      vi.advanceTimersByTime(120_000 + 25_000);
      expect(timer.state).toBe('warning');
      timer.activity();
      expect(timer.state).toBe('active');
    }
    vi.advanceTimersByTime(119_000);
    expect(timer.state).toBe('active');
    expect(states.filter((s) => s === 'reset')).toEqual([]);
  });

  it('is held while narration plays and starts over when it stops', () => {
    const { timer } = setup();
    timer.start();
    vi.advanceTimersByTime(60_000);
    timer.pause();
    expect(timer.state).toBe('paused');
    vi.advanceTimersByTime(60 * 60_000);
    expect(timer.state).toBe('paused');
    timer.resume();
    expect(timer.state).toBe('active');
    vi.advanceTimersByTime(119_000);
    expect(timer.state).toBe('active');
    vi.advanceTimersByTime(1_000);
    expect(timer.state).toBe('warning');
  });

  it('ends a warning when narration starts, and stays held across start()', () => {
    const { timer } = setup();
    timer.start();
    vi.advanceTimersByTime(125_000);
    expect(timer.state).toBe('warning');
    timer.pause();
    expect(timer.state).toBe('paused');
    timer.stop();
    timer.start();
    expect(timer.state).toBe('paused');
    timer.resume();
    expect(timer.state).toBe('active');
  });

  it('stays reset until started again, then counts afresh', () => {
    const { timer } = setup({ idleMs: 30_000, warningMs: 20_000 });
    timer.start();
    vi.advanceTimersByTime(50_000);
    expect(timer.state).toBe('reset');
    timer.activity();
    vi.advanceTimersByTime(10 * 60_000);
    expect(timer.state).toBe('reset');
    timer.start();
    expect(timer.state).toBe('active');
    vi.advanceTimersByTime(30_000);
    expect(timer.state).toBe('warning');
  });

  it('survives a clock jump (a tick late by many seconds) without extra ticks', () => {
    const { timer, ticks } = setup();
    timer.start();
    vi.advanceTimersByTime(120_000);
    ticks.length = 0;
    vi.setSystemTime(Date.now() + 10_000); // the clock jumps; the pending tick fires once, late
    vi.advanceTimersByTime(1_000);
    expect(ticks).toEqual([19]);
    expect(timer.remainingMs).toBe(19_000);
  });

  it('refuses a warning shorter than 20 s', () => {
    expect(() => new IdleTimer({ idleMs: 1000, warningMs: 19_999 })).toThrow(RangeError);
    expect(() => new IdleTimer({ idleMs: 0, warningMs: 20_000 })).toThrow(RangeError);
  });

  it('clears its timer on dispose', () => {
    const { timer, states } = setup();
    timer.start();
    timer.dispose();
    vi.advanceTimersByTime(10 * 60_000);
    expect(states).toEqual(['active']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
