/**
 * The application, loaded by main.ts after the page has loaded: builds the services (settings
 * model over localStorage, with defaults from the visitor's system preferences or the page's
 * theme) and hands them, with the page options, to the root element that wraps the static text;
 * then registers the offline copy. The start is cut into two tasks, so neither holds the main
 * thread long on a phone: the reader bar's elements upgrade and render as this module runs; the
 * root element (which wires the bar, the text and the narration) is loaded and upgraded after.
 */
import { ReadingSettingsModel } from './settings/model.ts';
import { defaultSettings, environmentFromMatchMedia } from './settings/defaults.ts';
import { createLocalStore } from './settings/storage.ts';
import { parsePageOptions } from './page/page-options.ts';
import './components/reading-toolbar/reading-toolbar.ts';
import './components/narration-controls/narration-controls.ts';
import { cacheRecordedNarration, registerOffline } from './offline/register.ts';
import { nextTask } from './ui/next-task.ts';

/** Starts the edition on this page with the options its URL sets. */
export async function startEdition(): Promise<void> {
  const options = parsePageOptions(location.search);
  await nextTask(); // a new task for the root element
  await import('./edition/narrated-edition.ts');
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
