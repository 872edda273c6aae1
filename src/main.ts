/**
 * Entry point: builds the services (settings model over localStorage, with defaults from the
 * visitor's system preferences) and hands them to the root element that wraps the static text.
 */
import { ReadingSettingsModel } from './settings/model.ts';
import { defaultSettings } from './settings/defaults.ts';
import { createLocalStore } from './settings/storage.ts';
import './edition/narrated-edition.ts';

const media = (query: string) => globalThis.matchMedia?.(query).matches ?? false;

const settingsModel = new ReadingSettingsModel(
  createLocalStore(() => globalThis.localStorage),
  defaultSettings({
    prefersDark: media('(prefers-color-scheme: dark)'),
    prefersMoreContrast: media('(prefers-contrast: more)'),
    prefersReducedMotion: media('(prefers-reduced-motion: reduce)'),
  }),
);

const root = document.querySelector('narrated-edition');
if (root) root.settingsModel = settingsModel;
