/**
 * The pronunciation lexicon: turns a sentence's displayed text into the text a synthesizer speaks
 * (respelled Russian names, expanded abbreviations, initials as letters, no spoken dialogue dash).
 * One data file (`lexicon.json`) serves both the browser narration and `audio-scripts/`. Pure.
 */
import lexiconData from './lexicon.json';

/** A name and how it is spoken. */
export interface LexiconName {
  written: string;
  /** Lower-case respelling sent to the synthesizer. */
  spoken: string;
  /** Human respelling (for a pronunciation guide). */
  guide: string;
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
    toSpoken(text: string, _sentence: string = text): string {
      let spoken = text;
      for (const { regex, replace } of rules) {
        spoken = typeof replace === 'string' ? spoken.replace(regex, replace) : spoken.replace(regex, replace);
      }
      for (const { regex, spoken: form } of names) spoken = spoken.replace(regex, form);
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
