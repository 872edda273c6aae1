/**
 * Entry of the inline head script (bundled by the edition plugin): applies stored reading
 * settings to <html> before first paint, so a returning reader never sees the page jump.
 */
import { applyStoredSettings } from './early.ts';
import { environmentFromMatchMedia } from './defaults.ts';
import { SETTINGS_STORAGE_KEY } from './storage.ts';
import { THEMES, type Theme } from './types.ts';

// A `?theme=` in the URL is the starting theme (e.g. a museum's); stored choices still win.
const theme = new URLSearchParams(location.search).get('theme') as Theme | null;

applyStoredSettings(
  document.documentElement,
  () => window.localStorage,
  environmentFromMatchMedia((query) => window.matchMedia(query)),
  SETTINGS_STORAGE_KEY,
  theme && THEMES.includes(theme) ? { theme } : {},
);
