/**
 * Registers the offline service worker (built from `sw.ts`) a second after the page has loaded,
 * so the precache never competes with the first render or the narration warm-up. Skipped in dev
 * and in browsers without service workers. A new version waits; after a kiosk idle reset the page
 * lets it take over and reloads once it controls the page (the decision: `update-policy.ts`).
 */
import { CACHE_AUDIO_MESSAGE, IDLE_RESET_EVENT, SKIP_WAITING_MESSAGE, shouldActivateUpdate } from './update-policy.ts';

/** The parts of `window` used here (tests pass fakes). */
export type OfflineWindow = Pick<Window, 'addEventListener' | 'setTimeout' | 'document' | 'location'> & {
  navigator: { serviceWorker?: ServiceWorkerContainer };
};

/** Registers `sw.js` (at the site root) after load; a no-op in dev or where unsupported. */
export function registerOffline(win: OfflineWindow = window, dev = import.meta.env.DEV): void {
  const container = win.navigator.serviceWorker;
  if (dev || !container) return;
  const start = (): void => {
    container
      .register(`${import.meta.env.BASE_URL}sw.js`)
      // Some environments (automation that blocks workers) resolve without a registration.
      .then((registration) => registration && watchUpdates(win, container, registration))
      .catch(() => undefined); // no offline copy: the online page is unaffected
  };
  const later = (): void => void win.setTimeout(start, 1000);
  if (win.document.readyState === 'complete') later();
  else win.addEventListener('load', later, { once: true });
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
