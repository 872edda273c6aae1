// The content notice on every route into the antisemitic passage (issue 10, item 3), in real
// Chromium: with a scripted speechSynthesis the assertions are on the utterances spoken, in order;
// with the recording (no speechSynthesis) on the sentences highlighted as the audio clock reaches
// them. Also: "Notes for this sentence" reads the sentence's notes, then the same sentence again.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { loadEdition } from '../../src/content/load.ts';
import { barButton, waitForUpgrade } from './helpers.ts';

const FAKE_SPEECH = readFileSync('tests/e2e/support/fake-speech.js', 'utf8');
const EDITION = loadEdition('src/content/source/kollontai-1939.edition.md');

const noticeBlock = EDITION.blocks.find((b) => b.role === 'notice' && b.covers)!;
const NOTICE_IDS = noticeBlock.sentenceIds;
const PASSAGE_IDS = noticeBlock.covers!.flatMap((id) => EDITION.blocks.find((b) => b.id === id)!.sentenceIds);
const textOf = (id: string) => EDITION.sentences.find((s) => s.id === id)!.text;
/** The sentence just before the notice (outside the passage) and the first one after the passage. */
const BEFORE_ID = EDITION.sentences[EDITION.sentences.findIndex((s) => s.id === NOTICE_IDS[0]) - 1]!.id;
const AFTER_ID = EDITION.sentences[EDITION.sentences.findIndex((s) => s.id === PASSAGE_IDS.at(-1)) + 1]!.id;
/** The first words of each notice sentence as spoken (the lexicon leaves them alone). */
const NOTICE_STARTS = NOTICE_IDS.map((id) => textOf(id).slice(0, 24));

interface SpeechRecord {
  spoken: { text: string }[];
}

async function open(page: Page, { path = '/', config = {} as Record<string, unknown> } = {}) {
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.addInitScript((c) => Object.assign((window as unknown as { __speech: { config: object } }).__speech.config, c), {
    msPerChar: 2,
    minMs: 60,
    ...config,
  });
  await page.goto(path);
  await waitForUpgrade(page);
  await expect(page.locator('narration-controls [part="position"]')).toContainText('Speaker: ');
}

const spoken = async (page: Page) =>
  (await page.evaluate(() => (window as unknown as { __speech: SpeechRecord }).__speech.spoken)).map((s) => s.text);
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const sentence = (page: Page, id: string) => page.locator(`[id="${id}"]`);

/** Waits until `count` utterances have been spoken and returns them. */
async function spokenAtLeast(page: Page, count: number): Promise<string[]> {
  await page.waitForFunction((n) => (window as unknown as { __speech: SpeechRecord }).__speech.spoken.length >= n, count);
  return spoken(page);
}

/** Asserts that, from utterance `from` on, the notice is read in full and then `id`'s first words. */
function expectNoticeThen(texts: string[], from: number, id: string): void {
  const heard = texts.slice(from, from + NOTICE_IDS.length + 1);
  expect(heard.map((t, i) => (i < NOTICE_IDS.length ? t.slice(0, 24) : 'sentence'))).toEqual([...NOTICE_STARTS, 'sentence']);
  // The passage sentence itself (its words; the lexicon may respell a name, never the first words here).
  expect(heard.at(-1)!.slice(0, 20)).toBe(textOf(id).replace(/^‘/, '').slice(0, 20));
}

