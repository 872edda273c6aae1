// Kiosk mode (?kiosk&idle=N) in real Chromium with Playwright's fake clock and the scripted
// speechSynthesis: the silent attract screen, the idle warning (never while narration plays), its
// countdown and the reset to a first visit, a keypad-only walk through every control of the bar
// (arrows, Enter, Escape and F1 only), axe in every kiosk state, and 48 × 48 px targets.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, waitForUpgrade } from './helpers.ts';

const FAKE_SPEECH = readFileSync('tests/e2e/support/fake-speech.js', 'utf8');
const IDLE = 30; // seconds, the shortest allowed

interface SpeechRecord {
  spoken: { text: string; volume: number }[];
  speakCalls: number;
}

const speech = (page: Page) => page.evaluate(() => (window as unknown as { __speech: SpeechRecord }).__speech);
const attract = (page: Page) => page.locator('kiosk-attract dialog');
const idleDialog = (page: Page) => page.getByRole('alertdialog', { name: 'Are you still there?' });
const countdown = (page: Page) => page.locator('kiosk-idle-dialog [role="timer"]');
const current = (page: Page) => page.locator('[aria-current="true"]');
const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
const volumeValue = (page: Page) => page.getByRole('group', { name: 'Volume' }).locator('.value');
const status = (page: Page) =>
  page.evaluate(() => document.querySelector('narration-controls')?.shadowRoot?.querySelector('.toggle .face:not(.ghost)')?.textContent);

/**
 * Opens the kiosk with the fake clock (and the scripted speech); the attract screen shows. These
 * tests are about the kiosk's controls and timing, so the spoken help stays off (`speech=off`)
 * unless a test asks for it; kiosk-speech.spec.ts tests it.
 */
async function openKiosk(page: Page, { idle = IDLE, query = '&speech=off' } = {}) {
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.addInitScript(() => {
    const w = window as unknown as { __resets: unknown[] };
    w.__resets = [];
    window.addEventListener('narrated-edition:idle-reset', (e) => w.__resets.push((e as CustomEvent).detail));
  });
  await page.clock.install();
  await page.goto(`/?kiosk&idle=${idle}${query}`);
  await waitForUpgrade(page);
  await expect(attract(page)).toBeVisible();
}

/** Leaves the attract screen with a key. */
async function start(page: Page, key = 'Enter') {
  await page.keyboard.press(key);
  await expect(attract(page)).toBeHidden();
}

/** Name of the focused control (through shadow roots): aria-label, label, or visible text. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return '';
    if (el.classList.contains('ne-s')) return `sentence ${el.getAttribute('id')}`;
    const labelled = (el as HTMLInputElement).labels?.[0];
    const source = labelled ?? el;
    const copy = source.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('[aria-hidden="true"], input').forEach((n) => n.remove());
    return (el.getAttribute('aria-label') ?? copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });

/** Presses `key` until the focused control is named `name` (at most 60 presses). */
async function keypadTo(page: Page, name: string, key: 'ArrowDown' | 'ArrowRight' | 'ArrowUp' | 'ArrowLeft' = 'ArrowDown') {
  const seen: string[] = [];
  for (let i = 0; i < 60; i++) {
    const now = await focusedName(page);
    if (now === name) return;
    seen.push(now);
    await page.keyboard.press(key);
  }
  throw new Error(`"${name}" not reached with ${key}; saw: ${[...new Set(seen)].join(' | ')}`);
}

const rootStyle = (page: Page) =>
  page.evaluate(() => ({
    theme: document.documentElement.getAttribute('data-theme'),
    scale: document.documentElement.style.getPropertyValue('--ne-text-scale'),
  }));

