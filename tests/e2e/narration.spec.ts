// Narration in the page, with a scripted speechSynthesis (tests/e2e/support/fake-speech.js) so the
// behaviour is deterministic: controls, highlight, screen-reader etiquette, shortcuts, resume,
// deep links, voices and axe while narration runs. Real speech is tested in real-speech.spec.ts.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { barButton, barControl, expectNoAxeViolations, moreButton, waitForUpgrade } from './helpers.ts';

const FAKE_SPEECH = readFileSync('tests/e2e/support/fake-speech.js', 'utf8');

interface SpeechRecord {
  spoken: { text: string; voice: string | null; rate: number; pitch: number }[];
  /** `endsAt` (start events): page time at which that utterance ends unless paused or cancelled. */
  events: { type: string; text: string; endsAt?: number }[];
  speakCalls: number;
  cancelCalls: number;
  config: Record<string, unknown>;
}

async function open(page: Page, { hash = '', config = {} as Record<string, unknown> } = {}) {
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.addInitScript((c) => Object.assign((window as unknown as { __speech: SpeechRecord }).__speech.config, c), config);
  await page.goto(`/${hash}`);
  await waitForUpgrade(page);
}

const speech = (page: Page) => page.evaluate(() => (window as unknown as { __speech: SpeechRecord }).__speech);
const current = (page: Page) => page.locator('[aria-current="true"]');
const currentId = (page: Page) => current(page).getAttribute('id');
const sentenceIds = (page: Page) => page.locator('.ne-s').evaluateAll((els) => els.map((e) => e.getAttribute('id')!));
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
/** The title's spoken form (the lexicon respells the name): the first sentence Play reads. */
const TITLE_SPOKEN = 'Stalin’s Conversation with ay em kollon tie';

/**
 * Waits until the narration has loaded in the background (the controls then name the first
 * speaker): from then on a command acts at once instead of waiting for the narration to load.
 */
const narrationLoaded = (page: Page) => expect(page.locator('narration-controls [part="position"]')).toContainText('Speaker: ');

/** Starts logging every change of the controls' status region (what a screen reader hears). */
async function logStatusChanges(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __liveChanges: string[] };
    w.__liveChanges = [];
    const region = document.querySelector('narration-controls')!.shadowRoot!.querySelector('[role="status"]')!;
    new MutationObserver(() => w.__liveChanges.push(region.textContent!.trim())).observe(region, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
}
/** The status region's announcements since `logStatusChanges` (the emptying before a repeat left out). */
const statusChanges = (page: Page) =>
  page.evaluate(() => (window as unknown as { __liveChanges: string[] }).__liveChanges.filter(Boolean));

/**
 * Waits in the page until its clock has passed `time` (page ms, e.g. a fake utterance's `endsAt`):
 * the page's timers due by then, such as that utterance's end, have run.
 */
const pageClockPast = (page: Page, time: number) =>
  page.evaluate((t) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, t - performance.now()) + 1)), time);

test('nothing speaks before Play, even after a keyboard tour', async ({ page }) => {
  await open(page);
  await narrationLoaded(page); // its background warm-up is done
  // Tab through the page's controls to "More", open it with Enter, and Tab on through its panel
  // until "Keyboard shortcuts" (past every button of the bar).
  const focusedName = () =>
    page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.textContent?.trim() ?? '';
    });
  let presses = 0;
  do {
    await page.keyboard.press('Tab');
    presses += 1;
  } while ((await focusedName()) !== 'More' && presses < 60);
  await page.keyboard.press('Enter');
  await expect(moreButton(page)).toHaveAttribute('aria-expanded', 'true');
  do {
    await page.keyboard.press('Tab');
    presses += 1;
  } while ((await focusedName()) !== 'Keyboard shortcuts' && presses < 60);
  expect(presses).toBeGreaterThan(10);
  await page.keyboard.press('Enter'); // the tour ends on "Keyboard shortcuts": its dialog opens
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(current(page)).toHaveCount(0);
  // Play is the first thing the synthesizer ever hears: anything spoken by the warm-up or the tour
  // would stand before Play's first sentence in its log.
  await button(page, 'Play').click();
  await expect(current(page)).toHaveCount(1);
  const record = await speech(page);
  expect(record.spoken[0].text).toBe(TITLE_SPOKEN);
  expect(record.events[0]).toMatchObject({ type: 'start', text: TITLE_SPOKEN });
});

