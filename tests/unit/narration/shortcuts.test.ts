// Shortcuts need Alt+Shift and nothing else, so plain keys never trigger narration; they follow the
// reader's keyboard layout (the character a key produces), with stable fallbacks.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHORTCUTS, matchShortcut, shortcutKey } from '../../../src/narration/shortcuts.ts';

type Mods = Partial<Record<'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey', boolean>>;
const press = (key: string, code: string, mods: Mods = { altKey: true, shiftKey: true }) => ({
  key,
  code,
  altKey: false,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

/** What a US layout's key event looks like with Shift held, for each shortcut. */
const US_EVENTS: Record<string, [key: string, code: string]> = {
  toggle: ['P', 'KeyP'],
  stop: ['S', 'KeyS'],
  previous: ['ArrowLeft', 'ArrowLeft'],
  next: ['ArrowRight', 'ArrowRight'],
  'previous-paragraph': ['ArrowUp', 'ArrowUp'],
  'next-paragraph': ['ArrowDown', 'ArrowDown'],
  slower: ['<', 'Comma'],
  faster: ['>', 'Period'],
  notes: ['N', 'KeyN'],
  help: ['H', 'KeyH'],
};

describe('matchShortcut', () => {
  it('matches every default shortcut with Alt+Shift on a US layout', () => {
    for (const s of DEFAULT_SHORTCUTS) {
      const [key, code] = US_EVENTS[s.command]!;
      expect(matchShortcut(press(key, code))).toBe(s.command);
    }
  });

  it('ignores plain keys and other modifier sets (no clash with screen-reader keys)', () => {
    for (const s of DEFAULT_SHORTCUTS) {
      const [key, code] = US_EVENTS[s.command]!;
      expect(matchShortcut(press(key, code, {}))).toBeNull();
      expect(matchShortcut(press(key, code, { shiftKey: true }))).toBeNull();
      expect(matchShortcut(press(key, code, { altKey: true }))).toBeNull();
      expect(matchShortcut(press(key, code, { altKey: true, shiftKey: true, ctrlKey: true }))).toBeNull();
      expect(matchShortcut(press(key, code, { altKey: true, shiftKey: true, metaKey: true }))).toBeNull();
    }
  });

  it('follows the layout: the key that types P is Play on Dvorak and AZERTY, not the US P position', () => {
    // Dvorak: P is where US R is; US P's position types L.
    expect(matchShortcut(press('P', 'KeyR'))).toBe('toggle');
    expect(matchShortcut(press('L', 'KeyP'))).toBeNull();
    // AZERTY: A and Q swap, M sits right of L; the layout map names each key's own character.
    expect(matchShortcut(press('?', 'KeyM'), undefined, ','), 'AZERTY comma key, from the layout map').toBe('slower');
    expect(matchShortcut(press('M', 'Semicolon'), undefined, 'm')).toBeNull();
    expect(matchShortcut(press('.', 'Comma'), undefined, ';'), 'the US comma position types ; on AZERTY').toBeNull();
  });

  it('falls back to the US position where the character is not stable (Option on a Mac, dead keys)', () => {
    expect(matchShortcut(press('∏', 'KeyP'))).toBe('toggle');
    expect(matchShortcut(press('¯', 'Comma'))).toBe('slower');
    expect(matchShortcut(press('Dead', 'KeyN'))).toBe('notes');
    expect(matchShortcut(press('Unidentified', 'Period'))).toBe('faster');
  });

  it('reads a key as its unshifted character', () => {
    expect(shortcutKey({ key: '<', code: 'Comma' })).toBe(',');
    expect(shortcutKey({ key: 'P', code: 'KeyP' })).toBe('p');
    expect(shortcutKey({ key: 'ArrowUp', code: 'ArrowUp' })).toBe('ArrowUp');
    expect(shortcutKey({ key: 'X', code: 'KeyB' }, 'b'), 'a letter is read as typed (Dvorak X sits on US B)').toBe('x');
    expect(shortcutKey({ key: '?', code: 'KeyM' }, ','), 'punctuation from the layout map').toBe(',');
    expect(shortcutKey({ key: 'Dead', code: 'F13' })).toBeNull();
  });

  it('has unique keys with aria-keyshortcuts labels that name the modifiers and the key', () => {
    expect(new Set(DEFAULT_SHORTCUTS.map((s) => s.key)).size).toBe(DEFAULT_SHORTCUTS.length);
    for (const s of DEFAULT_SHORTCUTS) {
      expect(s.keys.startsWith('Alt+Shift+')).toBe(true);
      expect(s.keys.slice('Alt+Shift+'.length).toLowerCase()).toBe(s.key.toLowerCase());
    }
  });
});
