/**
 * The shape of the reading settings: the effective values the page renders with.
 * Plain types and constant lists only — no Lit, no DOM — shared by the panel, storage,
 * the early head script and the audio scripts.
 */

/** Colour themes, in the order the panel offers them. */
export const THEMES = ['hc-dark', 'hc-light', 'cream'] as const;
/** A colour theme id; it becomes `data-theme` on the document root. */
export type Theme = (typeof THEMES)[number];

/** Reading fonts, in the order the panel offers them. `atkinson` is the default. */
export const FONTS = ['atkinson', 'opendyslexic', 'lexend'] as const;
/** A reading font id; it becomes `data-font` on the document root. */
export type FontChoice = (typeof FONTS)[number];

/** The effective reading settings: every value present and valid. */
export interface ReadingSettings {
  theme: Theme;
  font: FontChoice;
  /** Text size in percent of the base size (100–300). */
  textSize: number;
  /** Unitless line height (1.5–2.5). */
  lineHeight: number;
  /** Letter spacing in em (0–0.2). */
  letterSpacing: number;
  /** Word spacing in em (0–0.6). */
  wordSpacing: number;
  /** Maximum line length in characters (45–80). */
  lineLength: number;
  /** Dim every paragraph except the one being read. */
  readingFocus: boolean;
  /** Scroll instantly instead of smoothly; first value follows `prefers-reduced-motion`. */
  reduceMotion: boolean;
  /** Highlight the word being heard as well as the sentence (recording and device voices). */
  highlightWords: boolean;
}

/** The name of one setting. */
export type SettingKey = keyof ReadingSettings;

/** One `{ key, value }` pair whose value type matches its key (a discriminated union). */
export type SettingChange = { [K in SettingKey]: { key: K; value: ReadingSettings[K] } }[SettingKey];
