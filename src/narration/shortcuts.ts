/**
 * Keyboard shortcuts for the narration. They all use Alt+Shift, so they never clash with
 * screen-reader browse-mode keys or single-key shortcuts (WCAG 2.1.4); the reader can turn them
 * off. A shortcut is the character a key produces (`KeyboardEvent.key`), so it follows the
 * reader's keyboard layout: on AZERTY or Dvorak, P is the key marked P. Where that character is
 * not stable (Shift turns "," into "<"; Option on a Mac turns P into "∏") the key's own
 * unshifted character on the reader's layout is used when the browser can tell it (Keyboard Map
 * API), else the key's position on a US layout (`KeyboardEvent.code`). Pure.
 */

/** What a shortcut asks the narration to do. */
export type ShortcutCommand =
  | 'toggle'
  | 'stop'
  | 'previous'
  | 'next'
  | 'previous-paragraph'
  | 'next-paragraph'
  | 'slower'
  | 'faster'
  | 'notes'
  | 'help';

/** One shortcut: a key with Alt+Shift, its labels and what it does. */
export interface Shortcut {
  command: ShortcutCommand;
  /** The key: a lower-case character ("p", ",") or a named key ("ArrowRight"). */
  key: string;
  /** `aria-keyshortcuts` form, e.g. "Alt+Shift+P", "Alt+Shift+,". */
  keys: string;
  /** What it does, in plain words. */
  action: string;
}

/** The default shortcuts (Alt+Shift+key). */
export const DEFAULT_SHORTCUTS: readonly Shortcut[] = [
  { command: 'toggle', key: 'p', keys: 'Alt+Shift+P', action: 'Play or pause' },
  { command: 'stop', key: 's', keys: 'Alt+Shift+S', action: 'Stop' },
  { command: 'previous', key: 'ArrowLeft', keys: 'Alt+Shift+ArrowLeft', action: 'Previous sentence' },
  { command: 'next', key: 'ArrowRight', keys: 'Alt+Shift+ArrowRight', action: 'Next sentence' },
  { command: 'previous-paragraph', key: 'ArrowUp', keys: 'Alt+Shift+ArrowUp', action: 'Previous paragraph' },
  { command: 'next-paragraph', key: 'ArrowDown', keys: 'Alt+Shift+ArrowDown', action: 'Next paragraph' },
  { command: 'slower', key: ',', keys: 'Alt+Shift+,', action: 'Slower' },
  { command: 'faster', key: '.', keys: 'Alt+Shift+.', action: 'Faster' },
  { command: 'notes', key: 'n', keys: 'Alt+Shift+N', action: 'Read the notes for this sentence' },
  { command: 'help', key: 'h', keys: 'Alt+Shift+H', action: 'Show keyboard shortcuts' },
];

/** The parts of a keyboard event that matter for matching. */
export interface KeyLike {
  key: string;
  code: string;
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** What Shift makes of the punctuation keys on a US layout, back to the key's own character. */
const US_UNSHIFTED: Readonly<Record<string, string>> = {
  '<': ',', '>': '.', '?': '/', ':': ';', '"': "'", '{': '[', '}': ']', '|': '\\', '+': '=', '_': '-', '~': '`',
  '!': '1', '@': '2', '#': '3', $: '4', '%': '5', '^': '6', '&': '7', '*': '8', '(': '9', ')': '0',
};

/** The character of each key position on a US layout, for when nothing better is known. */
function usCharacter(code: string): string | null {
  if (/^Key[A-Z]$/.test(code)) return code.slice(3).toLowerCase();
  if (/^Digit\d$/.test(code)) return code.slice(5);
  return ({ Comma: ',', Period: '.', Slash: '/', Semicolon: ';', Quote: "'", Minus: '-', Equal: '=' } as Record<string, string>)[code] ?? null;
}

/**
 * The key the reader pressed, as a shortcut names it: a named key (arrows) as it is; a letter as
 * that letter (`event.key`: stable under Shift on every layout); any other character key as the
 * character it produces without Shift — `layoutCharacter` (the Keyboard Map API's character for
 * `event.code` on the reader's layout) when known, else `event.key` when it is a plain ASCII
 * character (un-shifted the US way, "<" → ","), else (Option on a Mac, dead keys) the character
 * at that position on a US layout.
 */
export function shortcutKey(event: Pick<KeyLike, 'key' | 'code'>, layoutCharacter?: string | null): string | null {
  const { key, code } = event;
  if (key.length > 1 && key !== 'Dead' && key !== 'Unidentified' && key !== 'Process') return key;
  if (/^[a-z]$/i.test(key)) return key.toLowerCase(); // a letter is the same letter with Shift
  if (layoutCharacter) return layoutCharacter.toLowerCase();
  if (/^[\x21-\x7e]$/.test(key)) return (US_UNSHIFTED[key] ?? key).toLowerCase();
  return usCharacter(code);
}

/**
 * The command for a key press, or null. Only Alt+Shift (no Ctrl, no Meta) combinations match.
 * `layoutCharacter`: see `shortcutKey`.
 */
export function matchShortcut(
  event: KeyLike,
  shortcuts: readonly Shortcut[] = DEFAULT_SHORTCUTS,
  layoutCharacter?: string | null,
): ShortcutCommand | null {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return null;
  const key = shortcutKey(event, layoutCharacter);
  return key === null ? null : (shortcuts.find((s) => s.key === key)?.command ?? null);
}
