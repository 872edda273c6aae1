// Word-by-word highlight with the recording (issue 12, items 1 and 2). The committed manifest
// carries the word times `npm run audio` found (each sentence's audio aligned against its text).
// Real audio in Chromium; the highlighted word is checked against Howler's clock on every
// animation frame.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { barButton, expectNoAxeViolations, waitForUpgrade } from './helpers.ts';

interface Word {
  start: number;
  end: number;
  from: number;
  to: number;
}
interface Entry {
  start: number;
  end: number;
  words?: Word[];
}
interface Manifest {
  order: string[];
  sentences: Record<string, Entry>;
}

/** One frame's sample: the audio clock (ms), the highlighted word's text, the highlighted sentence. */
interface Sample {
  clock: number;
  word: string | null;
  sentence: string | null;
}

/**
 * The committed manifest and the edition's displayed sentence texts; the page narrates with the
 * recording (no device voice).
 */
async function useRecording(page: Page): Promise<{ manifest: Manifest; texts: Map<string, string> }> {
  const edition = (await (await page.request.get('/edition.json')).json()) as { sentences: Array<{ id: string; text: string }> };
  const manifest = JSON.parse(readFileSync('public/audio/manifest.json', 'utf8')) as Manifest;
  await page.addInitScript(() => {
    Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
  });
  return { manifest, texts: new Map(edition.sentences.map((s) => [s.id, s.text])) };
}

/** Samples (clock, highlighted word, highlighted sentence) on each animation frame for `ms`. */
function sampleFrames(page: Page, ms: number): Promise<Sample[]> {
  return page.evaluate(
    (duration) =>
      new Promise<Sample[]>((resolve) => {
        const w = window as unknown as { Howler?: { _howls: { seek(): number }[] } };
        const highlights = (CSS as unknown as { highlights?: Map<string, { values(): IterableIterator<Range> }> }).highlights;
        const samples: Sample[] = [];
        const t0 = performance.now();
        const frame = () => {
          const howl = w.Howler?._howls[0];
          const range = highlights?.get('ne-word')?.values().next().value;
          samples.push({
            clock: howl ? howl.seek() * 1000 : -1,
            word: range ? range.toString() : null,
            sentence: document.querySelector('[aria-current="true"]')?.id ?? null,
          });
          if (performance.now() - t0 < duration) requestAnimationFrame(frame);
          else resolve(samples);
        };
        requestAnimationFrame(frame);
      }),
    ms,
  );
}

/** The word (text) whose [start, end) holds `clock`, or null between words and sentences. */
function wordAt(manifest: Manifest, texts: Map<string, string>, clock: number): string | null {
  for (const id of manifest.order) {
    const entry = manifest.sentences[id]!;
    if (clock < entry.start || clock >= entry.end) continue;
    const word = entry.words?.find((w) => w.start <= clock && clock < w.end);
    return word ? texts.get(id)!.slice(word.from, word.to) : null;
  }
  return null;
}

async function playRecording(page: Page): Promise<void> {
  await page.goto('/?narration=recorded');
  await waitForUpgrade(page);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('[aria-current="true"]')).toHaveCount(1, { timeout: 15_000 });
  await expect.poll(() => page.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('ne-word')), { timeout: 15_000 }).toBe(true);
}

test('with the recording, the highlighted word is the word being heard on at least 90% of frames over 15 s', async ({ page }) => {
  test.setTimeout(90_000);
  const { manifest, texts } = await useRecording(page);
  expect(Object.values(manifest.sentences).reduce((n, e) => n + (e.words?.length ?? 0), 0)).toBeGreaterThan(1000);
  await playRecording(page);
  const samples = await sampleFrames(page, 15_000);
  const playing = samples.filter((s) => s.clock >= 0);
  expect(playing.length).toBeGreaterThan(15 * 20); // frames really ran (≥ 20 fps)
  const matched = playing.filter((s) => s.word === wordAt(manifest, texts, s.clock)).length;
  const ratio = matched / playing.length;
  console.log(`word highlight: ${matched}/${playing.length} frames match the clock (${(ratio * 100).toFixed(1)}%)`);
  expect(ratio).toBeGreaterThanOrEqual(0.9);
  // Many different words were highlighted, and the sentence highlight was there with each one.
  expect(new Set(playing.map((s) => s.word).filter(Boolean)).size).toBeGreaterThan(15);
  expect(playing.filter((s) => s.word !== null && s.sentence === null)).toEqual([]);
  await expectNoAxeViolations(page, 'recording playing with the word highlight');
  // Pause: the word goes, the sentence stays.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect.poll(() => page.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('ne-word'))).toBe(false);
  await expect(page.locator('[aria-current="true"]')).toHaveCount(1);
});

