// Proves the contrast claims of src/styles/tokens.css by parsing it and computing WCAG 2 ratios:
// text >= 7:1 (AAA) on bg and surface, highlight text >= 7:1 on the highlight, borders/focus >= 3:1.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FONTS, THEMES } from '../../../src/settings/index.ts';

const css = readFileSync(fileURLToPath(new URL('../../../src/styles/tokens.css', import.meta.url)), 'utf8');

interface Rule {
  media: string[];
  selector: string;
  decls: Map<string, string>;
}

/** A tiny CSS parser: enough for nested @media blocks of plain declarations. */
function parseRules(source: string): Rule[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '');
  const rules: Rule[] = [];
  const stack: string[] = [];
  let buffer = '';
  for (const ch of text) {
    if (ch === '{') {
      stack.push(buffer.trim().replace(/\s+/g, ' '));
      buffer = '';
    } else if (ch === '}') {
      const prelude = stack.pop() ?? '';
      if (!prelude.startsWith('@')) {
        const decls = new Map<string, string>();
        for (const decl of buffer.split(';')) {
          const i = decl.indexOf(':');
          if (i > 0) decls.set(decl.slice(0, i).trim(), decl.slice(i + 1).trim());
        }
        rules.push({ media: stack.filter((p) => p.startsWith('@')), selector: prelude, decls });
      }
      buffer = '';
    } else {
      buffer += ch;
    }
  }
  return rules;
}

function luminance(hex: string): number {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a hex colour: ${hex}`);
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two hex colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const COLOUR_TOKENS = [
  '--ne-bg',
  '--ne-surface',
  '--ne-text',
  '--ne-text-muted',
  '--ne-text-dimmed',
  '--ne-accent',
  '--ne-editorial',
  '--ne-border',
  '--ne-focus',
  '--ne-highlight-bg',
  '--ne-highlight-text',
  '--ne-highlight-outline',
] as const;
const TEXT_TOKENS = ['--ne-text', '--ne-text-muted', '--ne-text-dimmed', '--ne-accent', '--ne-editorial'];
const NON_TEXT_TOKENS = ['--ne-border', '--ne-focus', '--ne-highlight-outline'];

const rules = parseRules(css);
const isForced = (r: Rule) => r.media.some((m) => m.includes('forced-colors'));
/** Every block that defines theme colours, except the forced-colours one. */
const themeBlocks = rules.filter((r) => r.decls.has('--ne-bg') && !isForced(r));
const blockFor = (theme: string): Rule => {
  const block = themeBlocks.find((r) => r.media.length === 0 && r.selector.split(',').some((s) => s.trim() === `:root[data-theme='${theme}']`));
  if (!block) throw new Error(`no block for theme ${theme}`);
  return block;
};
const name = (r: Rule) => [...r.media, r.selector].join(' ');
const get = (r: Rule, token: string): string => {
  const v = r.decls.get(token);
  if (v === undefined) throw new Error(`${name(r)} lacks ${token}`);
  return v;
};

describe('tokens.css parsing', () => {
  it('finds the three named themes and the two no-attribute fallbacks', () => {
    expect(themeBlocks).toHaveLength(5);
    for (const theme of THEMES) expect(blockFor(theme)).toBeDefined();
  });
});

describe.each(themeBlocks.map((r) => [name(r), r] as const))('theme block %s', (_name, block) => {
  it('defines every colour token as hex', () => {
    for (const token of COLOUR_TOKENS) expect(get(block, token), token).toMatch(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i);
  });

  it.each(TEXT_TOKENS)('%s reaches 7:1 on --ne-bg and --ne-surface', (token) => {
    for (const bg of ['--ne-bg', '--ne-surface']) {
      expect(contrast(get(block, token), get(block, bg)), `${token} on ${bg}`).toBeGreaterThanOrEqual(7);
    }
  });

  it('--ne-highlight-text reaches 7:1 on --ne-highlight-bg', () => {
    expect(contrast(get(block, '--ne-highlight-text'), get(block, '--ne-highlight-bg'))).toBeGreaterThanOrEqual(7);
  });

  it.each(NON_TEXT_TOKENS)('%s reaches 3:1 on --ne-bg and --ne-surface', (token) => {
    for (const bg of ['--ne-bg', '--ne-surface']) {
      expect(contrast(get(block, token), get(block, bg)), `${token} on ${bg}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('declares a color-scheme', () => {
    expect(['light', 'dark']).toContain(get(block, 'color-scheme'));
  });
});

