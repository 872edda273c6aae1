/**
 * Entry point, kept small on purpose: the page is already readable without it (static text, and
 * the head script has applied the stored reading settings). It marks the root for kiosk mode at
 * once, so a kiosk's text never shows before its attract screen, then loads the application
 * (controls, narration, settings: ./app.ts) once the page has loaded and its text has been painted,
 * so the first visit costs only the text before the load event and the application's download and
 * start never compete with the first paint (on a slow phone the paint can come well after the load
 * event). A kiosk loads it at once; so does a reader who reaches for the reader bar first (a touch,
 * a click or focus on it).
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

/** The longest wait for the first paint after the load event (a tab that stays hidden never paints). */
const PAINT_WAIT_MS = 5000;

/** Starts once the text has been painted, or after PAINT_WAIT_MS, or at once without paint timing. */
function startAfterFirstPaint(): void {
  const painted = () => performance.getEntriesByName('first-contentful-paint').length > 0;
  const paintTiming = typeof PerformanceObserver === 'function' && PerformanceObserver.supportedEntryTypes?.includes('paint');
  if (!paintTiming || painted()) return start();
  const observer = new PerformanceObserver(() => {
    if (!painted()) return;
    observer.disconnect();
    start();
  });
  observer.observe({ type: 'paint', buffered: true });
  setTimeout(() => {
    observer.disconnect();
    start();
  }, PAINT_WAIT_MS);
}

if (kiosk) start();
else {
  if (document.readyState === 'complete') startAfterFirstPaint();
  else window.addEventListener('load', startAfterFirstPaint, { once: true });
  const bar = document.getElementById('reader-controls');
  for (const type of ['pointerdown', 'focusin'] as const) bar?.addEventListener(type, start, { once: true });
}
