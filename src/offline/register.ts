/**
 * Registers the offline service worker (built from `sw.ts`) a second after the page has loaded,
 * so the precache never competes with the first render or the narration warm-up. Skipped in dev
 * and in browsers without service workers. The worker's URL names the build this page runs
 * (`sw.js?build=modern`, or `legacy` in plugin-legacy's bundle), so the worker precaches that
 * build's code only; once it is active, the page tells it which files it loaded before the worker
 * took over (a font chosen on an earlier visit), so those are kept too. A new version waits; after a kiosk idle reset the page
 * lets it take over and reloads once it controls the page (the decision: `update-policy.ts`).
 */
import { BUILD_PARAM, type BuildKind } from './precache-policy.ts';
import { CACHE_AUDIO_MESSAGE, IDLE_RESET_EVENT, KEEP_USED_MESSAGE, SKIP_WAITING_MESSAGE, shouldActivateUpdate } from './update-policy.ts';

/** The parts of `window` used here (tests pass fakes). */
export type OfflineWindow = Pick<Window, 'addEventListener' | 'setTimeout' | 'document' | 'location'> & {
  navigator: { serviceWorker?: ServiceWorkerContainer };
  performance?: Pick<Performance, 'getEntriesByType'>;
};

/** The build this code belongs to: plugin-legacy sets `import.meta.env.LEGACY` in its bundle. */
const THIS_BUILD: BuildKind = import.meta.env.LEGACY ? 'legacy' : 'modern';

/** The worker's URL for a page of `build`, under the site's base. */
export function workerUrl(build: BuildKind = THIS_BUILD, base: string = import.meta.env.BASE_URL): string {
  return `${base}sw.js?${BUILD_PARAM}=${build}`;
}

/** Registers `sw.js` (at the site root) after load; a no-op in dev or where unsupported. */
export function registerOffline(win: OfflineWindow = window, dev = import.meta.env.DEV): void {
  const container = win.navigator.serviceWorker;
  if (dev || !container) return;
  const start = (): void => {
    container
      .register(workerUrl())
      // Some environments (automation that blocks workers) resolve without a registration.
      .then((registration) => {
        if (!registration) return;
        watchUpdates(win, container, registration);
        reportUsedFiles(win, container);
      })
      .catch(() => undefined); // no offline copy: the online page is unaffected
  };
  const later = (): void => void win.setTimeout(start, 1000);
  if (win.document.readyState === 'complete') later();
  else win.addEventListener('load', later, { once: true });
}

/** Once a worker is active, tells it the files this page loaded (it keeps those it keeps on demand). */
export function reportUsedFiles(win: OfflineWindow, container: ServiceWorkerContainer): void {
  container.ready
    .then((registration) => {
      const urls = (win.performance?.getEntriesByType('resource') ?? []).map((entry) => entry.name);
      registration.active?.postMessage({ type: KEEP_USED_MESSAGE, urls });
    })
    .catch(() => undefined);
}

/** After an idle reset: activate a waiting version (then reload under it), or look for one. */
export function watchUpdates(win: OfflineWindow, container: ServiceWorkerContainer, registration: ServiceWorkerRegistration): void {
  let activating = false;
  container.addEventListener('controllerchange', () => {
    // Only the change asked for here reloads; the first install claiming the page does not.
    if (activating) win.location.reload();
  });
  win.addEventListener(IDLE_RESET_EVENT, () => {
    const { waiting } = registration;
    if (!activating && shouldActivateUpdate({ waiting, reason: 'idle-reset' })) {
      activating = true;
      waiting!.postMessage({ type: SKIP_WAITING_MESSAGE });
    } else if (!waiting) {
      // A kiosk may run for days without a navigation (when browsers check for updates): check
      // now; a new version installs in the background and takes over at the next idle reset.
      registration.update().catch(() => undefined);
    }
  });
}

/**
 * Asks the service worker to keep the recorded narration and its player code for offline use
 * (~7 MB): called when the recording first plays, and at start in kiosk mode, where `kiosk` keeps
 * the spoken-help sprite as well. The worker fetches the files itself (`sw.ts`). A no-op without a
 * service worker.
 */
export function cacheRecordedNarration(
  container: ServiceWorkerContainer | undefined = globalThis.navigator?.serviceWorker,
  { kiosk = false }: { kiosk?: boolean } = {},
): void {
  container?.ready
    .then((registration) => registration.active?.postMessage({ type: CACHE_AUDIO_MESSAGE, kiosk }))
    .catch(() => undefined);
}
