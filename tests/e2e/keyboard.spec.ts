// Every control is reachable and operable by keyboard, with a visible focus indicator.
import { test, expect, type Page } from '@playwright/test';
import { barButton, openMore, waitForUpgrade } from './helpers.ts';

/** Describes the deepest focused element (through shadow roots) and its focus indicator. */
function focusedInfo(page: Page) {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    return {
      key: `${el.tagName}|${el.getAttribute('aria-label') ?? ''}|${(el as HTMLInputElement).name ?? ''}|${(el as HTMLInputElement).value ?? ''}|${el.textContent?.trim().slice(0, 40)}`,
      outline: style.outlineStyle !== 'none' ? parseFloat(style.outlineWidth) : 0,
      shadow: style.boxShadow !== 'none',
      width: rect.width,
      height: rect.height,
      inDialog: !!el.closest('dialog'),
    };
  });
}

async function tabCycle(page: Page, max = 60) {
  const seen: NonNullable<Awaited<ReturnType<typeof focusedInfo>>>[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const info = await focusedInfo(page);
    if (!info) continue;
    if (seen.some((s) => s.key === info.key)) break;
    seen.push(info);
  }
  return seen;
}

test('page controls: reachable by Tab, visible focus indicator', async ({ page }) => {
  await page.goto('/');
  await waitForUpgrade(page);
  const stops = await tabCycle(page);
  const keys = stops.map((s) => s.key);
  expect(keys.some((k) => k.includes('Skip to the text'))).toBe(true);
  expect(keys.some((k) => k.includes('More'))).toBe(true);
  // "More" open, Tab goes on through its panel (Reading settings is its last control).
  await openMore(page);
  const moreStops = await tabCycle(page);
  expect(moreStops.map((s) => s.key).some((k) => k.includes('Reading settings'))).toBe(true);
  for (const stop of [...stops, ...moreStops]) {
    expect(stop.outline >= 2 || stop.shadow, `focus indicator on ${stop.key}`).toBe(true);
  }
});

test('settings dialog: every control reachable and operable by keyboard, focus stays inside', async ({ page }) => {
  await page.goto('/');
  await waitForUpgrade(page);
  await (await barButton(page, 'Reading settings')).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Reading settings' });
  await expect(dialog).toBeVisible();
  const stops = await tabCycle(page);
  expect(stops.length).toBeGreaterThanOrEqual(8);
  for (const stop of stops) {
    expect(stop.inDialog, `focus left the modal dialog: ${stop.key}`).toBe(true);
    expect(stop.outline >= 2 || stop.shadow, `focus indicator on ${stop.key}`).toBe(true);
    expect(stop.width >= 24 && stop.height >= 24, `target size of ${stop.key}`).toBe(true);
  }
  // Operate: arrow keys move through themes, the slider moves by keyboard, Space toggles.
  const hcLight = dialog.getByRole('radio', { name: 'High contrast light' });
  await dialog.getByRole('radio', { name: 'High contrast dark' }).check();
  await dialog.getByRole('radio', { name: 'High contrast dark' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(hcLight).toBeChecked();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('hc-light');
  const lineHeight = dialog.getByRole('slider', { name: /Line spacing/ });
  const before = await lineHeight.inputValue();
  await lineHeight.focus();
  await page.keyboard.press('ArrowRight');
  expect(Number(await lineHeight.inputValue())).toBeGreaterThan(Number(before));
  const focusToggle = dialog.getByRole('checkbox', { name: /Reading focus/ });
  await focusToggle.focus();
  await page.keyboard.press('Space');
  await expect(focusToggle).toBeChecked();
  await dialog.getByRole('button', { name: /Reset/ }).focus();
  await page.keyboard.press('Enter');
  await expect(focusToggle).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Close' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Reading settings' })).toBeFocused();
});

test('the sticky reader bar never hides the focused element (WCAG 2.4.11)', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.emulateMedia({ reducedMotion: 'reduce' }); // instant scrolling, so positions are final
  await page.addInitScript(() =>
    localStorage.setItem('ne-narration:v1', JSON.stringify({ tabToSentences: true })),
  );
  await page.goto('/');
  await waitForUpgrade(page);
  expect(await page.evaluate(() => document.documentElement.hasAttribute('data-toolbar-sticky'))).toBe(true);
  await page.locator('.ne-text .ne-s').nth(40).focus();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Shift+Tab');
    const covered = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      if (!el?.matches('.ne-s')) return false;
      const r = el.getClientRects()[0];
      const hit = document.elementFromPoint(r.left + Math.min(8, r.width / 2), r.top + r.height / 2);
      return !el.contains(hit);
    });
    expect(covered).toBe(false);
  }
});
