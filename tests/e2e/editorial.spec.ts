// The editorial layer as a reader meets it: glossed words that open their entry in place (keyboard,
// touch, kiosk targets, the fallback without the popover API, plain links without JavaScript,
// never the narration), the content notice as a note the passage points to, the skip link, the
// compiler's words marked for screen readers, the citation and its copy button, print, and axe with
// an entry open in every theme and in kiosk mode.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import type { Edition, GlossEntry } from '../../src/content/model.ts';
import { expectNoAxeViolations, waitForUpgrade } from './helpers.ts';

const STORAGE_KEY = 'ne-reading-settings:v1';
const THEMES = ['hc-dark', 'hc-light', 'cream'];
const FAKE_SPEECH = readFileSync('tests/e2e/support/fake-speech.js', 'utf8');

let edition: Edition;
// Read after the web server has built the edition (test files are collected before it starts).
test.beforeAll(() => {
  edition = JSON.parse(readFileSync(`${process.env.EDITION_OUT_DIR ?? 'dist'}/edition.json`, 'utf8'));
});

/** The sample: the first term, an editor's note, a person, and the note linked from the content notice. */
function sample(): GlossEntry[] {
  const notice = edition.blocks.find((b) => b.role === 'notice')!;
  const inNotice = edition.sentences.filter((s) => notice.sentenceIds.includes(s.id)).flatMap((s) => s.glosses ?? []);
  const byId = (id: string) => edition.glossary.find((g) => g.id === id)!;
  const chosen = [
    edition.glossary.find((g) => g.kind === 'term')!,
    edition.glossary.find((g) => g.kind === 'note' && g.id !== inNotice[0]?.entry)!,
    edition.glossary.find((g) => g.kind === 'person' && g.id === 'hitler') ?? edition.glossary.find((g) => g.kind === 'person')!,
    byId(inNotice[0]!.entry),
  ];
  expect(chosen.every(Boolean)).toBe(true);
  return chosen;
}

const word = (page: Page, id: string) => page.locator(`main a.ne-gloss[href="#gloss-${id}"]`);
const popover = (page: Page) => page.locator('#ne-gloss-popover');
const focusedGloss = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('href')?.replace('#gloss-', '') ?? null);
const focusInPopover = (page: Page) =>
  page.evaluate(() => Boolean(document.getElementById('ne-gloss-popover')?.contains(document.activeElement)));

async function open(page: Page, { theme, hash = '' }: { theme?: string; hash?: string } = {}) {
  if (theme) {
    await page.addInitScript(
      ([key, value]) => localStorage.setItem(key, value),
      [STORAGE_KEY, JSON.stringify({ theme })] as const,
    );
  }
  await page.goto(`/${hash}`);
  await waitForUpgrade(page);
}

/** The entry shows, named by its kind and heading, with its text and sources; its word says it is expanded. */
async function expectEntryShown(page: Page, entry: GlossEntry) {
  const dialog = page.getByRole('dialog', { name: entry.term });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(entry.text);
  for (const source of entry.sources) await expect(dialog).toContainText(source);
  await expect(dialog.getByRole('link', { name: 'All glossary entries' })).toHaveAttribute('href', `#gloss-${entry.id}`);
  await expect(word(page, entry.id)).toHaveAttribute('aria-expanded', 'true');
}

