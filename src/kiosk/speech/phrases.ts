/**
 * Every phrase the kiosk's spoken help can say, in one place: the kiosk's own wording (welcome,
 * help, dialogs, the idle warning), the names of the controls a keypad can reach, role and state
 * words, key names, speaker names and the number words numbers are composed from. The kiosk
 * components take their visible text from here, the speech layer composes prompts from it, and
 * `npm run audio` renders exactly this list into the interface sprite (`public/audio/interface.*`);
 * the build fails when the sprite lacks a phrase or holds an outdated one. Pure: no DOM, no Lit.
 */
import { SETTING_DESCRIPTOR_LIST, SETTING_PRESETS } from '../../settings/descriptors.ts';
import { SPEAKER_IDS, type SpeakerId } from '../../content/model.ts';

/** One phrase: a stable id (the sprite key) and the words spoken. */
export interface Phrase {
  id: string;
  text: string;
}

/**
 * The kiosk's own sentences, shown and spoken. Components import these, so what a visitor reads
 * and what the kiosk says cannot drift apart.
 */
export const KIOSK_TEXT = {
  welcome:
    'Welcome. This kiosk reads a historical document aloud: Stalin’s conversation with Alexandra Kollontai, November 1939.',
  essentials: 'Use the arrow keys to move, Enter to choose, Escape to go back, and the Help key for help.',
  spokenHelp: 'Spoken help',
  spokenHelpOn: 'Spoken help is on.',
  spokenHelpOff: 'Spoken help is off.',
  attractPrompt: 'Touch or press any key to start',
  helpTitle: 'How to use this reader',
  helpTouch: 'Touch a button, or touch a sentence to hear it read aloud from there.',
  helpWhereBar: 'You are on the controls.',
  helpWhereText: 'You are in the text.',
  helpWhereDialog: 'You are in a dialog.',
  helpKeysBar:
    'Up and Down arrows: previous or next control. Enter: press the control. Help key: this help.',
  helpKeysText:
    'Up and Down arrows: previous or next sentence. Enter: read aloud from this sentence. Escape: back to the controls.',
  helpKeysDialog:
    'Up and Down arrows: previous or next control. Left and Right arrows: change a slider. Enter: choose. Escape: close the dialog.',
  helpReadText: 'To hear the text, choose Read the text, then move from sentence to sentence.',
  helpSizes: 'Smaller text and Larger text change the text size; Quieter and Louder change the volume.',
  helpNotes: 'Notes for this sentence, or the F2 key, reads the editor’s notes on the sentence being read, then reading goes on.',
  noNotes: 'No notes for this sentence.',
  helpIdle:
    'When nobody uses the reader for a while, it asks whether you are still there, then goes back to the start and clears your settings and place.',
  restartTitle: 'Start again from the beginning?',
  restartDetail: 'This clears your settings and place.',
  restartYes: 'Yes, start again',
  restartNo: 'No, keep reading',
  idleTitle: 'Are you still there?',
  idleAnswer: 'Touch the screen or press any key to keep reading.',
  idleGoingBack: 'The reader will go back to the start in',
  idleClears: 'and clear your settings and place.',
  paused: 'Paused.',
  stopped: 'Stopped.',
  finished: 'End of the text.',
  noSpeech: 'Spoken help is not available on this kiosk. The text is still here to read.',
} as const;

/** Role words, as a screen reader says them. */
export const ROLE_WORDS = {
  button: 'button',
  slider: 'slider',
  radio: 'radio button',
  checkbox: 'check box',
  combobox: 'pop-up menu',
  link: 'link',
  dialog: 'dialog',
} as const;

/** State words. */
export const STATE_WORDS = {
  unavailable: 'unavailable',
  checked: 'checked',
  notChecked: 'not checked',
  on: 'on',
  off: 'off',
  opensDialog: 'opens a dialog',
  selected: 'selected',
} as const;

/** Spoken names of keypad keys (`KeyboardEvent.key`). */
export const KEY_WORDS: Readonly<Record<string, string>> = {
  ArrowUp: 'Up arrow',
  ArrowDown: 'Down arrow',
  ArrowLeft: 'Left arrow',
  ArrowRight: 'Right arrow',
  Enter: 'Enter',
  Escape: 'Escape',
  F1: 'F1',
  F2: 'F2',
  '?': 'Question mark',
};

/** Connecting and unit words of composed prompts. */
export const WORDS = {
  sentence: 'Sentence',
  of: 'of',
  percent: 'percent',
  point: 'point',
  seconds: 'seconds',
  second: 'second',
  minutes: 'minutes',
  minute: 'minute',
  volume: 'volume',
  textSize: 'text size',
  times: 'times',
  normal: 'normal',
  em: 'em',
  characters: 'characters',
  speaker: 'Speaker',
  or: 'or',
} as const;

/**
 * Names of the controls a kiosk visitor can reach that are not the kiosk's own (the reader bar,
 * the reading-settings and voices dialogs). Settings labels come from their descriptors.
 */
