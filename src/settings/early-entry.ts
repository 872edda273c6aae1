/**
 * Entry of the inline head script (bundled by the edition plugin): applies stored reading
 * settings to <html> before first paint, so a returning reader never sees the page jump.
 */
import { applyStoredSettings } from './early.ts';
import { environmentFromMatchMedia } from './defaults.ts';

applyStoredSettings(
  document.documentElement,
  () => window.localStorage,
  environmentFromMatchMedia((query) => window.matchMedia(query)),
);