test.describe('glossed words', () => {
  test.use({ reducedMotion: 'reduce' });

  test('each opens by keyboard (Enter, or Space), closes with Escape and gives focus back to the word', async ({ page }) => {
    await open(page);
    const entries = sample();
    for (const [i, entry] of entries.entries()) {
      const term = word(page, entry.id);
      await expect(term).toHaveCount(1);
      await expect(term).toHaveAttribute('aria-expanded', 'false');
      await expect(term).toHaveAttribute('aria-controls', 'ne-gloss-popover');
      await term.focus();
      await page.keyboard.press(i % 2 === 0 ? 'Enter' : 'Space');
      await expectEntryShown(page, entry);
      expect(await focusInPopover(page)).toBe(true);
      // The page did not jump to the glossary: the entry opened in place.
      expect(new URL(page.url()).hash).toBe('');
      await page.keyboard.press('Escape');
      await expect(popover(page)).toBeHidden();
      await expect(term).toHaveAttribute('aria-expanded', 'false');
      expect(await focusedGloss(page)).toBe(entry.id);
    }
  });

  test('on a phone, an entry opened just above the docked reader bar opens clear of it, inside the window', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await open(page);
    const bar = (await page.locator('#reader-controls').boundingBox())!;
    expect(bar.y + bar.height).toBeGreaterThan(800); // docked at the bottom
    for (const entry of sample()) {
      const term = word(page, entry.id);
      // The word's line just above the bar: room below it is only the bar's.
      await term.evaluate((el, barTop) => {
        window.scrollBy({ top: el.getBoundingClientRect().bottom - (barTop - 6), behavior: 'instant' });
      }, bar.y);
      await term.tap();
      await expect(popover(page)).toBeVisible();
      const box = (await popover(page).boundingBox())!;
      const at = (await term.boundingBox())!;
      expect(box.y, `${entry.id}: inside the window`).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, `${entry.id}: above the reader bar`).toBeLessThanOrEqual(bar.y);
      expect(box.y + box.height, `${entry.id}: above its word`).toBeLessThanOrEqual(at.y);
      await page.keyboard.press('Escape');
      await expect(popover(page)).toBeHidden();
    }
    await context.close();
  });

  test('Close gives focus back; Tab past the entry closes it; "All glossary entries" leads to the entry', async ({ page }) => {
    await open(page);
    const [entry, other] = sample();
    await word(page, entry.id).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(popover(page)).toBeHidden();
    expect(await focusedGloss(page)).toBe(entry.id);

    await word(page, other.id).focus();
    await page.keyboard.press('Enter');
    await expectEntryShown(page, other);
    await page.keyboard.press('Tab'); // All glossary entries
    await page.keyboard.press('Tab'); // Close
    await expect(popover(page)).toBeVisible();
    await page.keyboard.press('Tab'); // on, past the entry
    await expect(popover(page)).toBeHidden();
    await expect(word(page, other.id)).toHaveAttribute('aria-expanded', 'false');

    await word(page, entry.id).focus();
    await page.keyboard.press('Enter');
    await popover(page).getByRole('link', { name: 'All glossary entries' }).click();
    await expect(page).toHaveURL(new RegExp(`#gloss-${entry.id}$`));
    await expect(page.locator(`#gloss-${entry.id}`)).toBeFocused();
    await expect(page.locator(`#gloss-${entry.id}`)).toBeInViewport();
  });

  test('each opens by touch', async ({ browser }) => {
    const context = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    await open(page);
    for (const entry of sample()) {
      await word(page, entry.id).tap();
      await expectEntryShown(page, entry);
      // Inside the window, even on a narrow phone.
      const box = (await popover(page).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      await popover(page).getByRole('button', { name: 'Close' }).tap();
      await expect(popover(page)).toBeHidden();
    }
    await context.close();
  });

  test('a tap elsewhere closes the entry', async ({ page }) => {
    await open(page);
    const [entry] = sample();
    await word(page, entry.id).click();
    await expectEntryShown(page, entry);
    await page.locator('h1').click();
    await expect(popover(page)).toBeHidden();
    await expect(word(page, entry.id)).toHaveAttribute('aria-expanded', 'false');
  });

  test('without the popover API (older kiosk browsers) the entry opens and closes the same way', async ({ page }) => {
    await page.addInitScript(() => {
      delete (HTMLElement.prototype as { showPopover?: unknown }).showPopover;
    });
    await open(page);
    const [entry] = sample();
    await word(page, entry.id).focus();
    await page.keyboard.press('Space');
    await expectEntryShown(page, entry);
    await expect(popover(page)).not.toHaveAttribute('popover');
    // Beside its word (below it, or above it where the window has no room below), not somewhere else on the page.
    const termBox = (await word(page, entry.id).boundingBox())!;
    const box = (await popover(page).boundingBox())!;
    const gap = Math.min(Math.abs(box.y - (termBox.y + termBox.height)), Math.abs(termBox.y - (box.y + box.height)));
    expect(gap).toBeLessThan(40);
    await page.keyboard.press('Escape');
    await expect(popover(page)).toBeHidden();
    expect(await focusedGloss(page)).toBe(entry.id);
  });

  test('a click on a glossed word opens its entry and does not start the narration', async ({ page }) => {
    await page.addInitScript({ content: FAKE_SPEECH });
    await open(page);
    // The narration has loaded: a click on a sentence would start it at once.
    await expect(page.locator('narration-controls [part="position"]')).toContainText('Speaker: ');
    for (const entry of sample()) {
      await word(page, entry.id).click();
      await expectEntryShown(page, entry);
      await page.keyboard.press('Escape');
    }
    const spoken = await page.evaluate(() => (window as unknown as { __speech: { speakCalls: number } }).__speech.speakCalls);
    expect(spoken).toBe(0);
    await expect(page.locator('[aria-current="true"]')).toHaveCount(0);
    // The same click on the words of a sentence does start it (so the check above can fail).
    const plain = edition.sentences.find((s) => s.kind === 'body' && !s.glosses?.length && s.text.length > 20)!;
    await page.locator(`[id="${plain.id}"]`).click();
    await expect(page.locator('[aria-current="true"]')).toHaveCount(1);
  });
});

