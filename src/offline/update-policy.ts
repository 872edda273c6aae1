/**
 * When a new version of the offline copy (a waiting service worker) may take over. Never while
 * someone may be reading: only right after the kiosk's idle reset, when the page is back at its
 * start and nobody is at the screen. Outside kiosk mode there is no idle reset, so a waiting
 * worker takes over on the next visit (the browser's own rule once every tab has closed).
 * No DOM here: the decision is a plain function, tested in node.
 */

/** The window event the kiosk dispatches after an idle reset. */
export const IDLE_RESET_EVENT = 'narrated-edition:idle-reset';

/** The message a page posts to a waiting worker to make it activate now. */
export const SKIP_WAITING_MESSAGE = 'ne:skip-waiting';

/** Message listing the files a page loaded before the worker controlled it (fonts in use…), for the worker to keep. */
export const KEEP_USED_MESSAGE = 'ne:keep-used';

/** Message asking the service worker to store the recorded narration for offline use. */
export const CACHE_AUDIO_MESSAGE = 'ne:cache-audio';

/** Why the page is asking: right after an idle reset, or any other moment (someone may be reading). */
export type UpdateMoment = 'idle-reset' | 'not-idle';

/** What the page knows when it asks. */
export interface UpdateState {
  /** A new version is installed and waiting (the registration's `waiting` worker, or null). */
  waiting: unknown;
  reason: UpdateMoment;
}

/** True when the page should tell the waiting worker to skip waiting (and then reload). */
export function shouldActivateUpdate({ waiting, reason }: UpdateState): boolean {
  return waiting !== null && waiting !== undefined && reason === 'idle-reset';
}