test.describe('attract screen', () => {
  test('shows on first load, stays silent, and any key leaves it with focus at the start of the reader and the welcome spoken', async ({ page }) => {
    await openKiosk(page, { query: '' });
    await expect(page.getByText('Touch or press any key to start')).toBeVisible();
    await page.clock.runFor(5000);
    expect((await speech(page)).speakCalls).toBe(0);
    expect(await page.locator('audio[autoplay], video[autoplay]').count()).toBe(0);
    // The idle timer does not run on the attract screen.
    await page.clock.fastForward((IDLE + 60) * 1000);
    await expect(idleDialog(page)).toBeHidden();
    await start(page, 'x');
    expect(await focusedName(page)).toBe('Reading settings');
    // A key press is a keypad visitor: the spoken help turns on and welcomes them.
    await page.clock.runFor(100);
    await expect.poll(async () => (await speech(page)).spoken[0]?.text ?? '').toMatch(/^Welcome\. This kiosk reads a historical document aloud/);
  });

  test('a click (touch) leaves it too; no download or external link is shown', async ({ page }) => {
    await openKiosk(page);
    await page.mouse.click(200, 200);
    await expect(attract(page)).toBeHidden();
    await expect(page.getByRole('link', { name: /Download/ })).toHaveCount(0);
    const leaving = await page.locator('a[href]').evaluateAll((links) =>
      links.filter((a) => !a.getAttribute('href')!.startsWith('#') && (a as HTMLElement).offsetParent !== null).length,
    );
    expect(leaving).toBe(0);
    await expect(page.getByRole('link', { name: 'Skip to the text' })).toHaveCount(1);
    // The bar stays in view at the bottom of the text.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect(button(page, 'Start again')).toBeInViewport();
    await expect(button(page, 'Play')).toBeInViewport();
  });
});

