/**
 * The application, loaded by main.ts after the page has loaded: builds the services (settings
 * model over localStorage, with defaults from the visitor's system preferences or the page's
 * theme) and hands them, with the page options, to the root element that wraps the static text;
 * then registers the offline copy.
 */
import { ReadingSettingsModel } from './settings/model.ts';
import { defaultSettings, environmentFromMatchMedia } from './settings/defaults.ts';
import { createLocalStore } from './settings/storage.ts';
import { parsePageOptions } from './page/page-options.ts';
import './edition/narrated-edition.ts';
import { cacheRecordedNarration, registerOffline } from './offline/register.ts';

/** Starts the edition on this page with the options its URL sets. */
export function startEdition(): void {
  const options = parsePageOptions(location.search);
  const settingsModel = new ReadingSettingsModel(
    createLocalStore(() => globalThis.localStorage),
    {
      ...defaultSettings(environmentFromMatchMedia((query) => window.matchMedia(query))),
      ...(options.theme ? { theme: options.theme } : {}),
    },
  );

  const root = document.querySelector('narrated-edition');
  if (root) {
    if (options.kiosk) root.setAttribute('kiosk', '');
    root.setAttribute('idle', String(options.idleSeconds));
    root.setAttribute('speech', options.speech);
    root.setAttribute('speech-rate', String(options.speechRate));
    if (options.narration) root.setAttribute('narration-source', options.narration);
    root.settingsModel = settingsModel;
  }

  registerOffline();
  // A kiosk must narrate offline from its first visit: keep the recording (and its player code) at once.
  if (options.kiosk) cacheRecordedNarration(undefined, { kiosk: true });
}
