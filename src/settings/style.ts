/**
 * Effective settings → what goes on the document root: data attributes for the enumerations
 * and `--ne-*` custom properties for the numbers. Kept tiny and free of runtime imports: it is
 * bundled into the inline head script that applies stored settings before first paint.
 */
import type { ReadingSettings } from './types.ts';

/** Root attributes and custom properties for a set of settings. */
export interface SettingsStyle {
  /** `data-theme`, `data-font`, `data-reading-focus` and `data-reduce-motion` ("true"/"false"). */
  attributes: Record<string, string>;
  /**
   * `--ne-text-scale` (factor, "1.5"), `--ne-line-height` ("1.8"), `--ne-letter-spacing` and
   * `--ne-word-spacing` ("0.12em"), `--ne-line-length` (a unitless number of characters, "65";
   * multiply by a calibrated `ch` in CSS, since 1ch is wider than an average letter).
   */
  properties: Record<string, string>;
}

/** Prints a number without floating-point noise (1.1 not 1.1000000000000001). */
const num = (n: number): string => String(Number(n.toFixed(4)));

/** Maps effective settings to root attributes and custom properties. Pure. */
export function settingsToStyle(s: ReadingSettings): SettingsStyle {
  return {
    attributes: {
      'data-theme': s.theme,
      'data-font': s.font,
      'data-reading-focus': String(s.readingFocus),
      'data-reduce-motion': String(s.reduceMotion),
    },
    properties: {
      '--ne-text-scale': num(s.textSize / 100),
      '--ne-line-height': num(s.lineHeight),
      '--ne-letter-spacing': `${num(s.letterSpacing)}em`,
      '--ne-word-spacing': `${num(s.wordSpacing)}em`,
      '--ne-line-length': num(s.lineLength),
    },
  };
}

/** The minimal root element `applyStyle` needs; `document.documentElement` satisfies it. */
export interface StyleRoot {
  setAttribute(name: string, value: string): void;
  getAttribute?(name: string): string | null;
  style: { setProperty(name: string, value: string): void; getPropertyValue?(name: string): string };
}

/** Writes a `SettingsStyle` onto a root element. */
export function applyStyle(root: StyleRoot, style: SettingsStyle): void {
  // Only what changed: the head script has usually set all of it already, and a write of the same
  // value can still restyle the whole document.
  for (const [name, value] of Object.entries(style.attributes)) if (root.getAttribute?.(name) !== value) root.setAttribute(name, value);
  for (const [name, value] of Object.entries(style.properties)) if (root.style.getPropertyValue?.(name) !== value) root.style.setProperty(name, value);
}
