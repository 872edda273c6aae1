// Reading settings: a real dialog, keyboard operable, persisted, robust to bad storage.
import { test, expect, type Page } from '@playwright/test';
import { barButton, waitForUpgrade } from './helpers.ts';

const STORAGE_KEY = 'ne-reading-settings:v1';

async function openSettings(page: Page) {
  await (await barButton(page, 'Reading settings')).click();
  const dialog = page.getByRole('dialog', { name: 'Reading settings' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('opens by keyboard, Escape closes it and focus returns to its button', async ({ page }) => {
  await page.goto('/');
  await waitForUpgrade(page);
  const button = await barButton(page, 'Reading settings');
  await button.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Reading settings' });
  await expect(dialog).toBeVisible();
  // Focus is inside the dialog, and the dialog is modal (the page behind is inert).
  const focusInside = await page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return !!el?.closest('dialog') || el?.tagName === 'DIALOG';
  });
  expect(focusInside).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
});

test('theme, font, size and spacing apply to the page and persist across reload', async ({ page }) => {
  await page.goto('/');
  await waitForUpgrade(page);
  const dialog = await openSettings(page);
  await dialog.getByRole('radio', { name: 'High contrast dark' }).check();
  await dialog.getByRole('radio', { name: 'OpenDyslexic' }).check();
  const size = dialog.getByRole('slider', { name: /Text size/ });
  await size.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await dialog.getByRole('checkbox', { name: /Reading focus/ }).check();
  await page.keyboard.press('Escape');

  const read = () =>
    page.evaluate(() => {
      const root = document.documentElement;
      const p = document.querySelector('.ne-text p')!;
      return {
        theme: root.dataset.theme,
        font: root.dataset.font,
        focus: root.dataset.readingFocus,
        fontSize: parseFloat(getComputedStyle(p).fontSize),
        family: getComputedStyle(p).fontFamily,
        background: getComputedStyle(document.body).backgroundColor,
      };
    });
  const before = await read();
  expect(before.theme).toBe('hc-dark');
  expect(before.font).toBe('opendyslexic');
  expect(before.focus).toBe('true');
  expect(before.fontSize).toBeCloseTo(18 * 1.5, 0);
  expect(before.family).toContain('OpenDyslexic');
  expect(before.background).toBe('rgb(0, 0, 0)');

  await page.reload();
  await waitForUpgrade(page);
  expect(await read()).toEqual(before);
});

test('stored settings apply before first paint (no layout shift on upgrade)', async ({ page }) => {
  await page.addInitScript((key) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(key, JSON.stringify({ textSize: 200, theme: 'hc-light' }));
      sessionStorage.setItem('seeded', '1');
    }
  }, STORAGE_KEY);
  await page.goto('/');
  await waitForUpgrade(page);
  const result = await page.evaluate(
    () =>
      new Promise<{ shifts: number; theme?: string }>((resolve) => {
        let shifts = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { value: number })[]) shifts += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve({ shifts, theme: document.documentElement.dataset.theme }), 500);
      }),
  );
  expect(result.theme).toBe('hc-light');
  expect(result.shifts).toBeLessThan(0.01);
});

test('garbage in storage falls back to defaults and the page works', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript((key) => {
    localStorage.setItem(key, '{"theme":"neon","textSize":"huge","lineHeight":99,"__proto__":{"x":1}');
  }, STORAGE_KEY);
  await page.goto('/');
  await waitForUpgrade(page);
  const state = await page.evaluate(() => ({
    theme: document.documentElement.dataset.theme,
    scale: document.documentElement.style.getPropertyValue('--ne-text-scale'),
  }));
  expect(['cream', 'hc-dark', 'hc-light']).toContain(state.theme);
  expect(state.theme).toBe('cream'); // the default for a light, no-preference system
  expect(Number(state.scale)).toBe(1);
  const dialog = await openSettings(page);
  await dialog.getByRole('radio', { name: 'High contrast light' }).check();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('hc-light');
  expect(errors).toEqual([]);
});

test('unavailable storage: settings still work for the visit', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await page.goto('/');
  await waitForUpgrade(page);
  const dialog = await openSettings(page);
  await dialog.getByRole('radio', { name: 'High contrast dark' }).check();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('hc-dark');
  expect(errors).toEqual([]);
});

test('first visit follows the system colour scheme and contrast preference', async ({ browser }) => {
  for (const [options, expected] of [
    [{ colorScheme: 'dark' as const }, 'hc-dark'],
    [{ colorScheme: 'light' as const, contrast: 'more' as const }, 'hc-light'],
    [{ colorScheme: 'light' as const }, 'cream'],
  ] as const) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto('/');
    await waitForUpgrade(page);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(expected);
    await context.close();
  }
});

test('reading focus dims every paragraph but the one in focus', async ({ page }) => {
  await page.goto('/');
  await waitForUpgrade(page);
  const dialog = await openSettings(page);
  await dialog.getByRole('checkbox', { name: /Reading focus/ }).check();
  await page.keyboard.press('Escape');
  const target = page.locator('.ne-text p.ne-turn').nth(3);
  await target.click();
  await expect(target).toHaveClass(/ne-focused/);
  await expect(page.locator('.ne-text p.ne-focused')).toHaveCount(1);
  const colours = await page.evaluate(() => {
    const focused = document.querySelector('.ne-text p.ne-focused')!;
    const other = document.querySelector('.ne-text p:not(.ne-focused)')!;
    return [getComputedStyle(focused).color, getComputedStyle(other).color];
  });
  expect(colours[0]).not.toBe(colours[1]);
  // Scrolling the focused paragraph away moves focus to the paragraph at the reading line.
  const paragraphId = () => page.locator('.ne-text p.ne-focused').evaluate((p) => p.querySelector('.ne-s')?.id);
  const before = await paragraphId();
  await page.locator('.ne-text p').last().scrollIntoViewIfNeeded();
  await expect
    .poll(paragraphId)
    .not.toBe(before);
  await expect(page.locator('.ne-text p.ne-focused')).toHaveCount(1);
});

test('reduced motion: the system preference makes scrolling instant; the setting can override it', async ({ browser }) => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto('/');
  await waitForUpgrade(page);
  const behaviour = () => page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior);
  expect(await page.evaluate(() => document.documentElement.dataset.reduceMotion)).toBe('true');
  expect(await behaviour()).toBe('auto');
  await context.close();

  const normal = await browser.newContext({ reducedMotion: 'no-preference' });
  const page2 = await normal.newPage();
  await page2.goto('/');
  await waitForUpgrade(page2);
  expect(await page2.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('smooth');
  const dialog = await openSettings(page2);
  await dialog.getByRole('checkbox', { name: /motion/i }).check();
  expect(await page2.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('auto');
  await normal.close();
});