test.describe('kiosk mode', () => {
  test.use({ reducedMotion: 'reduce' });

  test('glossed words are 48 × 48 px targets, open with the keypad and pass axe with an entry open', async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1080, height: 1920 });
    await page.addInitScript({ content: FAKE_SPEECH });
    await page.goto('/?kiosk&speech=off');
    await waitForUpgrade(page);
    await expect(page.locator('kiosk-attract dialog')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.locator('kiosk-attract dialog')).toBeHidden();
    const entries = sample();
    for (const entry of entries) {
      const box = (await word(page, entry.id).boundingBox())!;
      expect(box.width, entry.id).toBeGreaterThanOrEqual(48);
      expect(box.height, entry.id).toBeGreaterThanOrEqual(48);
    }
    // Every glossed word, not only the sample.
    const small = await page.locator('main a.ne-gloss').evaluateAll((els) =>
      els
        .map((el) => ({ id: el.getAttribute('href'), r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 48 || r.height < 48)
        .map(({ id }) => id),
    );
    expect(small).toEqual([]);
    // The keypad's Enter opens it; its Close button is a 48 px target too. (The note inside the
    // content notice: in the middle of the text, where no link of the lists lies under the bar.)
    const entry = entries[3];
    await word(page, entry.id).focus();
    await page.keyboard.press('Enter');
    await expectEntryShown(page, entry);
    const close = (await popover(page).getByRole('button', { name: 'Close' }).boundingBox())!;
    expect(Math.min(close.width, close.height)).toBeGreaterThanOrEqual(48);
    await expectNoAxeViolations(page, 'kiosk, glossary entry open');
    await page.keyboard.press('Escape');
    await expect(popover(page)).toBeHidden();
    expect(await focusedGloss(page)).toBe(entry.id);
  });
});

for (const theme of THEMES) {
  test(`no axe violations with a glossary entry open: theme ${theme}`, async ({ page }) => {
    test.setTimeout(120_000);
    await open(page, { theme });
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
    const entry = sample()[3]; // the note inside the content notice
    await word(page, entry.id).focus();
    await page.keyboard.press('Enter');
    await expectEntryShown(page, entry);
    await expectNoAxeViolations(page, `${theme}/glossary entry open`);
  });
}

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('a glossed word is a plain link to its glossary entry', async ({ page }) => {
    await page.goto('/');
    const [entry] = sample();
    const term = word(page, entry.id);
    await expect(term).not.toHaveAttribute('role', 'button');
    await term.click();
    await expect(page).toHaveURL(new RegExp(`#gloss-${entry.id}$`));
    await expect(page.locator(`#gloss-${entry.id}`)).toBeInViewport();
    await expect(page.locator(`#gloss-${entry.id}`)).toContainText(entry.text);
  });
});

