/**
 * Entry of the inline head script (bundled by the edition plugin): applies stored reading
 * settings to <html> before first paint, so a returning reader never sees the page jump.
 */
import { applyStoredSettings } from './early.ts';
import { environmentFromMatchMedia } from './defaults.ts';
import { SETTINGS_STORAGE_KEY } from './storage.ts';
import { parsePageOptions } from '../page/page-options.ts';

// A `?theme=` in the URL is the starting theme (e.g. a museum's); stored choices still win.
const { theme } = parsePageOptions(location.search);

applyStoredSettings(
  document.documentElement,
  () => window.localStorage,
  environmentFromMatchMedia((query) => window.matchMedia(query)),
  SETTINGS_STORAGE_KEY,
  theme ? { theme } : {},
);