test('Play reads in order and highlights exactly the sentence being read', async ({ page }) => {
  // Sentences long enough (≥ 600 ms) that a loaded machine still sees each highlight.
  await open(page, { config: { msPerChar: 30, minMs: 600 } });
  const ids = await sentenceIds(page);
  await button(page, 'Play').click();
  const seen: string[] = [];
  for (let i = 0; i < 4; i++) {
    await expect(current(page)).toHaveAttribute('id', ids[i]);
    await expect(page.locator('[aria-current]')).toHaveCount(1);
    seen.push((await currentId(page))!);
    await page.waitForFunction((id) => document.querySelector('[aria-current]')?.getAttribute('id') !== id, seen[i]);
  }
  expect(seen).toEqual(ids.slice(0, 4));
  const record = await speech(page);
  expect(record.spoken[0].text).toBe(TITLE_SPOKEN); // lexicon applied
  await expect(page.getByText(/Sentence \d+ of \d+/)).toBeVisible();
});

test('Pause holds speech and highlight, Play resumes; Stop keeps the place highlighted and focused, and Play starts there', async ({ page }) => {
  await open(page, { config: { msPerChar: 40 } });
  await button(page, 'Play').click();
  await expect(current(page)).toHaveCount(1);
  await button(page, 'Pause').click();
  await expect(page.locator('narration-controls').getByRole('status')).toHaveText('Paused');
  const held = await currentId(page);
  const atPause = await speech(page);
  // Had Pause not held it, the utterance being read would have ended at its `endsAt` and the next
  // one started: once the page's clock is past that moment, nothing has ended, started or been queued.
  const reading = atPause.events.filter((e) => e.type === 'start').at(-1)!;
  await pageClockPast(page, reading.endsAt!);
  const later = await speech(page);
  expect(later.events.slice(atPause.events.length)).toEqual([]);
  expect(later.spoken.length).toBe(atPause.spoken.length);
  expect(await currentId(page)).toBe(held);
  await expect(page.locator('narration-controls').getByRole('status')).toHaveText('Paused');
  await button(page, 'Play').click();
  // Playing is not announced (the toggle now says "Pause"); the stale "Paused" is cleared.
  await expect(button(page, 'Pause')).toBeVisible();
  await expect(page.locator('narration-controls').getByRole('status')).toHaveText('');
  await (await barButton(page, 'Stop')).click();
  await expect(page.locator('narration-controls').getByRole('status')).toHaveText('Stopped');
  // The place survives Stop: still highlighted, and focused, until the reader moves on.
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('id'));
  expect(focused).toBe(held);
  await expect(current(page)).toHaveCount(1);
  await expect(current(page)).toHaveAttribute('id', held!);
  const spokenAtStop = (await speech(page)).spoken.length;
  await button(page, 'Play').click();
  await expect.poll(async () => (await speech(page)).spoken.length).toBeGreaterThan(spokenAtStop);
  // Play starts again at the kept place: the same words the synthesizer was reading at Pause.
  expect((await speech(page)).spoken[spokenAtStop]!.text).toBe(atPause.spoken.at(-1)!.text);
  await expect(current(page)).toHaveAttribute('id', held!);
});

