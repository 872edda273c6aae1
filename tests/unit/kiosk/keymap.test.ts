// The kiosk key map: the shipped keymap.json passes the schema check; broken maps are refused
// with every problem listed; key presses resolve to actions (slider keys win on sliders).
import { describe, expect, it } from 'vitest';
import KEYMAP_FILE from '../../../src/kiosk/keymap.json';
import { KeymapError, defaultKeymap, keypadAction, keysFor, parseKeymap } from '../../../src/kiosk/keymap.ts';

const key = (k: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
  key: k,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

const problemsOf = (raw: unknown): string[] => {
  try {
    parseKeymap(raw);
  } catch (err) {
    if (err instanceof KeymapError) return err.problems;
    throw err;
  }
  return [];
};

describe('keymap.json', () => {
  it('passes the schema check and uses only arrows, Enter, Escape, help and notes keys', () => {
    const keymap = defaultKeymap();
    expect(Object.keys(keymap.keys).sort()).toEqual(['?', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'Enter', 'Escape', 'F1', 'F2']);
    expect(keysFor(keymap, 'notes')).toEqual(['F2']);
    expect(keysFor(keymap, 'next')).toEqual(['ArrowDown', 'ArrowRight']);
    expect(keysFor(keymap, 'previous')).toEqual(['ArrowUp', 'ArrowLeft']);
    expect(keysFor(keymap, 'activate')).toEqual(['Enter']);
    expect(keysFor(keymap, 'back')).toEqual(['Escape']);
    expect(keysFor(keymap, 'help')).toEqual(['F1', '?']);
  });
});

describe('parseKeymap', () => {
  it('accepts a minimal map without slider keys', () => {
    const keymap = parseKeymap({ version: 1, keys: { Tab: 'next', a: 'previous', Enter: 'activate', Escape: 'back', h: 'help' } });
    expect(keymap.sliderKeys).toEqual({});
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({
      version: 2,
      extra: 5,
      keys: { ArrowDown: 'next', 'not a key': 'previous', Enter: 'jump', Escape: 'back' },
      sliderKeys: { ArrowRight: 'louder' },
    });
    expect(problems).toEqual([
      '"version" must be 1',
      'unknown field "extra" (only strings may be added, as comments)',
      '"keys": "not a key" is not a KeyboardEvent.key name',
      '"keys": "Enter" maps to "jump", not one of next, previous, activate, back, help, notes',
      'no key for "activate"',
      'no key for "help"',
      '"sliderKeys": "ArrowRight" maps to "louder", not one of increase, decrease',
    ]);
  });

  it('refuses non-objects and a missing keys section', () => {
    expect(problemsOf(null)).toEqual(['the key map must be a JSON object']);
    expect(problemsOf([])).toEqual(['the key map must be a JSON object']);
    expect(problemsOf({ version: 1 })).toEqual(['"keys" must be an object of key → action']);
  });

  it('throws a KeymapError whose message names the problems', () => {
    expect(() => parseKeymap({ ...KEYMAP_FILE, version: 0 })).toThrow(/Invalid kiosk key map: "version" must be 1/);
  });
});

describe('keypadAction', () => {
  const keymap = defaultKeymap();
  it('maps keypad keys to actions', () => {
    expect(keypadAction(keymap, key('ArrowDown'))).toBe('next');
    expect(keypadAction(keymap, key('ArrowLeft'))).toBe('previous');
    expect(keypadAction(keymap, key('Enter'))).toBe('activate');
    expect(keypadAction(keymap, key('Escape'))).toBe('back');
    expect(keypadAction(keymap, key('F1'))).toBe('help');
    expect(keypadAction(keymap, key('?'))).toBe('help');
    expect(keypadAction(keymap, key('x'))).toBeNull();
  });
  it('ignores chords with Alt, Ctrl or Meta (the narration shortcuts)', () => {
    expect(keypadAction(keymap, key('ArrowDown', { altKey: true }))).toBeNull();
    expect(keypadAction(keymap, key('Enter', { ctrlKey: true }))).toBeNull();
  });
  it('lets Left and Right change a focused slider', () => {
    expect(keypadAction(keymap, key('ArrowRight'), true)).toBe('increase');
    expect(keypadAction(keymap, key('ArrowLeft'), true)).toBe('decrease');
    expect(keypadAction(keymap, key('ArrowDown'), true)).toBe('next');
  });
  it('does not treat inherited properties as keys', () => {
    expect(keypadAction(keymap, key('toString'))).toBeNull();
  });
});
