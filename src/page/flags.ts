/**
 * The one rule for on/off page options (`?kiosk`, an embed's `kiosk` attribute), in a module of
 * its own so the page's small entry script can read a flag without the whole options parser. Pure.
 */

/**
 * A flag's value: on when empty (`?kiosk`, `kiosk=""`) or true/1/yes/on, in any case; off for
 * anything else (false, no, 0, off, garbage) and when absent (null). The page's URL and the embed's
 * attributes read flags with this one rule.
 */
export function isFlagOn(value: string | null): boolean {
  if (value === null) return false;
  return ['', '1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}