test.describe('idle reset', () => {
  test('warns after the idle time with a visible countdown of at least 20 s, and any key continues', async ({ page }) => {
    await openKiosk(page);
    await start(page);
    await page.clock.fastForward((IDLE - 2) * 1000);
    await expect(idleDialog(page)).toBeHidden();
    await page.clock.fastForward(2500);
    await expect(idleDialog(page)).toBeVisible();
    const first = Number((await countdown(page).textContent())!.match(/\d+/)![0]);
    expect(first).toBeGreaterThanOrEqual(20);
    await page.clock.runFor(3000);
    const later = Number((await countdown(page).textContent())!.match(/\d+/)![0]);
    expect(later).toBeLessThan(first);
    expect(later).toBeGreaterThanOrEqual(first - 4);
    await expect(button(page, 'Continue')).toBeFocused();
    // Nothing was spoken: narration was not used in this visit.
    expect((await speech(page)).speakCalls).toBe(0);
    await page.keyboard.press('ArrowDown');
    await expect(idleDialog(page)).toBeHidden();
    // The key only answered the dialog; the timer starts over.
    await page.clock.fastForward((IDLE - 5) * 1000);
    await expect(idleDialog(page)).toBeHidden();
    await page.clock.fastForward(6000);
    await expect(idleDialog(page)).toBeVisible();
    await button(page, 'Continue').click();
    await expect(idleDialog(page)).toBeHidden();
    expect(await page.evaluate(() => (window as unknown as { __resets: unknown[] }).__resets)).toEqual([]);
  });

  test('never warns while narration plays; warns (spoken) once it stops', async ({ page }) => {
    await openKiosk(page);
    await start(page);
    await button(page, 'Play').click();
    await expect(current(page)).toHaveCount(1);
    // runFor, not fastForward: a jump fires the speech watchdogs before the utterance ends (as a
    // sleeping laptop would), and narration would stall; here time passes while it reads.
    await page.clock.runFor((IDLE + 5) * 1000);
    await expect(idleDialog(page)).toBeHidden();
    await page.clock.runFor((IDLE + 5) * 1000);
    await expect(idleDialog(page)).toBeHidden();
    expect(await status(page)).toBe('Pause'); // still playing, far into the text
    expect((await speech(page)).spoken.length).toBeGreaterThan(20);
    await button(page, 'Pause').click();
    await page.clock.fastForward((IDLE + 1) * 1000);
    await expect(idleDialog(page)).toBeVisible();
    await expect
      .poll(async () => (await speech(page)).spoken.map((s) => s.text).filter((t) => t.startsWith('Are you still there?')))
      .toHaveLength(1);
  });

  test('resets at the end: narration stopped, the edition’s storage cleared (the host’s kept), museum defaults, no hash, attract screen', async ({ page }) => {
    await openKiosk(page, { query: '&theme=hc-light&speech=off' });
    await start(page);
    // A visitor's traces: theme, text size, volume, a position, a hash, session storage.
    await button(page, 'Reading settings').click();
    await page.getByRole('radio', { name: 'High contrast dark' }).check();
    await page.keyboard.press('Escape');
    await button(page, /Larger text/).click();
    await button(page, /Larger text/).click();
    await button(page, 'Quieter').click();
    await expect(volumeValue(page)).toHaveText('Volume 90%');
    await button(page, 'Play').click();
    await expect(current(page)).toHaveCount(1);
    await page.clock.runFor(2000);
    await button(page, 'Pause').click();
    await page.evaluate(() => {
      // A host's own key on the same origin: not the edition's to clear.
      sessionStorage.setItem('museum-host', 'x');
      history.replaceState(null, '', '#text');
    });
    // The edition keeps nothing but its named Web Storage keys: no cookies, no IndexedDB.
    expect(await page.evaluate(async () => ({ cookie: document.cookie, databases: (await indexedDB.databases()).length })))
      .toEqual({ cookie: '', databases: 0 });
    expect(await rootStyle(page)).toEqual({ theme: 'hc-dark', scale: '1.4' });
    expect(await page.evaluate(() => localStorage.length)).toBeGreaterThan(0);
    const spokeBefore = (await speech(page)).spoken.length;

    await page.clock.fastForward((IDLE + 1) * 1000);
    await expect(idleDialog(page)).toBeVisible();
    // runFor, not fastForward: the spoken warning must be able to finish (a jump would fire the
    // speech watchdogs first, as after a sleeping laptop).
    await page.clock.runFor(20_000);
    await expect(idleDialog(page)).toBeVisible();
    await page.clock.runFor(11_000);
    await expect(idleDialog(page)).toBeHidden();
    await expect(attract(page)).toBeVisible();

    await expect(current(page)).toHaveCount(0);
    expect(await page.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage), hash: location.hash })))
      .toEqual({ local: [], session: ['museum-host'], hash: '' });
    expect(await rootStyle(page)).toEqual({ theme: 'hc-light', scale: '1' }); // the museum's theme (?theme=)
    expect(await page.evaluate(() => speechSynthesis.speaking)).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { __resets: unknown[] }).__resets)).toEqual([{ reason: 'idle' }]);
    // Only the spoken warning came after the pause; nothing speaks on the attract screen.
    const spoken = (await speech(page)).spoken.slice(spokeBefore).map((s) => s.text);
    expect(spoken).toEqual([
      'Are you still there?',
      'The reader will go back to the start in 30 seconds and clear your settings and place.',
      'Touch the screen or press any key to keep reading.',
    ]);

    // A new visitor gets the defaults: volume 100 %, text 100 %, Play from the first sentence.
    await start(page);
    await expect(volumeValue(page)).toHaveText('Volume 100%');
    await expect(page.getByRole('group', { name: 'Text size' })).toContainText('100%');
    await expect(button(page, /Resume from/)).toHaveCount(0);
    const firstId = await page.locator('.ne-s').first().getAttribute('id');
    await button(page, 'Play').click();
    await expect(current(page)).toHaveAttribute('id', firstId!);
    expect((await speech(page)).spoken.at(-1)!.volume).toBe(1);
  });
});