test('the content notice is a note with its heading, and both passage paragraphs point to it', async ({ page }) => {
  await open(page);
  const notice = edition.blocks.find((b) => b.role === 'notice')!;
  expect(notice.covers).toHaveLength(2);
  const note = page.getByRole('note', { name: 'Content note' });
  await expect(note).toHaveCount(1);
  await expect(note.getByRole('heading', { level: 3, name: 'Content note' })).toBeVisible();
  for (const id of notice.sentenceIds) await expect(note.locator(`[id="${id}"]`)).toHaveCount(1);
  const noteId = await note.getAttribute('id');
  expect(noteId).toBeTruthy();
  for (const id of notice.covers!) {
    const first = edition.blocks.find((b) => b.id === id)!.sentenceIds[0];
    await expect(page.locator(`p:has(> [id="${first}"])`)).toHaveAttribute('aria-details', noteId!);
  }
});

test('the skip link goes to the start of main: the editor’s note', async ({ page }) => {
  await open(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the text' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  const first = await page.evaluate(() => {
    const main = document.querySelector('main')!;
    return main.firstElementChild?.querySelector('h2')?.textContent;
  });
  expect(first).toBe('Editor’s note');
});

test('section headings are announced as the editor’s', async ({ page }) => {
  await open(page);
  for (const section of edition.sections.filter((s) => s.heading)) {
    await expect(page.getByRole('heading', { level: 2, name: `Editor’s heading: ${section.heading}`, exact: true })).toHaveCount(1);
  }
});

test('the compiler’s words inside another speaker’s sentence are marked in the accessibility tree', async ({ page }) => {
  await open(page);
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const marked = async (selector: string) => {
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
    const found: number[] = [];
    for (const nodeId of nodeIds) {
      const { nodes } = await cdp.send('Accessibility.queryAXTree', { nodeId, accessibleName: '(compiler)' });
      found.push(nodes.length);
    }
    return found;
  };
  // The compiler's words inside Kollontai's and Molotov's sentences ("– recalls Kollontai –", …), and
  // the compiler's whole sentence inside Kollontai's paragraph ("She tried to complete…").
  const blockSpeaker = new Map(edition.blocks.map((b) => [b.id, b.speaker]));
  const insideSentences = edition.sentences.filter((s) => s.speaker !== 'narrator' && s.spans.some((x) => x.speaker === 'narrator'));
  const insideParagraphs = edition.sentences.filter((s) => s.speaker === 'narrator' && blockSpeaker.get(s.paragraph) !== 'narrator');
  expect(insideSentences.length).toBeGreaterThanOrEqual(3);
  expect(insideParagraphs.length).toBeGreaterThanOrEqual(1);
  const apart = await marked(
    [
      ...insideSentences.map((s) => `[id="${s.id}"] > .ne-span[data-speaker="narrator"]`),
      ...insideParagraphs.map((s) => `[id="${s.id}"]`),
    ].join(', '),
  );
  expect(apart.length).toBe(insideSentences.length + insideParagraphs.length);
  expect(apart.every((n) => n >= 1)).toBe(true);
  // Someone else's words inside a sentence carry no such mark.
  const others = await marked('.ne-span[data-speaker="stalin"]');
  expect(others.length).toBeGreaterThan(0);
  expect(others.every((n) => n === 0)).toBe(true);
  // And the sentence's own text is unchanged (the mark is not in the DOM text).
  const sentence = insideSentences[0];
  await expect(page.locator(`[id="${sentence.id}"]`)).toHaveText(sentence.text, { useInnerText: false });
});

test('cite this edition: version, the page’s address, and Copy citation', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, { hash: '?theme=cream' });
  expect(edition.version).toMatch(/^\d+\.\d+\.\d+\+\d{8}$/);
  const cite = page.locator('#cite');
  await expect(cite.getByRole('heading', { name: 'Cite this edition' })).toBeVisible();
  const text = page.locator('#cite-text');
  await expect(text).toContainText(edition.title);
  await expect(text).toContainText('Jaweed Ashraf');
  await expect(text).toContainText('Narrated accessible edition');
  await expect(text).toContainText(edition.version!);
  // The address of the page, without its query or fragment.
  const address = new URL('/', page.url()).href;
  await expect(text).toContainText(address);
  await expect(text).not.toContainText('?theme');
  await expect(page.locator('.ne-version')).toContainText(`Version ${edition.version!.split('+')[0]}, built`);
  await cite.getByRole('button', { name: 'Copy citation' }).click();
  await expect(cite.locator('[aria-live="polite"]')).toHaveText('Citation copied.');
  // One status region on the page: the narration's (its tests find it by role).
  await expect(page.getByRole('status')).toHaveCount(1);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(edition.title);
  expect(copied).toContain(edition.version);
  expect(copied).toContain(address);
  // The note for publishers is shown apart and is not part of the narrated text.
  const deployer = page.locator('details.ne-deployer');
  await expect(deployer.locator('summary')).toHaveText('For those publishing this edition');
  await expect(deployer.locator('.ne-s')).toHaveCount(0);
});

