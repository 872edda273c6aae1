// Setting descriptors: ranges, formatting for aria-valuetext, and the BDA spacing preset.
import { describe, expect, it } from 'vitest';
import {
  DYSLEXIA_SPACING_PRESET,
  FIXED_DEFAULTS,
  FONTS,
  SETTING_DESCRIPTORS,
  SETTING_DESCRIPTOR_LIST,
  SETTING_KEYS,
  THEMES,
  clampToRange,
  defaultSettings,
  formatSetting,
  type RangeDescriptor,
} from '../../../src/settings/index.ts';

const ranges = SETTING_DESCRIPTOR_LIST.filter((d): d is RangeDescriptor => d.kind === 'range');

describe('setting descriptors', () => {
  it('describe every setting of ReadingSettings exactly once, in panel order', () => {
    const settings = defaultSettings({ prefersDark: false, prefersMoreContrast: false, prefersReducedMotion: false });
    expect([...SETTING_KEYS].sort()).toEqual(Object.keys(settings).sort());
    expect(SETTING_DESCRIPTOR_LIST.map((d) => d.key)).toEqual(SETTING_KEYS);
  });

  it('have the specified ranges', () => {
    const spec = Object.fromEntries(ranges.map((d) => [d.key, [d.min, d.max, d.step, d.unit]]));
    expect(spec).toEqual({
      textSize: [100, 300, 10, '%'],
      lineHeight: [1.5, 2.5, 0.1, ''],
      letterSpacing: [0, 0.2, 0.02, 'em'],
      wordSpacing: [0, 0.6, 0.04, 'em'],
      lineLength: [45, 80, 5, 'characters'],
    });
  });

  it('offer the theme and font options with their labels', () => {
    expect(SETTING_DESCRIPTORS.theme.options.map((o) => o.value)).toEqual([...THEMES]);
    expect(SETTING_DESCRIPTORS.font.options.map((o) => o.label)).toEqual([
      'Atkinson Hyperlegible',
      'OpenDyslexic',
      'Lexend',
    ]);
    expect(formatSetting('theme', 'cream')).toBe('Low-glare cream');
    expect(FONTS).toContain(FIXED_DEFAULTS.font);
  });

  it('format values for aria-valuetext without floating-point noise', () => {
    expect(formatSetting('textSize', 150)).toBe('150%');
    expect(formatSetting('lineHeight', 1.8)).toBe('1.8');
    expect(formatSetting('lineHeight', 1.5 + 0.1 * 3)).toBe('1.8');
    expect(formatSetting('letterSpacing', 0.12)).toBe('0.12 em');
    expect(formatSetting('wordSpacing', 0.04 * 3)).toBe('0.12 em');
    expect(formatSetting('lineLength', 65)).toBe('65 characters');
    expect(formatSetting('readingFocus', true)).toBe('On');
    expect(formatSetting('reduceMotion', false)).toBe('Off');
  });

  it('put every fixed default inside its range and on its step', () => {
    for (const d of ranges) {
      const value = FIXED_DEFAULTS[d.key as keyof typeof FIXED_DEFAULTS] as number;
      expect(clampToRange(d, value), d.key).toBe(value);
    }
  });

  it('keep the dyslexia preset on the slider steps and word spacing >= 3.5 x letter spacing (BDA)', () => {
    const v = DYSLEXIA_SPACING_PRESET.values;
    expect(v.letterSpacing).toBe(0.12);
    expect(v.lineHeight).toBe(2);
    expect(v.wordSpacing! / v.letterSpacing!).toBeGreaterThanOrEqual(3.5);
    for (const [key, value] of Object.entries(v)) {
      const d = SETTING_DESCRIPTORS[key as keyof typeof SETTING_DESCRIPTORS] as RangeDescriptor;
      expect(clampToRange(d, value as number), key).toBe(value);
    }
  });
});
