/**
 * Entry point, kept small on purpose: the page is already readable without it (static text, and
 * the head script has applied the stored reading settings). It marks the root for kiosk mode at
 * once, so a kiosk's text never shows before its attract screen, then loads the application
 * (controls, narration, settings: ./app.ts) once the page has loaded, so the first visit costs
 * only the text before the load event. A kiosk loads it at once; so does a reader who reaches for
 * the reader bar before the load event (a touch, a click or focus on it).
 */
import { isFlagOn } from './page/flags.ts';

const kiosk = isFlagOn(new URLSearchParams(location.search).get('kiosk'));
if (kiosk) document.querySelector('narrated-edition')?.setAttribute('kiosk', '');

let started = false;
function start(): void {
  if (started) return;
  started = true;
  import('./app.ts')
    .then(({ startEdition }) => startEdition())
    // The text stays readable; the console says why the controls did not come.
    .catch((error: unknown) => console.error('The reader controls could not be loaded.', error));
}

if (kiosk || document.readyState === 'complete') start();
else {
  window.addEventListener('load', start, { once: true });
  const bar = document.getElementById('reader-controls');
  for (const type of ['pointerdown', 'focusin'] as const) bar?.addEventListener(type, start, { once: true });
}