test.describe('device voice (scripted)', () => {
  test('a click on a sentence inside the passage reads the notice first', async ({ page }) => {
    await open(page);
    const target = PASSAGE_IDS[3]!;
    await sentence(page, target).click();
    expectNoticeThen(await spokenAtLeast(page, NOTICE_IDS.length + 1), 0, target);
  });

  test('Enter on a focused sentence inside the passage (sentences in the tab order) reads the notice first', async ({ page }) => {
    await open(page);
    await page.evaluate(() => localStorage.setItem('ne-narration:v1', JSON.stringify({ tabToSentences: true })));
    await page.reload();
    await waitForUpgrade(page);
    const target = PASSAGE_IDS.at(-1)!;
    await sentence(page, target).focus();
    await page.keyboard.press('Enter');
    expectNoticeThen(await spokenAtLeast(page, NOTICE_IDS.length + 1), 0, target);
  });

  test('a #<sentence id> deep link into the passage, then Play, reads the notice first', async ({ page }) => {
    const target = PASSAGE_IDS[1]!;
    await open(page, { path: `/#${target}` });
    await button(page, 'Play').click();
    expectNoticeThen(await spokenAtLeast(page, NOTICE_IDS.length + 1), 0, target);
  });

  test('Resume into the passage after a reload reads the notice first', async ({ page }) => {
    const target = PASSAGE_IDS[2]!;
    await open(page, { config: { msPerChar: 40, minMs: 800 } });
    await sentence(page, target).click();
    await expect(sentence(page, target)).toHaveAttribute('aria-current', 'true', { timeout: 20_000 });
    await button(page, 'Pause').click();
    await page.reload();
    await waitForUpgrade(page);
    await page.getByRole('button', { name: /Resume from sentence/ }).click();
    expectNoticeThen(await spokenAtLeast(page, NOTICE_IDS.length + 1), 0, target);
  });

  test('Previous sentence from after the passage, while playing, reads the notice before the passage’s last sentence', async ({ page }) => {
    await open(page, { config: { msPerChar: 30, minMs: 600 } });
    await sentence(page, AFTER_ID).click();
    await expect(sentence(page, AFTER_ID)).toHaveAttribute('aria-current', 'true');
    const before = (await spoken(page)).length;
    await button(page, 'Previous sentence').click();
    expectNoticeThen(await spokenAtLeast(page, before + NOTICE_IDS.length + 1), before, PASSAGE_IDS.at(-1)!);
  });

  test('reading on into the passage reads the notice once, in order; Next paragraph inside the passage does not repeat it', async ({ page }) => {
    await open(page, { config: { msPerChar: 8, minMs: 200 } });
    await sentence(page, BEFORE_ID).click();
    await expect(sentence(page, PASSAGE_IDS[0]!)).toHaveAttribute('aria-current', 'true', { timeout: 20_000 });
    await (await barButton(page, 'Next paragraph')).click();
    const second = EDITION.blocks.find((b) => b.id === noticeBlock.covers![1])!.sentenceIds[0]!;
    await expect(sentence(page, second)).toHaveAttribute('aria-current', 'true');
    const texts = await spoken(page);
    expect(texts.filter((t) => t.startsWith(NOTICE_STARTS[0]!))).toHaveLength(1);
    const first = texts.findIndex((t) => t.startsWith(NOTICE_STARTS[0]!));
    expect(texts.slice(first, first + NOTICE_IDS.length).map((t) => t.slice(0, 24))).toEqual(NOTICE_STARTS);
  });

  test('Next paragraph while playing, from the paragraph before the notice past it, still reads the notice', async ({ page }) => {
    await open(page, { config: { msPerChar: 30, minMs: 600 } });
    await sentence(page, BEFORE_ID).click();
    await expect(sentence(page, BEFORE_ID)).toHaveAttribute('aria-current', 'true');
    // Both presses in quick succession, by the shortcut (the button sits in the bar's More panel,
    // and opening it first gave the reading time to move on from BEFORE into the notice).
    await page.keyboard.press('Alt+Shift+ArrowDown'); // onto the notice
    await page.keyboard.press('Alt+Shift+ArrowDown'); // past it, into the passage, before it was heard
    await expect(sentence(page, PASSAGE_IDS[0]!)).toHaveAttribute('aria-current', 'true', { timeout: 30_000 });
    const texts = await spoken(page);
    const last = texts.lastIndexOf(texts.filter((t) => t.startsWith(NOTICE_STARTS[0]!)).at(-1)!);
    expect(texts.slice(last, last + NOTICE_IDS.length).map((t) => t.slice(0, 24))).toEqual(NOTICE_STARTS);
  });

  test('the notice is highlighted while it is read, the bar names the Editor, and then the passage sentence', async ({ page }) => {
    await open(page, { config: { msPerChar: 30, minMs: 600 } });
    const target = PASSAGE_IDS[1]!;
    await sentence(page, target).click();
    await expect(sentence(page, NOTICE_IDS[0]!)).toHaveAttribute('aria-current', 'true');
    await expect(page.locator('narration-controls [part="position"]')).toContainText('Speaker: Editor');
    await expect(sentence(page, target)).toHaveAttribute('aria-current', 'true', { timeout: 30_000 });
    await expect(page.locator('narration-controls [part="position"]')).toContainText('Speaker: Stalin');
  });

  test('the kiosk: Read the text, then Enter on a passage sentence reads the notice first', async ({ page }) => {
    await page.addInitScript({ content: FAKE_SPEECH });
    await page.goto(`/?kiosk&idle=3600&speech=off#${PASSAGE_IDS[0]}`);
    await waitForUpgrade(page);
    await page.keyboard.press('Enter'); // leaves the attract screen
    await expect(page.locator('kiosk-attract dialog')).toBeHidden();
    await page.getByRole('button', { name: 'Read the text' }).click();
    // Stand on the passage's first sentence (as if the visitor had walked there with the arrows).
    await sentence(page, PASSAGE_IDS[0]!).evaluate((el: HTMLElement) => {
      el.tabIndex = -1;
      el.focus();
    });
    await page.keyboard.press('ArrowDown');
    await expect(sentence(page, PASSAGE_IDS[1]!)).toBeFocused();
    await page.keyboard.press('Enter');
    expectNoticeThen(await spokenAtLeast(page, NOTICE_IDS.length + 1), 0, PASSAGE_IDS[1]!);
  });
});

