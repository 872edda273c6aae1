/**
 * The kiosk keypad map: which key (`KeyboardEvent.key`) does which action. The map lives in
 * `keymap.json`, so the same build runs with different keypads; `parseKeymap` checks it against a
 * tiny schema and reports every problem at once. Pure: no DOM, no Lit.
 */
import KEYMAP_FILE from './keymap.json';

/** What a key does: move focus to the next or previous control, press it, go back, or open help. */
export const KEYPAD_ACTIONS = ['next', 'previous', 'activate', 'back', 'help', 'notes'] as const;
export type KeypadAction = (typeof KEYPAD_ACTIONS)[number];
/** Actions every key map must give a key (`notes` is optional: not every keypad has a spare key). */
const REQUIRED_ACTIONS: readonly KeypadAction[] = ['next', 'previous', 'activate', 'back', 'help'];

/** What a key does on a slider (`input[type=range]`) instead: change its value. */
export const SLIDER_ACTIONS = ['increase', 'decrease'] as const;
export type SliderAction = (typeof SLIDER_ACTIONS)[number];

/** A validated key map. */
export interface Keymap {
  version: 1;
  /** Key → action. */
  keys: Readonly<Record<string, KeypadAction>>;
  /** Key → action on a focused slider (these keys keep their slider meaning there). */
  sliderKeys: Readonly<Record<string, SliderAction>>;
}

/** The key map file failed the schema check; `problems` lists every reason. */
export class KeymapError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid kiosk key map: ${problems.join('; ')}`);
    this.name = 'KeymapError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A `KeyboardEvent.key` value: one printable character, or a named key such as "ArrowUp" or "F1". */
const isKeyName = (key: string): boolean => [...key].length === 1 ? key.trim() !== '' : /^[A-Z][A-Za-z0-9]{1,30}$/.test(key);

function checkSection<A extends string>(
  raw: Record<string, unknown>,
  name: string,
  allowed: readonly A[],
  problems: string[],
): Record<string, A> {
  const section = raw[name];
  const out: Record<string, A> = {};
  if (!isRecord(section)) {
    problems.push(`"${name}" must be an object of key → action`);
    return out;
  }
  for (const [key, action] of Object.entries(section)) {
    if (!isKeyName(key)) problems.push(`"${name}": "${key}" is not a KeyboardEvent.key name`);
    if (typeof action !== 'string' || !(allowed as readonly string[]).includes(action)) {
      problems.push(`"${name}": "${key}" maps to ${JSON.stringify(action)}, not one of ${allowed.join(', ')}`);
    } else out[key] = action as A;
  }
  return out;
}

/**
 * Checks a key map against the schema: `version` 1; `keys` maps key names to
 * next/previous/activate/back/help/notes and gives each of the first five at least one key; optional
 * `sliderKeys` maps key names to increase/decrease. Other top-level fields must be strings
 * (comments). Throws a `KeymapError` listing every problem.
 */
export function parseKeymap(raw: unknown): Keymap {
  const problems: string[] = [];
  if (!isRecord(raw)) throw new KeymapError(['the key map must be a JSON object']);
  if (raw.version !== 1) problems.push('"version" must be 1');
  for (const [field, value] of Object.entries(raw)) {
    if (!['version', 'keys', 'sliderKeys'].includes(field) && typeof value !== 'string') {
      problems.push(`unknown field "${field}" (only strings may be added, as comments)`);
    }
  }
  const keys = checkSection(raw, 'keys', KEYPAD_ACTIONS, problems);
  for (const action of REQUIRED_ACTIONS) {
    if (isRecord(raw.keys) && !Object.values(keys).includes(action)) problems.push(`no key for "${action}"`);
  }
  const sliderKeys = raw.sliderKeys === undefined ? {} : checkSection(raw, 'sliderKeys', SLIDER_ACTIONS, problems);
  if (problems.length > 0) throw new KeymapError(problems);
  return { version: 1, keys, sliderKeys };
}

/** The key map shipped in `keymap.json` (validated at first use). */
export function defaultKeymap(): Keymap {
  return parseKeymap(KEYMAP_FILE);
}

/** The parts of a `KeyboardEvent` the key map looks at. */
export interface KeyLike {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/**
 * The action of a key press, or null (modifier chords are never keypad keys; Shift is allowed,
 * since "?" needs it on most keyboards). On a slider, its slider keys win.
 */
export function keypadAction(keymap: Keymap, event: KeyLike, onSlider = false): KeypadAction | SliderAction | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  if (onSlider && Object.hasOwn(keymap.sliderKeys, event.key)) return keymap.sliderKeys[event.key]!;
  return Object.hasOwn(keymap.keys, event.key) ? keymap.keys[event.key]! : null;
}

/** The keys of an action, for the help dialog ("ArrowDown", "ArrowRight"). */
export function keysFor(keymap: Keymap, action: KeypadAction): string[] {
  return Object.entries(keymap.keys)
    .filter(([, a]) => a === action)
    .map(([key]) => key);
}
