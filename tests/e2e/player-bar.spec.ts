// The reader bar (issue 11, item 1): one row with Play/Pause as its largest control, previous/next
// sentence, the position and the speaker, and a "More" disclosure for everything else. On a phone
// it is docked at the bottom (≤ 72 px), never covers the sentence being read, and the "More" panel
// opens upwards; at 400% zoom (320 × 256) it stays in the flow. Checked by measuring in real
// Chromium: rows, sizes, what covers what, and axe; screenshots are attached for people to look
// at, never compared.
import { readFileSync } from 'node:fs';
import { test, expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { expectNoAxeViolations, moreButton, waitForUpgrade } from './helpers.ts';

const FAKE_SPEECH = readFileSync('tests/e2e/support/fake-speech.js', 'utf8');
const THEMES = ['hc-dark', 'hc-light', 'cream'] as const;
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

const row = (page: Page) => page.locator('#reader-controls');
const panel = (page: Page) => page.locator('narration-controls #more-panel');
const current = (page: Page) => page.locator('[aria-current="true"]');
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
/** A sentence's id (sentences are `.ne-s` elements). */
const sentenceId = (sentence: Locator) => sentence.evaluate((el) => el.id || el.getAttribute('data-sid'));

async function open(page: Page, query = '', config: Record<string, unknown> = {}) {
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.addInitScript((c) => Object.assign((window as unknown as { __speech: { config: object } }).__speech.config, c), config);
  await page.goto(`/${query}`);
  await waitForUpgrade(page);
  await page.evaluate(() => document.fonts.ready);
}

interface Box {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The visible controls (buttons, sliders) inside `selector` of the reader bar's shadow tree, with their boxes. */
function controlBoxes(page: Page, selector: string): Promise<Box[]> {
  return page.evaluate((sel) => {
    const root = document.querySelector('narration-controls')!.shadowRoot!;
    const scope = root.querySelector(sel);
    if (!scope) return [];
    return [...scope.querySelectorAll<HTMLElement>('button, input')]
      .filter((el) => el.checkVisibility({ visibilityProperty: true }) && el.getClientRects().length > 0)
      .map((el) => {
        const r = el.getBoundingClientRect();
        const copy = el.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
        const name = el.matches('input') ? 'Speed' : (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
        return { name, x: r.x, y: r.y, width: r.width, height: r.height };
      });
  }, selector);
}

/** What the point at the centre of `locator` hits, through shadow roots: true when it is the element itself. */
function hitsItself(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return false;
    let hit: Element | null = document.elementFromPoint(x, y);
    while (hit?.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    return !!hit && (el === hit || el.contains(hit));
  });
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);

async function attach(testInfo: TestInfo, name: string, shot: Buffer) {
  await testInfo.attach(name, { body: shot, contentType: 'image/png' });
}

test.describe('on a phone (390 × 844, touch)', () => {
  test.use(PHONE);

  test('the bar is docked at the bottom, at most 72 px, and Play stays in view and uncovered', async ({ page }) => {
    await open(page);
    const bar = await row(page).boundingBox();
    expect(await row(page).evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    expect(bar!.height).toBeLessThanOrEqual(72);
    expect(Math.abs(bar!.y + bar!.height - 844)).toBeLessThanOrEqual(1);
    // Everything of the bar on the first screen fits in one strip of at most 96 px.
    const boxes = await controlBoxes(page, '.main');
    expect(boxes.map((b) => b.name)).toEqual(['Play', 'Previous sentence', 'Next sentence', 'More']);
    const top = Math.min(...boxes.map((b) => b.y));
    const bottom = Math.max(...boxes.map((b) => b.y + b.height));
    expect(bottom - top).toBeLessThanOrEqual(96);
    const play = button(page, 'Play');
    await expect(play).toBeInViewport();
    expect(await hitsItself(play)).toBe(true);
    // Halfway through the text, Play is still there and nothing covers it.
    await page.evaluate(() => window.scrollTo({ top: (document.documentElement.scrollHeight - innerHeight) / 2, behavior: 'instant' }));
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(1000);
    await expect(play).toBeInViewport();
    expect(await hitsItself(play)).toBe(true);
    // The page keeps room for the bar: the scroll padding follows its height, and at the very
    // end the last line of the page is above the bar.
    const padding = await page.evaluate(() => ({
      scroll: parseFloat(getComputedStyle(document.documentElement).scrollPaddingBottom),
      // On the root (the measured height is a non-inherited property of the root: page.css).
      end: parseFloat(getComputedStyle(document.documentElement).paddingBottom),
    }));
    expect(padding.scroll).toBeGreaterThanOrEqual(bar!.height);
    expect(padding.end).toBeGreaterThanOrEqual(bar!.height - 1);
    await page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' }));
    const lastLine = await page.evaluate(() => {
      const blocks = [...document.querySelectorAll('main p, main li, main dd')].filter((el) => el.getClientRects().length > 0);
      return blocks.at(-1)!.getBoundingClientRect().bottom;
    });
    expect(lastLine).toBeLessThanOrEqual(bar!.y);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  });

  test('a tap or a long press on an icon button shows its label for a moment (a touch cannot hover)', async ({ page }) => {
    await open(page);
    const next = button(page, 'Next sentence');
    const label = next.locator('.label');
    const width = () => label.evaluate((el) => el.getBoundingClientRect().width);
    expect(await width()).toBeLessThanOrEqual(1); // a tooltip, hidden until asked for
    await next.tap();
    await expect(current(page)).toHaveCount(1); // the tap still acts
    await expect.poll(width).toBeGreaterThan(40);
    const tip = (await label.boundingBox())!;
    const pressed = (await next.boundingBox())!;
    expect(tip.y + tip.height, 'the label shows above the button, not under the finger').toBeLessThanOrEqual(pressed.y);
    expect(tip.x).toBeGreaterThanOrEqual(0);
    expect(tip.x + tip.width).toBeLessThanOrEqual(390);
    // …and goes again by itself.
    await expect.poll(width, { timeout: 4000 }).toBeLessThanOrEqual(1);
    // A long press (the context menu a touch opens) shows it too, and opens no menu.
    const more = moreButton(page);
    const prevented = await more.evaluate((el) => {
      const event = new MouseEvent('contextmenu', { bubbles: true, composed: true, cancelable: true });
      el.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(prevented).toBe(true);
    await expect.poll(() => more.locator('.label').evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(20);
    await expect(more).toHaveAttribute('aria-expanded', 'false'); // shown, not pressed
    await expectNoAxeViolations(page, 'phone bar, a label shown by a long press');
  });

  test('More opens by tap, by Enter and Space, and by its role; Escape closes it and focus returns to More; a tap outside closes it', async ({ page }) => {
    await open(page);
    const more = moreButton(page);
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    const controls = await more.getAttribute('aria-controls');
    expect(controls).toBe('more-panel');
    await expect(panel(page)).toBeHidden();

    // Tap: the panel opens upwards, above the docked bar, inside the window.
    await more.tap();
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    await expect(panel(page)).toBeVisible();
    const bar = (await row(page).boundingBox())!;
    const box = (await panel(page).boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(bar.y);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    const names = (await controlBoxes(page, '.panel')).map((b) => b.name);
    expect(names).toEqual([
      'Stop',
      'Previous paragraph',
      'Next paragraph',
      'Speed',
      'Notes for this sentence',
      'Copy link to this sentence',
      'Voices…',
      'Keyboard shortcuts',
      'Reading settings',
    ]);
    // The controls in it keep their names (exactly).
    for (const name of ['Stop', 'Previous paragraph', 'Next paragraph', 'Notes for this sentence', 'Copy link to this sentence', 'Voices…', 'Keyboard shortcuts', 'Reading settings']) {
      await expect(button(page, name)).toBeVisible();
    }
    await expect(page.getByRole('slider', { name: 'Speed' })).toHaveAttribute('aria-valuetext', 'normal speed');
    await page.keyboard.press('Escape');
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(panel(page)).toBeHidden();
    await expect(more).toBeFocused();

    // Enter opens it; Tab goes on into the panel; Escape from inside closes it, focus on More.
    await page.keyboard.press('Enter');
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('Tab');
    await expect(button(page, 'Stop')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(panel(page)).toBeHidden();
    await expect(more).toBeFocused();

    // Space opens it; a tap outside it (here on the page's margin) closes it.
    await page.keyboard.press('Space');
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    await page.touchscreen.tap(4, 200);
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(panel(page)).toBeHidden();

    // By role and name, as assistive technology finds it.
    await page.getByRole('button', { name: 'More' }).click();
    await expect(page.getByRole('button', { name: 'More' })).toHaveAttribute('aria-expanded', 'true');
    // Tabbing past the panel's end closes it: nothing is left open over the text.
    await button(page, 'Reading settings').focus();
    await page.keyboard.press('Tab');
    await expect(more).toHaveAttribute('aria-expanded', 'false');
  });

  test('the sentence highlighted after Next is never under the docked bar', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' }); // instant scrolling, so positions are final
    await open(page, '', { msPerChar: 400, minMs: 20_000 }); // each sentence holds while we look
    const bar = (await row(page).boundingBox())!;
    const prose = page.locator('.ne-text .ne-prose .ne-s');
    await prose.nth(3).scrollIntoViewIfNeeded();
    await prose.nth(3).click();
    await expect(current(page)).toHaveCount(1);
    for (let i = 0; i < 5; i++) {
      // Put the sentence being read just above the bar, so the next one starts under it.
      await current(page).evaluate((el, barTop) => {
        const r = el.getBoundingClientRect();
        window.scrollBy({ top: r.bottom - (barTop - 2), behavior: 'instant' });
      }, bar.y);
      const before = await sentenceId(current(page));
      await button(page, 'Next sentence').tap();
      await expect.poll(() => sentenceId(current(page))).not.toBe(before);
      const r = (await current(page).boundingBox())!;
      expect(r.y).toBeGreaterThanOrEqual(0);
      expect(r.y + r.height, `sentence ${i + 1} after Next ends above the bar`).toBeLessThanOrEqual(bar.y);
    }
  });
});

test('at 320 × 256 (400% zoom) the bar is in the flow: nothing hidden, the text and every control reachable', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 256 });
  await open(page);
  expect(await page.evaluate(() => document.documentElement.hasAttribute('data-toolbar-sticky'))).toBe(false);
  expect(await row(page).evaluate((el) => getComputedStyle(el).position)).toBe('static');
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  // The controls still fit one row, with Play, the way in to the rest.
  const boxes = await controlBoxes(page, '.main');
  expect(boxes.map((b) => b.name)).toEqual(['Play', 'Previous sentence', 'Next sentence', 'More']);
  for (const b of boxes) expect(b.x + b.width, b.name).toBeLessThanOrEqual(320);
  // Scrolled away, it covers nothing: the text under the top of the window is the text.
  await page.evaluate(() => window.scrollTo({ top: 2000, behavior: 'instant' }));
  const covered = await page.evaluate(() => {
    const hit = document.elementFromPoint(160, 10);
    return !!hit?.closest('#reader-controls');
  });
  expect(covered).toBe(false);
  // The last sentence of the page can be scrolled into view, uncovered.
  const last = page.locator('.ne-s').last();
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport({ ratio: 1 });
  // More opens below the bar at the top; every control in its panel can be scrolled to.
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await moreButton(page).click();
  await expect(panel(page)).toBeVisible();
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  for (const name of ['Stop', 'Keyboard shortcuts', 'Reading settings']) {
    const control = button(page, name);
    await control.scrollIntoViewIfNeeded();
    await expect(control).toBeInViewport();
  }
});

for (const theme of THEMES) {
  test(`the bar in the ${theme} theme at 390, 768 and 1280 px: one row, Play largest, ≥ 44 px targets, labels or tooltips, no overflow`, async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await open(page, `?theme=${theme}`);
    for (const width of [390, 768, 1280]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.mouse.move(0, 0);
      await expect.poll(() => row(page).evaluate((el) => getComputedStyle(el).position)).toBe(width === 390 ? 'fixed' : 'sticky');
      await attach(testInfo, `bar-${theme}-${width}.png`, await row(page).screenshot());
      const bar = (await row(page).boundingBox())!;
      const boxes = await controlBoxes(page, '.main');
      expect(boxes.map((b) => b.name)).toEqual(['Play', 'Previous sentence', 'Next sentence', 'More']);
      // One row: every item shares the same band (centred on one line, tops within a few px).
      const items = await page.evaluate(() =>
        [...document.querySelector('narration-controls')!.shadowRoot!.querySelectorAll('.main > *')].map((el) => {
          const r = el.getBoundingClientRect();
          return { top: r.top, middle: r.top + r.height / 2 };
        }),
      );
      expect(items.length).toBe(5); // Play, Previous, Next, the position, More
      const tops = items.map((i) => i.top);
      const middles = items.map((i) => i.middle);
      expect(Math.max(...tops) - Math.min(...tops), `${width}: one row`).toBeLessThanOrEqual(10);
      expect(Math.max(...middles) - Math.min(...middles), `${width}: one row`).toBeLessThanOrEqual(3);
      expect(bar.height, `${width}: bar height`).toBeLessThanOrEqual(72);
      // Play is the largest control: taller and wider than every other one.
      const [play, ...others] = boxes;
      for (const other of others) {
        expect(play!.height, `${width}: Play taller than ${other.name}`).toBeGreaterThan(other.height);
        expect(play!.width, `${width}: Play wider than ${other.name}`).toBeGreaterThan(other.width);
      }
      // Targets of at least 44 × 44 CSS px.
      for (const b of boxes) {
        expect(b.width, `${width}: ${b.name} width`).toBeGreaterThanOrEqual(44);
        expect(b.height, `${width}: ${b.name} height`).toBeGreaterThanOrEqual(44);
      }
      // Every button shows its label, or shows it as a tooltip on hover and on keyboard focus.
      for (const b of boxes) {
        const shown = () =>
          page.evaluate((name) => {
            const root = document.querySelector('narration-controls')!.shadowRoot!;
            const label = [...root.querySelectorAll<HTMLElement>('.main button .label')].find(
              (l) => l.textContent!.replace(/\s+/g, ' ').trim().startsWith(name),
            )!;
            const r = label.getBoundingClientRect();
            const style = getComputedStyle(label);
            return r.width > 8 && r.height > 8 && style.clipPath === 'none' && r.left >= 0 && r.right <= innerWidth;
          }, b.name);
        if (await shown()) continue;
        await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
        expect(await shown(), `${width}: ${b.name} tooltip on hover`).toBe(true);
        expect(await overflow(page), `${width}: overflow with the ${b.name} tooltip`).toBeLessThanOrEqual(0);
        await page.mouse.move(0, 0);
        expect(await shown(), `${width}: ${b.name} label hidden again`).toBe(false);
      }
      // Keyboard focus shows the tooltip too (Tab from Play to Previous sentence).
      await button(page, 'Play').focus();
      await page.keyboard.press('Tab');
      await expect(button(page, 'Previous sentence')).toBeFocused();
      const focusTip = await page.evaluate(() => {
        const label = document.querySelector('narration-controls')!.shadowRoot!.querySelector<HTMLElement>('[data-command="previous"] .label')!;
        const r = label.getBoundingClientRect();
        return r.width > 8 && getComputedStyle(label).clipPath === 'none';
      });
      expect(focusTip, `${width}: tooltip on focus`).toBe(true);
      expect(await overflow(page), `${width}: no horizontal overflow`).toBeLessThanOrEqual(0);

      // More open: its controls are ≥ 44 px too, and the panel stays inside the window.
      await moreButton(page).click();
      await expect(panel(page)).toBeVisible();
      await attach(testInfo, `more-${theme}-${width}.png`, await page.screenshot());
      const box = (await panel(page).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      for (const b of await controlBoxes(page, '.panel')) {
        expect(b.width, `${width}: ${b.name} width`).toBeGreaterThanOrEqual(44);
        expect(b.height, `${width}: ${b.name} height`).toBeGreaterThanOrEqual(44);
      }
      expect(await overflow(page), `${width}: no horizontal overflow with More open`).toBeLessThanOrEqual(0);
      await page.keyboard.press('Escape');
      await expect(panel(page)).toBeHidden();
    }
  });

  test(`axe: the bar idle, with More open and playing (${theme}, 390 and 1280 px)`, async ({ page }) => {
    test.setTimeout(180_000); // three states, two axe passes each: slow on a loaded 2-core machine
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, `?theme=${theme}`, { msPerChar: 200 });
    await expectNoAxeViolations(page, `${theme} 390 idle`);
    await moreButton(page).click();
    await expect(panel(page)).toBeVisible();
    await expectNoAxeViolations(page, `${theme} 390 More open`);
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1280, height: 900 });
    await button(page, 'Play').click();
    await expect(current(page)).toHaveCount(1);
    await moreButton(page).click();
    await expect(panel(page)).toBeVisible();
    await expectNoAxeViolations(page, `${theme} 1280 playing, More open`);
  });
}

test('kiosk: no More menu, every control in view with 48 px targets, Reading settings first', async ({ page }) => {
  await page.setViewportSize({ width: 1080, height: 1920 });
  await open(page, '?kiosk&speech=off');
  await page.keyboard.press('Enter'); // leaves the attract screen
  await expect(moreButton(page)).toHaveCount(0);
  const boxes = await controlBoxes(page, '.controls');
  expect(boxes[0]!.name).toBe('Reading settings');
  for (const name of ['Play', 'Stop', 'Previous sentence', 'Next sentence', 'Previous paragraph', 'Next paragraph', 'Speed', 'Notes for this sentence', 'Copy link to this sentence', 'Voices…', 'Keyboard shortcuts']) {
    expect(boxes.map((b) => b.name), name).toContain(name);
  }
  for (const b of boxes) {
    expect(b.width, `${b.name} width`).toBeGreaterThanOrEqual(48);
    expect(b.height, `${b.name} height`).toBeGreaterThanOrEqual(48);
  }
});

test('a pointer that rests on the bar while the page starts still readies the narration (no move needed)', async ({ page }) => {
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.goto('/', { waitUntil: 'commit' });
  // Before the application has started (it waits for the load event and the first paint).
  await page.mouse.move(40, 30);
  await page.waitForSelector('#reader-controls');
  await expect(page.locator('narrated-edition')).toHaveAttribute('data-ready', '', { timeout: 20_000 });
  expect(await page.evaluate(() => document.querySelector('#reader-controls')!.matches(':hover'))).toBe(true);
  // Nothing else touched the page: the rest of the pointer over the bar was enough.
  await expect(page.locator('narrated-edition')).toHaveAttribute('data-narration', 'ready', { timeout: 20_000 });
});