const CONTROL_NAMES = [
  'Reading settings',
  'Play',
  'Pause',
  'Loading…',
  'Stop',
  'Previous sentence',
  'Next sentence',
  'Previous paragraph',
  'Next paragraph',
  'Speed',
  'Voices…',
  'Voices',
  'Resume from sentence',
  'Close',
  'Reset to defaults',
  'Narration',
  'Device voice',
  'Recorded narration',
  'Preview',
  'Automatic',
  'Read the text',
  'Smaller text',
  'Larger text',
  'Text size',
  'Quieter',
  'Louder',
  'Volume',
  'Help',
  'Start again',
  'Continue',
  'Kiosk',
  'Keyboard shortcuts',
  'Notes for this sentence',
  'Copy link to this sentence',
] as const;

/** Number words numbers are composed from (0–19, the tens, "hundred"). */
const ONES = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const TENS: Record<number, string> = { 20: 'twenty', 30: 'thirty', 40: 'forty', 50: 'fifty', 60: 'sixty', 70: 'seventy', 80: 'eighty', 90: 'ninety' };

/** Phrase id of a number word: `num-7`, `num-40`, `num-hundred`. */
export const numberPhraseId = (n: number | 'hundred'): string => `num-${n}`;

/** A stable id from a text: lower case, words joined by hyphens ("Previous sentence" → "previous-sentence"). */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Explicit ids of the kiosk's sentences (the rest are slugs of their text). */
const KIOSK_IDS: Readonly<Record<keyof typeof KIOSK_TEXT, string>> = Object.fromEntries(
  Object.keys(KIOSK_TEXT).map((key) => [key, `kiosk-${slug(key.replace(/[A-Z]/g, (c) => `-${c}`))}`]),
) as Record<keyof typeof KIOSK_TEXT, string>;

/** The words of the settings panel (labels, options, descriptions, the preset). */
function settingsWords(): string[] {
  const words: string[] = [];
  for (const d of SETTING_DESCRIPTOR_LIST) {
    words.push(d.label);
    if (d.description) words.push(d.description);
    if (d.kind === 'choice') for (const option of d.options) words.push(option.label);
  }
  for (const preset of SETTING_PRESETS) words.push(preset.label, preset.description);
  return words;
}

/**
 * Every interface phrase, in a fixed order: kiosk sentences, control names, settings words,
 * role, state, key and unit words, speaker names, number words. Ids are unique; texts that
 * repeat (a word used twice) appear once.
 */
export function interfacePhrases(speakerNames: readonly string[]): Phrase[] {
  const phrases: Phrase[] = [];
  const ids = new Set<string>();
  const texts = new Set<string>();
  const add = (id: string, text: string) => {
    const key = normalizePhraseText(text);
    if (ids.has(id) || texts.has(key)) return;
    ids.add(id);
    texts.add(key);
    phrases.push({ id, text });
  };
  for (const [key, text] of Object.entries(KIOSK_TEXT)) add(KIOSK_IDS[key as keyof typeof KIOSK_TEXT], text);
  for (const name of CONTROL_NAMES) add(slug(name), name);
  for (const text of settingsWords()) add(slug(text), text);
  for (const group of [ROLE_WORDS, STATE_WORDS, KEY_WORDS, WORDS]) {
    for (const text of Object.values(group)) add(slug(text), text);
  }
  for (const name of speakerNames) add(`speaker-${slug(name)}`, name);
  ONES.forEach((word, n) => add(numberPhraseId(n), word));
  for (const [n, word] of Object.entries(TENS)) add(numberPhraseId(Number(n)), word);
  add(numberPhraseId('hundred'), 'hundred');
  return phrases;
}

/** The interface phrases of an edition, given its speakers' display names (in speaker order). */
export function editionPhrases(speakerNames: Partial<Record<SpeakerId, string>>): Phrase[] {
  return interfacePhrases(SPEAKER_IDS.map((id) => speakerNames[id]).filter((name): name is string => Boolean(name)));
}

/**
 * The form phrases are matched in: lower case, typographic quotes and dashes folded, no
 * punctuation except inside numbers, single spaces ("Voices…" → "voices").
 */
export function normalizePhraseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[–—−]/g, ' ')
    .replace(/%/g, ' percent ')
    .replace(/(\d),(\d{3})/g, '$1$2')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .replace(/[^\p{L}\p{N}.' ]+/gu, ' ')
    .replace(/(^|\s)'|'(\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Spoken words of a whole number 0–999 (`twenty-one` as "twenty one"), as phrase ids. */
export function numberWordIds(n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`number ${n} is outside 0–999`);
  if (n < 20) return [numberPhraseId(n)];
  if (n < 100) {
    const tens = n - (n % 10);
    return n % 10 === 0 ? [numberPhraseId(tens)] : [numberPhraseId(tens), numberPhraseId(n % 10)];
  }
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  return [numberPhraseId(hundreds), numberPhraseId('hundred'), ...(rest ? numberWordIds(rest) : [])];
}