test('Next and Previous move speech and highlight; paragraph buttons jump by paragraph', async ({ page }) => {
  await open(page, { config: { msPerChar: 60 } });
  const ids = await sentenceIds(page);
  await button(page, 'Play').click();
  await expect(current(page)).toHaveAttribute('id', ids[0]);
  await button(page, 'Next sentence').click();
  await expect(current(page)).toHaveAttribute('id', ids[1]);
  await button(page, 'Next sentence').click();
  await expect(current(page)).toHaveAttribute('id', ids[2]);
  await button(page, 'Previous sentence').click();
  await expect(current(page)).toHaveAttribute('id', ids[1]);
  // Only one utterance is ever live in the synthesizer.
  const record = await speech(page);
  expect(record.cancelCalls).toBeGreaterThanOrEqual(3);
  await (await barButton(page, 'Next paragraph')).click();
  // The highlight moves when the new sentence's sound starts.
  await expect.poll(() => currentId(page)).not.toBe(ids[1]);
  const after = await currentId(page);
  const paragraphOf = (id: string) =>
    page.locator(`[id="${id}"]`).evaluate((el) => el.closest('p')?.querySelector('.ne-s')?.id);
  expect(await paragraphOf(after!)).not.toBe(await paragraphOf(ids[1]));
  const firstOfBlock = await page
    .locator(`[id="${after}"]`)
    .evaluate((el) => el.closest('p')!.querySelector('.ne-s')!.getAttribute('id'));
  expect(after).toBe(firstOfBlock);
});

test('clicking a sentence reads from there; Enter on a focused sentence too (when sentences are in the tab order)', async ({ page }) => {
  await open(page, { config: { msPerChar: 30, minMs: 600 } });
  const target = page.locator('.ne-text .ne-turn .ne-s').nth(4);
  const id = await target.getAttribute('id');
  await target.click();
  await expect(current(page)).toHaveAttribute('id', id!);
  const record = await speech(page);
  expect(record.spoken.at(-1)!.text.length).toBeGreaterThan(3);
  await (await barButton(page, 'Stop')).click();

  await (await barButton(page, 'Keyboard shortcuts')).click();
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.getByRole('checkbox', { name: /Tab to each sentence/ }).check();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(button(page, 'Keyboard shortcuts')).toBeFocused(); // focus is back before we move it
  const other = page.locator('.ne-text .ne-prose .ne-s').nth(6);
  await expect(other).toHaveAttribute('tabindex', '0');
  await other.focus();
  await page.keyboard.press('Enter');
  await expect(current(page)).toHaveAttribute('id', (await other.getAttribute('id'))!);
});

test('the status region announces state changes only, never each sentence', async ({ page }) => {
  await open(page, { config: { msPerChar: 2, minMs: 60 } });
  await logStatusChanges(page);
  await button(page, 'Play').click();
  await page.waitForFunction(() => (window as unknown as { __speech: SpeechRecord }).__speech.events.filter((e) => e.type === 'end').length >= 6);
  await button(page, 'Pause').click();
  // Not "Playing": the toggle's new name says it, and the region must not talk over the voice.
  expect(await statusChanges(page)).toEqual(['Paused']);
  // Focus never moved while reading.
  await expect(button(page, 'Play')).toBeFocused();
});

test('keyboard shortcuts use Alt+Shift, plain keys do nothing, and they can be turned off', async ({ page }) => {
  await open(page);
  // Loaded, a shortcut acts at once, so each key's effect shows in the status log before the next key.
  await narrationLoaded(page);
  await logStatusChanges(page);
  await page.locator('main').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('p');
  await page.keyboard.press('Space');
  await page.keyboard.press('Alt+Shift+KeyP');
  await expect(current(page)).toHaveCount(1);
  await page.keyboard.press('Alt+Shift+KeyP');
  await expect(page.locator('narration-controls').getByRole('status')).toHaveText('Paused');
  // Only the two shortcuts acted: a plain key taken for Play/Pause would have added a change.
  expect(await statusChanges(page)).toEqual(['Paused']);
  expect((await speech(page)).spoken[0].text).toBe(TITLE_SPOKEN);
  await page.keyboard.press('Alt+Shift+KeyH');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Alt+Shift+P');
  await help.getByRole('checkbox', { name: /Use keyboard shortcuts/ }).uncheck();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await page.keyboard.press('Alt+Shift+KeyP'); // turned off: does nothing
  // The next command comes from the play/pause button: it resumes (the toggle says "Pause", nothing
  // is announced). Had the shortcut resumed first, the button would pause again and say so.
  await page.locator('narration-controls [part="toggle"]').click();
  await expect(button(page, 'Pause')).toBeVisible();
  expect(await statusChanges(page)).toEqual(['Paused']);
});

