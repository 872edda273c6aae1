/**
 * Default settings: what a first-time reader gets. The theme and motion follow the
 * environment (prefers-color-scheme, prefers-contrast, prefers-reduced-motion); everything
 * else is fixed. The environment is passed in, never read from globals.
 */
import type { ReadingSettings, Theme } from './types.ts';

/** The user-agent preferences that shape the defaults. */
export interface SettingsEnvironment {
  prefersDark: boolean;
  prefersMoreContrast: boolean;
  prefersReducedMotion: boolean;
}

/** The media queries behind each `SettingsEnvironment` field. */
export const ENVIRONMENT_QUERIES: Readonly<Record<keyof SettingsEnvironment, string>> = {
  prefersDark: '(prefers-color-scheme: dark)',
  prefersMoreContrast: '(prefers-contrast: more)',
  prefersReducedMotion: '(prefers-reduced-motion: reduce)',
};

/**
 * Reads the environment through an injected `matchMedia` (e.g. `window.matchMedia.bind(window)`).
 * Without one, or if it throws, every field is false.
 */
export function environmentFromMatchMedia(
  matchMedia?: ((query: string) => { matches: boolean }) | null,
): SettingsEnvironment {
  const test = (query: string): boolean => {
    try {
      return matchMedia ? matchMedia(query).matches === true : false;
    } catch {
      return false;
    }
  };
  return {
    prefersDark: test(ENVIRONMENT_QUERIES.prefersDark),
    prefersMoreContrast: test(ENVIRONMENT_QUERIES.prefersMoreContrast),
    prefersReducedMotion: test(ENVIRONMENT_QUERIES.prefersReducedMotion),
  };
}

/** Defaults that do not depend on the environment. */
export const FIXED_DEFAULTS: Readonly<Omit<ReadingSettings, 'theme' | 'reduceMotion'>> = {
  font: 'atkinson',
  textSize: 100,
  lineHeight: 1.6,
  letterSpacing: 0,
  wordSpacing: 0,
  lineLength: 65,
  readingFocus: false,
  highlightWords: true,
};

/**
 * The default settings for an environment: dark → `hc-dark`; otherwise more contrast →
 * `hc-light`; otherwise `cream`. `reduceMotion` follows `prefersReducedMotion`.
 */
export function defaultSettings(env: SettingsEnvironment): ReadingSettings {
  const theme: Theme = env.prefersDark ? 'hc-dark' : env.prefersMoreContrast ? 'hc-light' : 'cream';
  // Object.assign, not spread: this runs in the head script, built for older kiosk browsers without helpers.
  return Object.assign({}, FIXED_DEFAULTS, { theme, reduceMotion: env.prefersReducedMotion === true });
}