describe('theme rules', () => {
  it('cream is not pure white and is the no-attribute default', () => {
    const cream = blockFor('cream');
    expect(get(cream, '--ne-bg').toLowerCase()).not.toMatch(/^#(fff|ffffff)$/);
    expect(cream.selector.split(',').map((s) => s.trim())).toContain(':root');
  });

  it('the no-attribute fallbacks repeat hc-light (prefers-contrast) and hc-dark (prefers-color-scheme: dark), dark last', () => {
    const fallbacks = themeBlocks.filter((r) => r.selector === ':root:not([data-theme])');
    expect(fallbacks.map((r) => r.media[0])).toEqual(['@media (prefers-contrast: more)', '@media (prefers-color-scheme: dark)']);
    expect(Object.fromEntries(fallbacks[0]!.decls)).toEqual(Object.fromEntries(blockFor('hc-light').decls));
    expect(Object.fromEntries(fallbacks[1]!.decls)).toEqual(Object.fromEntries(blockFor('hc-dark').decls));
  });

  it('defines a theme block for every Theme and a font block for every FontChoice', () => {
    const selectors = rules.flatMap((r) => r.selector.split(',').map((s) => s.trim()));
    for (const theme of THEMES) expect(selectors).toContain(`:root[data-theme='${theme}']`);
    for (const font of FONTS) expect(selectors).toContain(`:root[data-font='${font}']`);
  });

  it('gives every font a self-hosted family first and a generic sans-serif fallback', () => {
    const families: Record<string, string> = { atkinson: 'Atkinson Hyperlegible', opendyslexic: 'OpenDyslexic', lexend: 'Lexend' };
    for (const font of FONTS) {
      const rule = rules.find((r) => r.selector.split(',').some((s) => s.trim() === `:root[data-font='${font}']`))!;
      const value = get(rule, '--ne-font-family');
      expect(value.startsWith(`'${families[font]}'`), font).toBe(true);
      expect(value.endsWith('sans-serif'), font).toBe(true);
    }
  });

  it('maps every colour token to a system colour under forced colours, in a block that wins over the themes', () => {
    const forced = rules.filter(isForced);
    expect(forced).toHaveLength(1);
    const block = forced[0]!;
    expect(block.selector.split(',').map((s) => s.trim())).toContain(':root[data-theme]');
    expect(rules.indexOf(block)).toBe(rules.length - 1);
    const system = ['Canvas', 'CanvasText', 'LinkText', 'Highlight', 'HighlightText', 'ButtonText', 'ButtonBorder', 'ButtonFace', 'GrayText'];
    for (const token of COLOUR_TOKENS) expect(system, token).toContain(get(block, token));
    expect(get(block, '--ne-highlight-bg')).toBe('Highlight');
    expect(get(block, '--ne-highlight-text')).toBe('HighlightText');
    expect(get(block, '--ne-accent')).toBe('LinkText');
  });

  it('a bad colour would fail (the checker is not vacuous)', () => {
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', blockFor('cream').decls.get('--ne-bg')!)).toBeLessThan(7);
  });
});

/** Prints the measured ratios (visible with --reporter=verbose; useful in review). */
it('reports the measured ratios', () => {
  const report: Record<string, Record<string, string>> = {};
  for (const theme of THEMES) {
    const b = blockFor(theme);
    const row: Record<string, string> = {};
    for (const t of [...TEXT_TOKENS, ...NON_TEXT_TOKENS]) {
      row[t] = `${contrast(get(b, t), get(b, '--ne-bg')).toFixed(2)} / ${contrast(get(b, t), get(b, '--ne-surface')).toFixed(2)}`;
    }
    row['--ne-highlight-text on --ne-highlight-bg'] = contrast(get(b, '--ne-highlight-text'), get(b, '--ne-highlight-bg')).toFixed(2);
    report[theme] = row;
  }
  if (process.env.NE_PRINT_CONTRAST) console.log(JSON.stringify(report, null, 2));
  expect(Object.keys(report)).toEqual([...THEMES]);
});