test('the position is remembered across reloads: “Resume from sentence N”', async ({ page }) => {
  await open(page);
  const ids = await sentenceIds(page);
  await page.locator(`[id="${ids[20]}"]`).click();
  await expect(current(page)).toHaveAttribute('id', ids[20]);
  await (await barButton(page, 'Stop')).click();
  await page.reload();
  await waitForUpgrade(page);
  const resume = page.getByRole('button', { name: /Resume from sentence 21/ });
  await expect(resume).toBeVisible();
  await resume.click();
  await expect(current(page)).toHaveAttribute('id', ids[20]);
});

for (const hash of ['#%', '#100%25-sure%']) {
  test(`a malformed hash (${hash}) is ignored: Play reads from the first sentence`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await open(page, { hash });
    const first = await page.locator('.ne-s').first().getAttribute('id');
    await button(page, 'Play').click();
    await expect(current(page)).toHaveAttribute('id', first!);
    expect(errors).toEqual([]);
  });
}

test('#<sentence id> scrolls to that sentence and Play starts there; a new hash moves the start', async ({ page }) => {
  const edition = JSON.parse(readFileSync(`${process.env.EDITION_OUT_DIR ?? 'dist'}/edition.json`, 'utf8')) as { sentences: { id: string }[] };
  const target = edition.sentences[60].id;
  await open(page, { hash: `#${target}` });
  await expect(page.locator(`[id="${target}"]`)).toBeInViewport();
  await expect(page.getByText('Sentence 61 of')).toBeVisible();
  const later = edition.sentences[80].id;
  await page.evaluate((id) => (location.hash = id), later);
  await expect(page.getByText('Sentence 81 of')).toBeVisible();
  await button(page, 'Play').click();
  await expect(current(page)).toHaveAttribute('id', later);
});

test('speakers get different voices; a mixed sentence switches voice mid-sentence', async ({ page }) => {
  await open(page, { config: { msPerChar: 1, minMs: 20 } });
  const mixed = page.locator('.ne-s', { hasText: 'And, in a softer voice, he said:' });
  await mixed.click();
  await page.waitForFunction(() =>
    (window as unknown as { __speech: SpeechRecord }).__speech.spoken.some((u) => u.text === '‘We shall overcome.'),
  );
  const spoken = (await speech(page)).spoken;
  const kollontai = spoken.find((u) => u.text === 'And, in a softer voice, he said:')!;
  const stalin = spoken.find((u) => u.text === '‘We shall overcome.')!;
  expect(spoken.indexOf(stalin)).toBe(spoken.indexOf(kollontai) + 1);
  expect(`${kollontai.voice}|${kollontai.pitch}|${kollontai.rate}`).not.toBe(`${stalin.voice}|${stalin.pitch}|${stalin.rate}`);
});

test('the reader can change a speaker’s voice and the speed; both persist, and a preview speaks', async ({ page }) => {
  await open(page);
  await (await barButton(page, 'Voices…')).click();
  const dialog = page.getByRole('dialog', { name: 'Voices' });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page, 'voices dialog open');
  await dialog.getByRole('combobox', { name: /Stalin/ }).selectOption('English (America)+Andy test');
  const before = (await speech(page)).speakCalls;
  await dialog.getByRole('button', { name: /Preview Stalin/ }).click();
  await expect.poll(async () => (await speech(page)).speakCalls).toBeGreaterThan(before);
  expect((await speech(page)).spoken.at(-1)!.voice).toBe('English (America)+Andy test');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(button(page, 'Voices…')).toBeFocused(); // focus is back before we move it
  const speed = page.getByRole('slider', { name: 'Speed' }).first();
  await speed.focus();
  await page.keyboard.press('ArrowRight');
  await expect(speed).toHaveValue('1.25');
  await page.reload();
  await waitForUpgrade(page);
  await expect(await barControl(page, 'slider', 'Speed')).toHaveValue('1.25');
  await expect(await barControl(page, 'slider', 'Speed')).toHaveAttribute('aria-valuetext', '1.25 times speed');
  await moreButton(page).click(); // closes the panel, so the text below it can be clicked
  const stalinLine = page.locator('.ne-turn[data-speaker="stalin"] .ne-s').first();
  await stalinLine.click();
  await expect.poll(async () => (await speech(page)).spoken.at(-1)?.voice).toBe('English (America)+Andy test');
  const last = (await speech(page)).spoken.at(-1)!;
  expect(last.rate).toBeCloseTo(1.25 * 0.92, 2);
});

