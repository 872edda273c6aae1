/**
 * Entry point: builds the services (settings model over localStorage, with defaults from the
 * visitor's system preferences) and hands them to the root element that wraps the static text.
 */
import { ReadingSettingsModel } from './settings/model.ts';
import { defaultSettings, environmentFromMatchMedia } from './settings/defaults.ts';
import { createLocalStore } from './settings/storage.ts';
import './edition/narrated-edition.ts';

const settingsModel = new ReadingSettingsModel(
  createLocalStore(() => globalThis.localStorage),
  defaultSettings(environmentFromMatchMedia((query) => window.matchMedia(query))),
);

const root = document.querySelector('narrated-edition');
if (root) root.settingsModel = settingsModel;