test('the kiosk’s spoken help, walking back into the passage sentence by sentence, reads the notice before the sentence', async ({ page }) => {
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.addInitScript(() => Object.assign((window as unknown as { __speech: { config: object } }).__speech.config, { msPerChar: 2, minMs: 60 }));
  await page.goto('/?kiosk&idle=3600');
  await waitForUpgrade(page);
  await page.waitForFunction(() => document.querySelector('narrated-edition')?.hasAttribute('data-kiosk-ready'));
  await page.keyboard.press('Enter'); // leaves the attract screen (welcome)
  await expect(page.locator('kiosk-attract dialog')).toBeHidden();
  await sentence(page, AFTER_ID).evaluate((el: HTMLElement) => {
    el.tabIndex = -1;
    el.focus();
  });
  await page.waitForFunction(() => !document.querySelector('narrated-edition')!.hasAttribute('data-speaking'));
  const before = (await spoken(page)).length;
  await page.keyboard.press('ArrowUp'); // onto the passage's last sentence, from outside it
  await expect(sentence(page, PASSAGE_IDS.at(-1)!)).toBeFocused();
  const last = textOf(PASSAGE_IDS.at(-1)!).slice(0, 20);
  await page.waitForFunction(
    ([n, words]) => (window as unknown as { __speech: SpeechRecord }).__speech.spoken.slice(n as number).some((u) => u.text.startsWith(words as string)),
    [before, last],
    { timeout: 30_000 },
  );
  const heard = (await spoken(page)).slice(before);
  const noticeAt = heard.findIndex((t) => t.startsWith(NOTICE_STARTS[0]!));
  const sentenceAt = heard.findIndex((t) => t.startsWith(last));
  expect(noticeAt).toBeGreaterThanOrEqual(0);
  expect(heard.slice(noticeAt, noticeAt + NOTICE_IDS.length).map((t) => t.slice(0, 24))).toEqual(NOTICE_STARTS);
  expect(sentenceAt).toBeGreaterThan(noticeAt);
});

test.describe('notes for this sentence', () => {
  const withNotes = EDITION.sentences.find((s) => s.glosses?.some((g) => g.entry === 'anschluss'))!;
  const entry = EDITION.glossary.find((g) => g.id === 'anschluss')!;

  test('while playing, Alt+Shift+N reads the sentence’s notes in the Editor’s voice, then the same sentence again', async ({ page }) => {
    await open(page, { config: { msPerChar: 30, minMs: 600 } });
    await sentence(page, withNotes.id).click();
    await expect(sentence(page, withNotes.id)).toHaveAttribute('aria-current', 'true');
    await expect(await barButton(page, 'Notes for this sentence')).toHaveAttribute('aria-disabled', 'false');
    const before = (await spoken(page)).length;
    await page.keyboard.press('Alt+Shift+KeyN');
    const texts = await spokenAtLeast(page, before + withNotes.glosses!.length + 1);
    const notes = texts.slice(before, before + withNotes.glosses!.length);
    expect(notes[0]).toContain(entry.text.slice(0, 30)); // the Anschluss entry (its heading is respelled)
    expect(texts[before + withNotes.glosses!.length]!.slice(0, 20)).toBe(withNotes.text.slice(0, 20));
    await expect(button(page, 'Pause')).toBeVisible();
  });

  test('paused, the button reads the notes and the narration stays paused on the same sentence', async ({ page }) => {
    await open(page, { config: { msPerChar: 30, minMs: 600 } });
    await sentence(page, withNotes.id).click();
    await expect(sentence(page, withNotes.id)).toHaveAttribute('aria-current', 'true');
    await button(page, 'Pause').click();
    const before = (await spoken(page)).length;
    await (await barButton(page, 'Notes for this sentence')).click();
    const texts = await spokenAtLeast(page, before + 1);
    expect(texts[before]).toContain(entry.text.slice(0, 30));
    await expect(button(page, 'Play')).toBeVisible();
    await expect(sentence(page, withNotes.id)).toHaveAttribute('aria-current', 'true');
  });

  test('a sentence without notes: the button is unavailable and the shortcut says so', async ({ page }) => {
    await open(page);
    const plain = EDITION.sentences.find((s) => s.kind === 'body' && !s.glosses)!;
    await page.goto(`/#${plain.id}`);
    await waitForUpgrade(page);
    await expect(page.locator('narration-controls [part="position"]')).toContainText('Speaker: ');
    await expect(await barButton(page, 'Notes for this sentence')).toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('Alt+Shift+KeyN');
    await expect(page.locator('narration-controls [role="status"]')).toHaveText('No notes for this sentence.');
    expect(await spoken(page)).toEqual([]);
  });
});