test('a failing voice shows a clear message and the text stays usable', async ({ page }) => {
  // The device voice is forced, so nothing falls back: the failure itself must be explained.
  await open(page, { hash: '?narration=device', config: { failText: 'Stalin', failError: 'synthesis-failed' } });
  const message = page.locator('narration-controls [part="error"]');
  await expect(message).toBeHidden();
  await button(page, 'Play').click();
  await expect(message).toHaveText('The voice could not read this sentence (synthesis-failed).');
  await expect(page.locator('narration-controls').getByRole('status')).not.toHaveText('');
  // The text and the settings still work.
  await (await barButton(page, 'Reading settings')).click();
  await expect(page.getByRole('dialog', { name: 'Reading settings' })).toBeVisible();
});

test('a failing voice in automatic mode hands over to the recording, with a notice', async ({ page }) => {
  await open(page, { config: { failText: 'Stalin', failError: 'synthesis-failed' } });
  const notice = page.locator('narration-controls [part="notice"]');
  await expect(notice).toBeHidden();
  await button(page, 'Play').click();
  await expect(notice).toHaveText('Device voice unavailable. Playing the recorded narration from the same sentence.');
  const first = await page.locator('.ne-s').first().getAttribute('id');
  await expect(current(page)).toHaveAttribute('id', first!); // the same sentence, from the recording
  await expect(page.locator('narration-controls [part="error"]')).toBeHidden();
});

test('no speechSynthesis at all: the recorded narration reads instead, and the Voices dialog explains', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
  });
  await page.goto('/');
  await waitForUpgrade(page);
  await button(page, 'Play').click();
  await expect(current(page)).toHaveCount(1);
  // The recording was the choice from the start: no device voice failed and handed over to it.
  await expect(page.locator('narration-controls [part="notice"]')).toHaveCount(0);
  await button(page, 'Pause').click();
  await (await barButton(page, 'Voices…')).click();
  const dialog = page.getByRole('dialog', { name: 'Voices' });
  await expect(dialog.getByRole('radio', { name: /Recorded narration/ })).toBeChecked();
  await expect(dialog.getByText('This device offers no voices for reading aloud.')).toBeVisible();
  expect(errors).toEqual([]);
});

test('where the voice reports word boundaries, the current word is highlighted too', async ({ page }) => {
  await open(page, { config: { msPerChar: 40, boundaries: true } });
  const ids = await sentenceIds(page);
  // A sentence whose spoken text equals its displayed text (no lexicon change): words map 1:1.
  const plain = page.locator('.ne-text .ne-s', { hasText: 'Even the League of Nations did not react.' });
  await plain.click();
  await expect
    .poll(() =>
      page.evaluate(() => {
        const h = (CSS as unknown as { highlights: Map<string, { values(): IterableIterator<Range> }> }).highlights.get('ne-word');
        return h ? [...h.values()][0]?.toString() : null;
      }),
    )
    .toMatch(/^(Even|the|League|of|Nations|did|not|react\.)$/);
  expect(ids.length).toBeGreaterThan(100);
});

test('highlight causes no layout shift and stays visible under forced colours', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await open(page, { config: { msPerChar: 2, minMs: 40 } });
  await page.evaluate(() => {
    const w = window as unknown as { __shift: number };
    w.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number })[]) w.__shift += e.value;
    }).observe({ type: 'layout-shift' });
  });
  const ids = await sentenceIds(page);
  await page.locator(`[id="${ids[12]}"]`).click();
  await page.waitForFunction(() => (window as unknown as { __speech: SpeechRecord }).__speech.events.filter((e) => e.type === 'end').length >= 4);
  await button(page, 'Pause').click(); // hold the highlight still while its style is read
  const style = await current(page).evaluate((el) => {
    const s = getComputedStyle(el);
    return { outline: s.outlineStyle, width: parseFloat(s.outlineWidth), bg: s.backgroundColor };
  });
  expect(style.outline).toBe('solid');
  expect(style.width).toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
});