test('keypad only: arrows, Enter, Escape and F1 reach and operate every control of the bar', async ({ page }) => {
  await openKiosk(page);
  await start(page, 'Enter');
  const ids = await page.locator('.ne-s').evaluateAll((els) => els.map((e) => e.getAttribute('id')!));
  const textIds = await page.locator('.ne-text .ne-s').evaluateAll((els) => els.map((e) => e.getAttribute('id')!));

  // Reading settings dialog: move inside it with the arrows, choose a theme with Enter, Escape closes.
  expect(await focusedName(page)).toBe('Reading settings');
  await page.keyboard.press('Enter');
  const settings = page.getByRole('dialog', { name: 'Reading settings' });
  await expect(settings).toBeVisible();
  await keypadTo(page, 'High contrast dark');
  await page.keyboard.press('Enter');
  expect((await rootStyle(page)).theme).toBe('hc-dark');
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
  expect(await focusedName(page)).toBe('Reading settings');

  // Play / Pause.
  await keypadTo(page, 'Play', 'ArrowRight');
  await page.keyboard.press('Enter');
  await expect(current(page)).toHaveAttribute('id', ids[0]!);
  expect(await focusedName(page)).toBe('Pause');
  await page.keyboard.press('Enter');
  await expect.poll(() => status(page)).toBe('Play');

  // Next / Previous sentence.
  await keypadTo(page, 'Next sentence');
  await page.keyboard.press('Enter');
  await expect(current(page)).toHaveAttribute('id', ids[1]!);
  await keypadTo(page, 'Previous sentence', 'ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(current(page)).toHaveAttribute('id', ids[0]!);

  // Stop: the place stays highlighted and focus lands on the sentence; Escape goes back to the bar.
  await keypadTo(page, 'Stop', 'ArrowUp');
  await page.keyboard.press('Enter');
  await expect(current(page)).toHaveAttribute('id', ids[0]!);
  expect(await focusedName(page)).toBe(`sentence ${ids[0]}`);
  await page.keyboard.press('Escape');
  expect(await focusedName(page)).toBe('Read the text');

  // Read the text: arrows move through the sentences, Enter reads from one, Escape leaves.
  await page.keyboard.press('Enter');
  expect(await focusedName(page)).toBe(`sentence ${textIds[0]}`);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  expect(await focusedName(page)).toBe(`sentence ${textIds[2]}`);
  await page.keyboard.press('Enter');
  await expect(current(page)).toHaveAttribute('id', textIds[2]!);
  await page.keyboard.press('ArrowUp');
  expect(await focusedName(page)).toBe(`sentence ${textIds[1]}`);
  await page.keyboard.press('Escape');
  expect(await focusedName(page)).toBe('Read the text');
  await keypadTo(page, 'Pause', 'ArrowUp');
  await page.keyboard.press('Enter');
  await expect.poll(() => status(page)).toBe('Play');

  // Text size A− / A+.
  await keypadTo(page, 'Larger text');
  await page.keyboard.press('Enter');
  expect((await rootStyle(page)).scale).toBe('1.2');
  await keypadTo(page, 'Smaller text', 'ArrowLeft');
  await page.keyboard.press('Enter');
  expect((await rootStyle(page)).scale).toBe('1');

  // Volume: Quieter, then Play speaks at 0.9; Louder back to 100 %.
  await keypadTo(page, 'Quieter');
  await page.keyboard.press('Enter');
  await expect(volumeValue(page)).toHaveText('Volume 90%');
  await keypadTo(page, 'Play', 'ArrowUp');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await speech(page)).spoken.at(-1)?.volume).toBe(0.9);
  await page.keyboard.press('Enter');
  await keypadTo(page, 'Louder');
  await page.keyboard.press('Enter');
  await expect(volumeValue(page)).toHaveText('Volume 100%');

  // Voices dialog.
  await keypadTo(page, 'Voices…', 'ArrowUp');
  await page.keyboard.press('Enter');
  const voices = page.getByRole('dialog', { name: /Voices/ });
  await expect(voices).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  await expect(voices).toBeHidden();
  expect(await focusedName(page)).toBe('Voices…');

  // Keyboard shortcuts dialog (the narration's own help).
  await keypadTo(page, 'Keyboard shortcuts');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();

  // Help: the F1 key from anywhere, and the Help button.
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'How to use this reader' });
  await expect(help).toBeVisible();
  await expect(help).toContainText(`After 30 seconds without a touch or a key press`);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await keypadTo(page, 'Help');
  await page.keyboard.press('Enter');
  await expect(help).toBeVisible();
  await page.keyboard.press('ArrowDown');
  expect(await focusedName(page)).toBe('Close');
  await page.keyboard.press('Enter');
  await expect(help).toBeHidden();
  expect(await focusedName(page)).toBe('Help');

  // Start again: the confirmation offers "No" first; Escape and "No" keep everything.
  await keypadTo(page, 'Start again');
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Start again from the beginning?' });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('This clears your settings and place.');
  expect(await focusedName(page)).toBe('No, keep reading');
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  // Wait for focus to come back before pressing again (pressed at once, Enter met a closing dialog).
  await expect.poll(() => focusedName(page)).toBe('Start again');
  expect((await rootStyle(page)).theme).toBe('hc-dark');
  await page.keyboard.press('Enter');
  await expect(confirm).toBeVisible();
  await expect.poll(() => focusedName(page)).toBe('No, keep reading');
  await keypadTo(page, 'Yes, start again', 'ArrowUp');
  await page.keyboard.press('Enter');
  await expect(attract(page)).toBeVisible();
  expect(await rootStyle(page)).toEqual({ theme: 'cream', scale: '1' });
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __resets: unknown[] }).__resets)).toEqual([{ reason: 'restart' }]);
  await start(page, 'Escape');
  expect(await focusedName(page)).toBe('Reading settings');
});