test.describe('the recording (no speechSynthesis)', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
      const w = window as unknown as { __marks: string[] };
      w.__marks = [];
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target as Element;
          if (el.getAttribute('aria-current') === 'true') w.__marks.push(el.getAttribute('id')!);
        }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['aria-current'] });
    });
  });
  const marks = (page: Page) => page.evaluate(() => (window as unknown as { __marks: string[] }).__marks);

  test('Notes for this sentence plays the note’s clip from the asides recording, then the same sentence again', async ({ page }) => {
    test.setTimeout(90_000);
    await page.addInitScript(() => {
      const w = window as unknown as { __plays: string[] };
      w.__plays = [];
      const play = HTMLMediaElement.prototype.play;
      HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
        w.__plays.push(`${(this.currentSrc || this.src).split('/').pop()}@${Math.round(this.currentTime * 1000)}`);
        return play.call(this);
      };
    });
    const withNotes = EDITION.sentences.find((s) => s.glosses?.some((g) => g.entry === 'anschluss'))!;
    await page.goto('/');
    await waitForUpgrade(page);
    await sentence(page, withNotes.id).click();
    await expect(sentence(page, withNotes.id)).toHaveAttribute('aria-current', 'true', { timeout: 30_000 });
    await (await barButton(page, 'Notes for this sentence')).click();
    const plays = () => page.evaluate(() => (window as unknown as { __plays: string[] }).__plays);
    await expect.poll(async () => (await plays()).some((p) => p.startsWith('asides.')), { timeout: 30_000 }).toBe(true);
    await expect(page.locator('narration-controls [part="position"]')).toContainText('Speaker: Editor');
    // After the note, the narration file plays again, at the same sentence.
    await expect
      .poll(async () => {
        const list = await plays();
        const at = list.findIndex((p) => p.startsWith('asides.'));
        return list.slice(at + 1).some((p) => p.startsWith('narration.'));
      }, { timeout: 60_000 })
      .toBe(true);
    await expect(sentence(page, withNotes.id)).toHaveAttribute('aria-current', 'true');
  });

  for (const route of ['click', 'deep link + Play'] as const) {
    test(`${route} into the passage plays the notice’s clips first, then the sentence`, async ({ page }) => {
      test.setTimeout(90_000);
      const target = PASSAGE_IDS[2]!;
      await page.goto(route === 'click' ? '/' : `/#${target}`);
      await waitForUpgrade(page);
      if (route === 'click') await sentence(page, target).click();
      else await button(page, 'Play').click();
      await expect(sentence(page, target)).toHaveAttribute('aria-current', 'true', { timeout: 60_000 });
      const seen = await marks(page);
      expect(seen.slice(-NOTICE_IDS.length - 1)).toEqual([...NOTICE_IDS, target]);
    });
  }
});

test.describe('copy link to this sentence', () => {
  test('copies the page address with the current sentence’s id and says so; the link opens there', async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    const target = PASSAGE_IDS[0]!;
    await open(page, { path: `/#${target}` });
    await (await barButton(page, 'Copy link to this sentence')).click();
    const index = EDITION.sentences.findIndex((s) => s.id === target) + 1;
    await expect(page.locator('narration-controls [role="status"]')).toHaveText(`Link to sentence ${index} copied.`);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(copied).hash).toBe(`#${target}`);
    await page.goto(copied);
    await waitForUpgrade(page);
    await expect(page.getByText(`Sentence ${index} of`)).toBeVisible();
  });
});