test('"Highlight each word" off: no word highlight, the sentence highlight stays; the choice is stored', async ({ page }) => {
  test.setTimeout(90_000);
  await useRecording(page);
  await playRecording(page);
  await (await barButton(page, 'Reading settings')).click();
  const dialog = page.getByRole('dialog', { name: 'Reading settings' });
  const toggle = dialog.getByRole('checkbox', { name: 'Highlight each word' });
  await expect(toggle).toBeChecked(); // on by default
  await toggle.uncheck();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const samples = await sampleFrames(page, 3000);
  expect(samples.filter((s) => s.clock > 0).length).toBeGreaterThan(30);
  expect(samples.filter((s) => s.word !== null)).toEqual([]);
  expect(samples.every((s) => s.sentence !== null)).toBe(true);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('ne-reading-settings:v1') ?? '{}'));
  expect(stored.highlightWords).toBe(false);
  // After a reload the stored choice applies; a bad stored value falls back to on.
  await page.reload();
  await waitForUpgrade(page);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('[aria-current="true"]')).toHaveCount(1, { timeout: 15_000 });
  expect((await sampleFrames(page, 1500)).filter((s) => s.word !== null)).toEqual([]);
  await page.evaluate(() => localStorage.setItem('ne-reading-settings:v1', JSON.stringify({ highlightWords: 'yes' })));
  await page.reload();
  await waitForUpgrade(page);
  await (await barButton(page, 'Reading settings')).click();
  await expect(page.getByRole('dialog', { name: 'Reading settings' }).getByRole('checkbox', { name: 'Highlight each word' })).toBeChecked();
});

