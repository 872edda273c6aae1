// settingsToStyle: root data attributes and --ne-* custom properties.
import { describe, expect, it } from 'vitest';
import { applyStyle, defaultSettings, settingsToStyle, type ReadingSettings } from '../../../src/settings/index.ts';

const base = defaultSettings({ prefersDark: false, prefersMoreContrast: false, prefersReducedMotion: false });

describe('settingsToStyle', () => {
  it('maps the defaults', () => {
    expect(settingsToStyle(base)).toEqual({
      attributes: {
        'data-theme': 'cream',
        'data-font': 'atkinson',
        'data-reading-focus': 'false',
        'data-reduce-motion': 'false',
      },
      properties: {
        '--ne-text-scale': '1',
        '--ne-line-height': '1.6',
        '--ne-letter-spacing': '0em',
        '--ne-word-spacing': '0em',
        '--ne-line-length': '65',
      },
    });
  });

  it('maps changed settings, with units and without floating-point noise', () => {
    const s: ReadingSettings = {
      theme: 'hc-dark',
      font: 'opendyslexic',
      textSize: 150,
      lineHeight: 1.5 + 0.1 * 3,
      letterSpacing: 0.12,
      wordSpacing: 0.04 * 11,
      lineLength: 80,
      readingFocus: true,
      highlightWords: true,
      reduceMotion: true,
    };
    const { attributes, properties } = settingsToStyle(s);
    expect(attributes).toEqual({
      'data-theme': 'hc-dark',
      'data-font': 'opendyslexic',
      'data-reading-focus': 'true',
      'data-reduce-motion': 'true',
    });
    expect(properties['--ne-text-scale']).toBe('1.5');
    expect(properties['--ne-line-height']).toBe('1.8');
    expect(properties['--ne-letter-spacing']).toBe('0.12em');
    expect(properties['--ne-word-spacing']).toBe('0.44em');
    expect(properties['--ne-line-length']).toBe('80');
  });

  it('prints 110% as 1.1 and 290% as 2.9', () => {
    expect(settingsToStyle({ ...base, textSize: 110 }).properties['--ne-text-scale']).toBe('1.1');
    expect(settingsToStyle({ ...base, textSize: 290 }).properties['--ne-text-scale']).toBe('2.9');
  });
});

describe('applyStyle', () => {
  it('writes every attribute and property onto the root', () => {
    const attrs = new Map<string, string>();
    const props = new Map<string, string>();
    applyStyle(
      { setAttribute: (n, v) => void attrs.set(n, v), style: { setProperty: (n, v) => void props.set(n, v) } },
      settingsToStyle({ ...base, theme: 'hc-light' }),
    );
    expect(attrs.get('data-theme')).toBe('hc-light');
    expect(attrs.size).toBe(4);
    expect(props.get('--ne-line-length')).toBe('65');
    expect(props.size).toBe(5);
  });
});
