/**
 * Prompts of the kiosk's spoken help and how they are composed: a prompt is a list of segments,
 * either words (said in the prompt voice; as text for a device voice, as phrase clips for the
 * recorded interface sprite) or a sentence of the edition (said in its speaker's voice). The
 * `PhraseBook` turns any interface text into phrase clips — known phrases matched longest first,
 * numbers composed from number words — and the builders word every prompt the kiosk says. Pure.
 */
import type { SpeakerId } from '../../content/model.ts';
import {
  KIOSK_TEXT,
  ROLE_WORDS,
  STATE_WORDS,
  WORDS,
  normalizePhraseText,
  numberPhraseId,
  numberWordIds,
  type Phrase,
} from './phrases.ts';

/** A clip of the interface sprite, by phrase id (`text` is for logs and tests). */
export interface PhrasePart {
  kind: 'phrase';
  id: string;
  text: string;
}

/** Words with no recorded phrase: a device voice can say them, the sprite cannot. */
export interface UnknownPart {
  kind: 'unknown';
  text: string;
}

/** Words of the interface: the text (device voice) and its phrase clips (sprite). */
export interface WordsSegment {
  kind: 'words';
  text: string;
  parts: Array<PhrasePart | UnknownPart>;
}

/** A sentence of the edition, read in its speaker's voice. */
export interface SentenceSegment {
  kind: 'sentence';
  id: string;
  speaker: SpeakerId;
}

export type PromptSegment = WordsSegment | SentenceSegment;

/** What the kiosk says in answer to one thing the visitor did. */
export interface Prompt {
  segments: PromptSegment[];
}

/** The interface phrases, ready to compose prompts from. */
export class PhraseBook {
  readonly phrases: readonly Phrase[];
  readonly #byId = new Map<string, Phrase>();
  /** First word → phrases starting with it, longest first (as word arrays). */
  readonly #byFirstWord = new Map<string, Array<{ phrase: Phrase; words: string[] }>>();

  constructor(phrases: readonly Phrase[]) {
    this.phrases = phrases;
    for (const phrase of phrases) {
      this.#byId.set(phrase.id, phrase);
      const words = normalizePhraseText(phrase.text).split(' ').filter(Boolean);
      if (words.length === 0) continue;
      const list = this.#byFirstWord.get(words[0]!) ?? [];
      list.push({ phrase, words });
      list.sort((a, b) => b.words.length - a.words.length);
      this.#byFirstWord.set(words[0]!, list);
    }
  }

  /** The phrase with this id (throws for an unknown id: a programming error). */
  phrase(id: string): Phrase {
    const phrase = this.#byId.get(id);
    if (!phrase) throw new Error(`no interface phrase "${id}"`);
    return phrase;
  }

  /** Whether the book has this id. */
  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /**
   * The phrase clips that say `text`: known phrases (longest match first), numbers from number
   * words ("193" → one, hundred, ninety, three; "1.25" → one, point, two, five; "80%" → …
   * percent), and anything else as an `unknown` part.
   */
  compose(text: string): Array<PhrasePart | UnknownPart> {
    const words = normalizePhraseText(text).split(' ').filter(Boolean);
    const parts: Array<PhrasePart | UnknownPart> = [];
    const unknown: string[] = [];
    const flush = () => {
      if (unknown.length) parts.push({ kind: 'unknown', text: unknown.splice(0).join(' ') });
    };
    const push = (id: string) => {
      flush();
      parts.push({ kind: 'phrase', id, text: this.phrase(id).text });
    };
    for (let i = 0; i < words.length; ) {
      const word = words[i]!;
      const number = /^\d+(\.\d+)?$/.test(word) ? word : null;
      if (number && this.#canSayNumber(number)) {
        for (const id of numberIds(number)) push(id);
        i += 1;
        continue;
      }
      const match = this.#byFirstWord.get(word)?.find(({ words: w }) => w.every((x, k) => words[i + k] === x));
      if (match) {
        push(match.phrase.id);
        i += match.words.length;
      } else {
        unknown.push(word);
        i += 1;
      }
    }
    flush();
    return parts;
  }

  /** A words segment for `text`. */
  words(text: string): WordsSegment {
    return { kind: 'words', text, parts: this.compose(text) };
  }

  /** A prompt of the given texts, each its own words segment. */
  prompt(...texts: Array<string | null | undefined | false>): Prompt {
    return { segments: texts.filter((t): t is string => Boolean(t)).map((t) => this.words(t)) };
  }

  #canSayNumber(number: string): boolean {
    const whole = Number(number.split('.')[0]);
    return whole <= 999 && numberIds(number).every((id) => this.#byId.has(id));
  }
}

