/**
 * The pronunciation lexicon: turns a sentence's displayed text into the text a synthesizer speaks
 * (respelled Russian names, expanded abbreviations, number ranges read "92 to 94", initials as
 * letters, no spoken dialogue dash). A sentence that explains how a word is spelled keeps every
 * name as written (see `explainsSpelling`). One data file (`lexicon.json`) serves both the browser
 * narration and `audio-scripts/`. Pure.
 */
import lexiconData from './lexicon.json';

/** A name and how it is spoken. */
export interface LexiconName {
  written: string;
  /** Lower-case respelling sent to the synthesizer. */
  spoken: string;
  /** Human respelling (for a pronunciation guide). */
  guide: string;
  /**
   * What `espeak-ng -v en-us --ipa -q "<spoken>"` printed when the respelling was checked (a record,
   * not used for speech; the lexicon test compares it where espeak-ng is installed).
   */
  ipa?: string;
}

/** A speech-text rule: a regular expression and its replacement. */
export interface LexiconRule {
  id: string;
  description: string;
  pattern: string;
  /** Replacement string (`$1` etc.); ignored when `letters` is set. */
  replace?: string;
  /** Read each capital letter of the match by its letter name ("A.M." → "ay em"). */
  letters?: boolean;
  /** A text the rule changes (the lexicon test proves it does). */
  example: string;
}

/** The lexicon file's shape. */
export interface LexiconData {
  names: LexiconName[];
  rules: LexiconRule[];
  letters: Record<string, string>;
}

/** A lexicon ready to apply. */
export interface Lexicon {
  readonly data: LexiconData;
  /**
   * Spoken form of a displayed text.
   * @param sentence the whole sentence `text` belongs to (default `text`): a name the sentence spells
   *   out or explains (e.g. “spelled ‘Trushe’ in the English text”) is not respelled in it.
   */
  toSpoken(text: string, sentence?: string): string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A sentence that talks about how a word is written: "spelled", "spelt", "spelling", "misspelled",
 * "transliterated"… (“…the historian M.I. Trush, spelled “Trushe” in the English text.”). The
 * bare verb "spell" is left out: as a noun ("a spell of cold") it says nothing about letters.
 */
const SPELLING_TALK = /(?<!\p{L})(?:mis)?(?:spell(?:ed|ing|ings)|spelt)(?!\p{L})|(?<!\p{L})transliterat\p{L}*/iu;

/**
 * Whether `sentence` explains how a word is spelled. In such a sentence no name is respelled: its
 * words are about their letters, so the synthesizer reads them as written (a respelling would say
 * “troosh, spelled troosh”). Rules (ranges, abbreviations, initials) still apply.
 */
export function explainsSpelling(sentence: string): boolean {
  return SPELLING_TALK.test(sentence);
}

/** Compiles lexicon data; throws on an invalid pattern, naming the rule. */
export function compileLexicon(data: LexiconData): Lexicon {
  const rules = data.rules.map((rule) => {
    let regex: RegExp;
    try {
      regex = new RegExp(rule.pattern, 'gu');
    } catch (error) {
      throw new Error(`lexicon rule "${rule.id}": invalid pattern: ${(error as Error).message}`);
    }
    const replace = rule.letters
      ? (match: string) =>
          [...match.matchAll(/[A-Z]/g)].map(([letter]) => data.letters[letter] ?? letter).join(' ') + ' '
      : (rule.replace ?? '');
    return { regex, replace };
  });
  const names = data.names.map((name) => ({
    regex: new RegExp(`(?<![\\p{L}])${escapeRegExp(name.written)}(?![\\p{L}])`, 'gu'),
    spoken: name.spoken,
  }));
  return {
    data,
    toSpoken(text: string, sentence: string = text): string {
      let spoken = text;
      for (const { regex, replace } of rules) {
        spoken = typeof replace === 'string' ? spoken.replace(regex, replace) : spoken.replace(regex, replace);
      }
      if (!explainsSpelling(sentence)) {
        for (const { regex, spoken: form } of names) spoken = spoken.replace(regex, form);
      }
      return spoken
        .replace(/,(\s*,)+/g, ',')
        .replace(/\s{2,}/g, ' ')
        .replace(/^[\s,]+/, '')
        .trim();
    },
  };
}

/** The edition's lexicon (from `lexicon.json`). */
export function defaultLexicon(): Lexicon {
  return compileLexicon(lexiconData as LexiconData);
}
