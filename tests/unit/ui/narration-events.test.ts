// The reader bar's pure helpers: how a speed is shown and spoken (the sliders' aria-valuetext).
import { describe, expect, it } from 'vitest';
import { describeRate, normalizeRate } from '../../../src/components/narration-controls/events.ts';

describe('describeRate', () => {
  it('says "normal speed" at 1×', () => {
    expect(describeRate(1)).toEqual({ short: '1×', spoken: 'normal speed' });
  });
  it('says "N times speed" otherwise', () => {
    expect(describeRate(1.25)).toEqual({ short: '1.25×', spoken: '1.25 times speed' });
    expect(describeRate(0.5)).toEqual({ short: '0.5×', spoken: '0.5 times speed' });
    expect(describeRate(2)).toEqual({ short: '2×', spoken: '2 times speed' });
  });
  it('describes the normalized value (clamped, on a step)', () => {
    expect(describeRate(1.3).spoken).toBe('1.25 times speed');
    expect(describeRate(9).spoken).toBe('2 times speed');
    expect(describeRate(Number.NaN).spoken).toBe('normal speed');
    expect(normalizeRate(0.1)).toBe(0.5);
  });
});
