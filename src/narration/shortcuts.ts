/**
 * Keyboard shortcuts for the narration. They all use Alt+Shift, so they never clash with
 * screen-reader browse-mode keys or single-key shortcuts (WCAG 2.1.4); the reader can turn them
 * off. Matching uses `KeyboardEvent.code`, so Option+Shift on a Mac still matches. Pure.
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

/** One shortcut: a physical key with modifiers, its label and what it does. */
export interface Shortcut {
  command: ShortcutCommand;
  /** `KeyboardEvent.code`, e.g. "KeyP", "ArrowRight". */
  code: string;
  /** Label for people and for `aria-keyshortcuts`, e.g. "Alt+Shift+P". */
  keys: string;
  /** What it does, in plain words. */
  action: string;
}

/** The default shortcuts (Alt+Shift+key). */
export const DEFAULT_SHORTCUTS: readonly Shortcut[] = [
  { command: 'toggle', code: 'KeyP', keys: 'Alt+Shift+P', action: 'Play or pause' },
  { command: 'stop', code: 'KeyS', keys: 'Alt+Shift+S', action: 'Stop' },
  { command: 'previous', code: 'ArrowLeft', keys: 'Alt+Shift+ArrowLeft', action: 'Previous sentence' },
  { command: 'next', code: 'ArrowRight', keys: 'Alt+Shift+ArrowRight', action: 'Next sentence' },
  { command: 'previous-paragraph', code: 'ArrowUp', keys: 'Alt+Shift+ArrowUp', action: 'Previous paragraph' },
  { command: 'next-paragraph', code: 'ArrowDown', keys: 'Alt+Shift+ArrowDown', action: 'Next paragraph' },
  { command: 'slower', code: 'Comma', keys: 'Alt+Shift+Comma', action: 'Slower' },
  { command: 'faster', code: 'Period', keys: 'Alt+Shift+Period', action: 'Faster' },
  { command: 'notes', code: 'KeyN', keys: 'Alt+Shift+N', action: 'Read the notes for this sentence' },
  { command: 'help', code: 'KeyH', keys: 'Alt+Shift+H', action: 'Show keyboard shortcuts' },
];

/** The parts of a keyboard event that matter for matching. */
export interface KeyLike {
  code: string;
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** The command for a key press, or null. Only Alt+Shift (no Ctrl, no Meta) combinations match. */
export function matchShortcut(event: KeyLike, shortcuts: readonly Shortcut[] = DEFAULT_SHORTCUTS): ShortcutCommand | null {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return null;
  return shortcuts.find((s) => s.code === event.code)?.command ?? null;
}