test.describe('print', () => {
  for (const theme of ['hc-dark', 'hc-light']) {
    test(`black on white, no controls, notice kept with its passage, citation last: theme ${theme}`, async ({ page }) => {
      await open(page, { theme });
      const colours = () =>
        page.evaluate(() => {
          const rgb = (value: string) => (value.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
          const text = [...document.querySelectorAll<HTMLElement>('.ne-s, .ne-speaker, .ne-gloss, h1, h2, h3, .ne-gloss-text')].map(
            (el) => rgb(getComputedStyle(el).color),
          );
          const backgrounds = [document.documentElement, document.body, document.querySelector('.ne-notice')!].map((el) =>
            getComputedStyle(el).backgroundColor,
          );
          return { darkest: Math.max(...text.flat()), backgrounds };
        });
      const visibleControls = () =>
        page.evaluate(() => {
          const all: Element[] = [];
          const walk = (root: Document | ShadowRoot) => {
            for (const el of root.querySelectorAll('*')) {
              all.push(el);
              if (el.shadowRoot) walk(el.shadowRoot);
            }
          };
          walk(document);
          return all
            .filter((el) => el.matches('button, input, select, textarea, summary, .ne-skip-link, reading-toolbar, kiosk-bar'))
            .filter((el) => el.checkVisibility({ visibilityProperty: true }))
            .map((el) => `${el.tagName} ${(el.textContent ?? '').trim().slice(0, 30)}`);
        });
      // On screen the theme is not black on white and the controls are there (so the checks can fail).
      if (theme === 'hc-dark') expect((await colours()).darkest).toBeGreaterThan(200);
      expect((await visibleControls()).length).toBeGreaterThan(3);
      const notice = page.locator('.ne-notice');
      expect(await notice.evaluate((el) => getComputedStyle(el).breakAfter)).not.toBe('avoid');

      await page.emulateMedia({ media: 'print' });
      const printed = await colours();
      expect(printed.darkest, 'text colour channels in print').toBeLessThanOrEqual(51);
      expect(printed.backgrounds.every((bg) => bg === 'rgb(255, 255, 255)' || bg === 'rgba(0, 0, 0, 0)'), printed.backgrounds.join()).toBe(true);
      expect(printed.backgrounds[0]).toBe('rgb(255, 255, 255)');
      expect(await visibleControls()).toEqual([]);
      // Speakers, notes and the notice stay; the notice does not break and stays with its passage.
      await expect(page.locator('.ne-speaker').first()).toBeVisible();
      await expect(page.locator('.ne-attribution-note').first()).toBeVisible();
      await expect(notice).toBeVisible();
      await expect(page.locator('#glossary')).toBeVisible();
      const breaks = await notice.evaluate((el) => ({ inside: getComputedStyle(el).breakInside, after: getComputedStyle(el).breakAfter }));
      expect(breaks).toEqual({ inside: 'avoid', after: 'avoid' });
      // Addresses of outside links are printed after them.
      const after = await page.evaluate(() => {
        const a = document.createElement('a');
        a.href = 'https://example.org/source';
        a.textContent = 'a source';
        document.querySelector('#glossary p')!.append(a);
        return getComputedStyle(a, '::after').content;
      });
      expect(after).toContain('https://example.org/source');
      // The citation ends the page.
      const last = await page.evaluate(() => {
        const blocks = [...document.querySelectorAll<HTMLElement>('main *')].filter((el) => el.getClientRects().length && el.checkVisibility());
        const bottom = Math.max(...blocks.map((el) => el.getBoundingClientRect().bottom));
        const cite = document.getElementById('cite')!.getBoundingClientRect().bottom;
        return { bottom, cite };
      });
      expect(last.cite).toBeGreaterThanOrEqual(last.bottom - 1);
    });
  }
});