/** Phrase ids of a number ("12" → twelve; "0.75" → zero point seven five). */
function numberIds(number: string): string[] {
  const [whole, fraction] = number.split('.');
  const ids = numberWordIds(Number(whole));
  if (fraction) ids.push('point', ...[...fraction].map((d) => numberPhraseId(Number(d))));
  return ids;
}

/** Phrase clips of a prompt, in order (sentences as `sentence:<id>`), for logs and tests. */
export function promptClipIds(prompt: Prompt): string[] {
  return prompt.segments.flatMap((s) =>
    s.kind === 'sentence' ? [`sentence:${s.id}`] : s.parts.map((p) => (p.kind === 'phrase' ? p.id : `?${p.text}`)),
  );
}

/** The words of a prompt as one line (sentences as `[sentence id]`), for logs and tests. */
export function promptText(prompt: Prompt): string {
  return prompt.segments.map((s) => (s.kind === 'sentence' ? `[${s.id}]` : s.text)).join(' ');
}

/** Words not in the phrase book (the sprite cannot say them). */
export function unknownWords(prompt: Prompt): string[] {
  return prompt.segments.flatMap((s) => (s.kind === 'words' ? s.parts.filter((p) => p.kind === 'unknown').map((p) => p.text) : []));
}

// ---- What a control is, as a screen reader would say it ----

/** The role of a control, for its role word. */
export type ControlRole = keyof typeof ROLE_WORDS;

/** What the speech layer knows about a focused control (read from the DOM by the kiosk). */
export interface ControlInfo {
  /** Accessible name ("Play", "Speed"). */
  name: string;
  role: ControlRole;
  /** Disabled or `aria-disabled="true"`. */
  unavailable?: boolean;
  /** Radio buttons and check boxes. */
  checked?: boolean;
  /** Toggle buttons (`aria-pressed`). */
  pressed?: boolean;
  /** `aria-haspopup="dialog"`. */
  opensDialog?: boolean;
  /** Sliders (`aria-valuetext` or value) and pop-up menus (the selected option). */
  value?: string | null;
  /** Extra text the control refers to (`aria-describedby`), said last. */
  description?: string | null;
}

/**
 * How a screen reader would say a control: name, value, role word, state, description —
 * "Play, button"; "Speed, normal, slider"; "Voices…, opens a dialog"; "Stop, button,
 * unavailable"; "Reading focus, check box, not checked"; "Spoken help, button, on".
 */
export function describeControl(control: ControlInfo): string {
  const words: string[] = [control.name || 'Unlabelled'];
  if (control.value) words.push(control.value);
  if (control.opensDialog && control.role === 'button') words.push(STATE_WORDS.opensDialog);
  else words.push(ROLE_WORDS[control.role]);
  if (control.checked !== undefined) words.push(control.checked ? STATE_WORDS.checked : STATE_WORDS.notChecked);
  if (control.pressed !== undefined) words.push(control.pressed ? STATE_WORDS.on : STATE_WORDS.off);
  if (control.unavailable) words.push(STATE_WORDS.unavailable);
  if (control.description) words.push(control.description);
  return words.join(', ');
}

/** The value change of a control: "Louder, volume 80 percent"; "Speed, 1.25 times". */
export function describeValueChange(name: string, value: string): string {
  return `${name}, ${value}`;
}

/** "Sentence 12 of 193, Stalin". */
export function describePosition(index: number, total: number, speakerName: string | null): string {
  return `${WORDS.sentence} ${index + 1} ${WORDS.of} ${total}${speakerName ? `, ${speakerName}` : ''}`;
}

/** "30 seconds", "1 second". */
export function describeSeconds(seconds: number): string {
  return `${seconds} ${seconds === 1 ? WORDS.second : WORDS.seconds}`;
}

/** Where the visitor is when they ask for help. */
export type HelpContext = 'bar' | 'text' | 'dialog';

/** The spoken help for where the visitor is: title, where, the keys there, then the essentials. */
export function helpTexts(context: HelpContext): string[] {
  const where = { bar: KIOSK_TEXT.helpWhereBar, text: KIOSK_TEXT.helpWhereText, dialog: KIOSK_TEXT.helpWhereDialog }[context];
  const keys = { bar: KIOSK_TEXT.helpKeysBar, text: KIOSK_TEXT.helpKeysText, dialog: KIOSK_TEXT.helpKeysDialog }[context];
  return [KIOSK_TEXT.helpTitle, where, keys, KIOSK_TEXT.helpReadText, KIOSK_TEXT.helpNotes, KIOSK_TEXT.helpSizes, KIOSK_TEXT.helpIdle];
}

/** The welcome said at the first key press: what this is and the essential keys. */
export function welcomeTexts(): string[] {
  return [KIOSK_TEXT.welcome, KIOSK_TEXT.essentials];
}