test('under forced colours the word shows in the system Highlight colours, against the highlighted sentence', async ({ page }) => {
  test.setTimeout(90_000);
  await page.emulateMedia({ forcedColors: 'active' });
  await useRecording(page);
  await playRecording(page);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  // Paused, the word goes; put one back by hand so a still frame can be measured.
  const box = await page.evaluate(() => {
    const sentence = document.querySelector<HTMLElement>('[aria-current="true"]')!;
    const node = document.createTreeWalker(sentence, NodeFilter.SHOW_TEXT).nextNode()!;
    const range = document.createRange();
    const word = /\S+/.exec(node.textContent!)!;
    range.setStart(node, word.index);
    range.setEnd(node, word.index + word[0].length);
    const H = (window as unknown as { Highlight: new (r: Range) => unknown }).Highlight;
    (CSS as unknown as { highlights: Map<string, unknown> }).highlights.set('ne-word', new H(range));
    const probe = document.createElement('div');
    probe.style.cssText = 'background: Highlight; color: HighlightText; forced-color-adjust: none';
    document.body.append(probe);
    const style = getComputedStyle(probe);
    const colours = { highlight: style.backgroundColor, highlightText: style.color };
    probe.remove();
    const r = range.getBoundingClientRect();
    return { word: { x: r.x, y: r.y, width: r.width, height: r.height }, ...colours };
  });
  const rgb = (css: string) => css.match(/[\d.]+/g)!.slice(0, 3).map(Number);
  /** `colour` as painted over `under` (Chromium's Highlight is translucent: rgba(…, 0.8)). */
  const over = (colour: string, under: string) => {
    const alpha = Number(colour.match(/[\d.]+/g)![3] ?? 1);
    const bottom = rgb(under);
    return rgb(colour).map((c, i) => Math.round(alpha * c + (1 - alpha) * bottom[i]!));
  };
  const shot = await page.screenshot({ clip: { x: box.word.x, y: box.word.y, width: Math.max(4, box.word.width), height: Math.max(4, box.word.height) } });
  // Count pixels in the word's box close to each system colour (decoded in the page).
  const counts = await page.evaluate(
    async ({ png, highlight, highlightText }) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${png}`)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
      const near = (i: number, c: number[]) => Math.abs(data[i]! - c[0]!) + Math.abs(data[i + 1]! - c[1]!) + Math.abs(data[i + 2]! - c[2]!) < 40;
      let onHighlightText = 0;
      let onHighlight = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (near(i, highlightText)) onHighlightText++;
        else if (near(i, highlight)) onHighlight++;
      }
      return { onHighlightText, onHighlight, total: data.length / 4 };
    },
    { png: shot.toString('base64'), highlight: over(box.highlight, box.highlightText), highlightText: rgb(box.highlightText) },
  );
  expect(rgb(box.highlight)).not.toEqual(rgb(box.highlightText));
  // The word's box is mostly HighlightText (its background), its letters in Highlight.
  expect(counts.onHighlightText / counts.total).toBeGreaterThan(0.5);
  expect(counts.onHighlight / counts.total).toBeGreaterThan(0.05);
  await expectNoAxeViolations(page, 'forced colours with the word highlight');
});

test('"Highlight each word" off also stops the device voice’s word highlight; on, it shows', async ({ page }) => {
  const FAKE_SPEECH = readFileSync('tests/e2e/support/fake-speech.js', 'utf8');
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.addInitScript(() => Object.assign((window as unknown as { __speech: { config: object } }).__speech.config, { msPerChar: 40, boundaries: true }));
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) localStorage.setItem('ne-reading-settings:v1', JSON.stringify({ highlightWords: false }));
    sessionStorage.setItem('seeded', '1');
  });
  await page.goto('/');
  await waitForUpgrade(page);
  const wordShown = () => page.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('ne-word'));
  // A sentence whose spoken text is its displayed text, so the voice's boundaries map to words.
  const plain = page.locator('.ne-text .ne-s', { hasText: 'Even the League of Nations did not react.' });
  await plain.click();
  await expect(plain).toHaveAttribute('aria-current', 'true', { timeout: 15_000 });
  const seen: boolean[] = [];
  for (let i = 0; i < 15; i++) {
    seen.push(await wordShown());
    await page.waitForTimeout(100);
  }
  expect(seen).not.toContain(true);
  await (await barButton(page, 'Reading settings')).click();
  await page.getByRole('dialog', { name: 'Reading settings' }).getByRole('checkbox', { name: 'Highlight each word' }).check();
  await page.keyboard.press('Escape');
  await plain.click();
  await expect.poll(wordShown, { timeout: 15_000 }).toBe(true);
});

test('a browser without CSS.highlights: no word highlight, the recording and the sentence highlight work', async ({ page }) => {
  test.setTimeout(60_000);
  await useRecording(page);
  await page.addInitScript(() => {
    Object.defineProperty(CSS, 'highlights', { value: undefined, configurable: true });
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?narration=recorded');
  await waitForUpgrade(page);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const ids: string[] = [];
  await expect
    .poll(
      async () => {
        const id = await page.locator('[aria-current="true"]').getAttribute('id').catch(() => null);
        if (id && !ids.includes(id)) ids.push(id);
        return ids.length;
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThanOrEqual(2);
  expect(errors).toEqual([]);
});

for (const theme of ['cream', 'hc-light', 'hc-dark'] as const) {
  test(`theme ${theme}: the word stands out from the highlighted sentence (its colours inverted)`, async ({ page }) => {
    await page.addInitScript((t) => localStorage.setItem('ne-reading-settings:v1', JSON.stringify({ theme: t })), theme);
    await page.goto('/');
    await waitForUpgrade(page);
    // The look alone (CSS): a sentence marked as the highlighted one, its first word as the heard one.
    const box = await page.evaluate(() => {
      const sentence = document.querySelector<HTMLElement>('.ne-text .ne-s')!;
      sentence.scrollIntoView({ block: 'center', behavior: 'instant' });
      sentence.setAttribute('aria-current', 'true');
      const node = document.createTreeWalker(sentence, NodeFilter.SHOW_TEXT).nextNode()!;
      const word = /\S+/.exec(node.textContent!)!;
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const H = (window as unknown as { Highlight: new (r: Range) => unknown }).Highlight;
      (CSS as unknown as { highlights: Map<string, unknown> }).highlights.set('ne-word', new H(range));
      const root = getComputedStyle(document.documentElement);
      const r = range.getBoundingClientRect();
      return {
        x: r.x,
        y: r.y,
        width: r.width,
        height: r.height,
        wordBg: root.getPropertyValue('--ne-highlight-text').trim(),
        sentenceBg: root.getPropertyValue('--ne-highlight-bg').trim(),
      };
    });
    expect(box.wordBg).not.toBe(box.sentenceBg);
    const shot = await page.screenshot({ clip: { x: box.x, y: box.y, width: Math.max(4, box.width), height: Math.max(4, box.height) } });
    const share = await page.evaluate(
      async ({ png, wordBg, sentenceBg }) => {
        /** `#rgb` or `#rrggbb` (the computed token may be either) → [r, g, b]. */
        const hex = (h: string) => {
          const full = h.length === 4 ? `#${[...h.slice(1)].map((c) => c + c).join('')}` : h;
          return [1, 3, 5].map((i) => parseInt(full.slice(i, i + 2), 16));
        };
        const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${png}`)).blob());
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
        const count = (c: number[]) => {
          let n = 0;
          for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - c[0]!) + Math.abs(data[i + 1]! - c[1]!) + Math.abs(data[i + 2]! - c[2]!) < 30) n++;
          return n / (data.length / 4);
        };
        const histogram = new Map<string, number>();
        for (let i = 0; i < data.length; i += 4) histogram.set(`${data[i]},${data[i + 1]},${data[i + 2]}`, (histogram.get(`${data[i]},${data[i + 1]},${data[i + 2]}`) ?? 0) + 1);
        const top = JSON.stringify([...histogram].sort((a, b) => b[1] - a[1]).slice(0, 4));
        return { word: count(hex(wordBg)), sentence: count(hex(sentenceBg)), top: `${wordBg} ${sentenceBg} ${top}` };
      },
      { png: shot.toString('base64'), wordBg: box.wordBg, sentenceBg: box.sentenceBg },
    );
    // The word's box is mostly the word's background; its letters are in the sentence's background colour.
    expect(share.word, share.top).toBeGreaterThan(0.5);
    expect(share.sentence, share.top).toBeGreaterThan(0.05);
  });
}