test.describe('accessibility', () => {
  test('axe passes on the attract screen, the kiosk reader and the idle warning', async ({ page }) => {
    test.setTimeout(120_000); // five states, two axe passes each: slow on a loaded 2-core machine
    await openKiosk(page);
    await expectNoAxeViolations(page, 'kiosk attract screen');
    await start(page);
    await expectNoAxeViolations(page, 'kiosk reader');
    await button(page, 'Start again').click();
    await expectNoAxeViolations(page, 'kiosk start-again confirmation');
    await button(page, 'No, keep reading').click();
    await page.keyboard.press('F1');
    await expectNoAxeViolations(page, 'kiosk help');
    await page.keyboard.press('Escape');
    await page.clock.fastForward((IDLE + 1) * 1000);
    await expect(idleDialog(page)).toBeVisible();
    await expectNoAxeViolations(page, 'kiosk idle warning');
  });

  test('no visible control is smaller than 48 × 48 CSS px', async ({ page }) => {
    await page.setViewportSize({ width: 1080, height: 1920 });
    await openKiosk(page);
    const tooSmall = () =>
      page.evaluate(() => {
        const all: Element[] = [];
        const walk = (root: Document | ShadowRoot | Element) => {
          for (const el of root.querySelectorAll('*')) {
            all.push(el);
            if (el.shadowRoot) walk(el.shadowRoot);
          }
        };
        walk(document);
        const visible = all
          .filter((el) => el.matches('button, input, select, textarea, a[href], [role="button"]'))
          .filter((el) => el.checkVisibility({ visibilityProperty: true }));
        if (visible.length < 1) return ['no visible control found'];
        return visible
          .map((el) => {
            // A checkbox or radio is hit through its label.
            const target = el.matches('input[type="checkbox"], input[type="radio"]') ? ((el as HTMLInputElement).labels?.[0] ?? el) : el;
            const r = target.getBoundingClientRect();
            return { name: `${el.tagName} ${(target.textContent ?? '').trim().slice(0, 30)}`, w: r.width, h: r.height };
          })
          .filter((c) => c.w > 1 && c.h > 1) // visually hidden (the skip link until focused)
          .filter((c) => c.w < 48 || c.h < 48)
          .map((c) => `${c.name} (${Math.round(c.w)}×${Math.round(c.h)})`);
      });
    expect(await tooSmall(), 'attract screen').toEqual([]);
    await start(page);
    expect(await tooSmall(), 'reader').toEqual([]);
    // The bar has all its controls (narration, reading settings and kiosk).
    expect(await page.getByRole('button').count()).toBeGreaterThanOrEqual(15);
    await button(page, 'Start again').click();
    expect(await tooSmall(), 'start-again confirmation').toEqual([]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    expect(await tooSmall(), 'help').toEqual([]);
    await page.keyboard.press('Escape');
    await page.clock.fastForward((IDLE + 1) * 1000);
    await expect(idleDialog(page)).toBeVisible();
    expect(await tooSmall(), 'idle warning').toEqual([]);
  });
});
