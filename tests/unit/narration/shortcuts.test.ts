// Shortcuts need Alt+Shift and nothing else, so plain keys never trigger narration.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHORTCUTS, matchShortcut } from '../../../src/narration/shortcuts.ts';

const key = (code: string, mods: Partial<Record<'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey', boolean>> = {}) => ({
  code,
  altKey: false,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe('matchShortcut', () => {
  it('matches every default shortcut with Alt+Shift', () => {
    for (const s of DEFAULT_SHORTCUTS) expect(matchShortcut(key(s.code, { altKey: true, shiftKey: true }))).toBe(s.command);
  });
  it('ignores plain keys and other modifier sets (no clash with screen-reader keys)', () => {
    for (const s of DEFAULT_SHORTCUTS) {
      expect(matchShortcut(key(s.code))).toBeNull();
      expect(matchShortcut(key(s.code, { shiftKey: true }))).toBeNull();
      expect(matchShortcut(key(s.code, { altKey: true }))).toBeNull();
      expect(matchShortcut(key(s.code, { altKey: true, shiftKey: true, ctrlKey: true }))).toBeNull();
      expect(matchShortcut(key(s.code, { altKey: true, shiftKey: true, metaKey: true }))).toBeNull();
    }
  });
  it('has unique keys with labels that name the modifiers', () => {
    expect(new Set(DEFAULT_SHORTCUTS.map((s) => s.code)).size).toBe(DEFAULT_SHORTCUTS.length);
    for (const s of DEFAULT_SHORTCUTS) expect(s.keys.startsWith('Alt+Shift+')).toBe(true);
  });
});