test('follow along keeps the sentence in view; turned off, the page does not scroll', async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 500 });
  await open(page, { config: { msPerChar: 1, minMs: 30 } });
  await button(page, 'Play').click();
  await page.waitForFunction(() => (window as unknown as { __speech: SpeechRecord }).__speech.events.filter((e) => e.type === 'end').length >= 14);
  await expect(current(page)).toBeInViewport();
  await button(page, 'Pause').click();

  await (await barButton(page, 'Keyboard shortcuts')).click();
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.getByRole('checkbox', { name: /Follow along/ }).uncheck();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  const y = await page.evaluate(() => scrollY);
  // The first sentence after the current one that lies wholly below the viewport: follow along would
  // scroll to it when it is read. Log the highlight's moves, and let the reading get two sentences past it.
  const below = await page.evaluate(() => {
    const w = window as unknown as { __highlighted: string[] };
    w.__highlighted = [];
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as Element;
        if (el.getAttribute('aria-current') === 'true') w.__highlighted.push(el.getAttribute('id')!);
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['aria-current'] });
    const sentences = [...document.querySelectorAll('.ne-s')];
    const from = sentences.findIndex((el) => el.getAttribute('aria-current') === 'true');
    return sentences.slice(from + 1).find((el) => el.getBoundingClientRect().top > innerHeight)!.getAttribute('id')!;
  });
  await page.keyboard.press('Alt+Shift+KeyP'); // Play (a click would scroll the button into view)
  await expect
    .poll(() =>
      page.evaluate((id) => {
        const seen = (window as unknown as { __highlighted: string[] }).__highlighted;
        return seen.includes(id) ? seen.length - 1 - seen.indexOf(id) : -1;
      }, below),
    )
    .toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => scrollY)).toBe(y);
  await expect(page.locator(`[id="${below}"]`)).not.toBeInViewport();
});

test('Media Session: metadata names the speaker and the state follows the narration', async ({ page }) => {
  await open(page);
  await button(page, 'Play').click();
  await expect(current(page)).toHaveCount(1);
  const session = await page.evaluate(() => ({
    state: navigator.mediaSession.playbackState,
    title: navigator.mediaSession.metadata?.title,
    artist: navigator.mediaSession.metadata?.artist,
  }));
  expect(session.state).toBe('playing');
  expect(session.title).toContain('Kollontai');
  expect(session.artist).toBeTruthy();
});

for (const theme of ['hc-dark', 'hc-light', 'cream']) {
  test(`no axe violations while narration runs (${theme}) and with the help dialog open`, async ({ page }) => {
    test.setTimeout(120_000); // three states, two axe passes each: slow on a loaded 2-core machine
    await page.addInitScript((t) => localStorage.setItem('ne-reading-settings:v1', JSON.stringify({ theme: t })), theme);
    await open(page, { config: { msPerChar: 80 } });
    await button(page, 'Play').click();
    await expect(current(page)).toHaveCount(1);
    await expectNoAxeViolations(page, `${theme} narration running`);
    await button(page, 'Pause').click();
    await expectNoAxeViolations(page, `${theme} narration paused`);
    await (await barButton(page, 'Keyboard shortcuts')).click();
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await expectNoAxeViolations(page, `${theme} help dialog open`);
  });
}

test('the Voices and Keyboard shortcuts dialogs open modal and give focus back to their buttons', async ({ page }) => {
  await open(page);
  for (const [name, title] of [
    ['Keyboard shortcuts', 'Keyboard shortcuts'],
    ['Voices…', 'Voices'],
  ]) {
    const opener = await barButton(page, name);
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: title });
    await expect(dialog).toBeVisible();
    // Modal: the dialog element itself is the top-layer :modal element.
    expect(await dialog.evaluate((d) => d.matches(':modal'))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
  }
});
