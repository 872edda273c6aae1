/**
 * The root's scroll padding and end padding that keep the reader bar clear of the text, from where
 * the bar sits and how tall it is. Written by the root element as the root's own inline style: a
 * custom property written on the root restyles every element of the text (≈ 12 ms on this
 * machine, ≈ 50 ms on a phone), these standard, non-inherited properties restyle the root alone.
 */

/** Where the bar sits, as its computed `position` says: pinned at the top, docked at the bottom, or in the flow. */
export type ToolbarPlacement = 'top' | 'bottom' | 'flow';

/** Root inline-style values (CSS text; '' removes the inline value and leaves the page's default). */
export interface ToolbarInsets {
  scrollPaddingTop: string;
  scrollPaddingBottom: string;
  paddingBlockEnd: string;
}

/** Space kept between the bar and a sentence scrolled into view, as page.css had it. */
const CLEARANCE = '1rem';

/** The placement a computed `position` value means: sticky at the top, fixed at the bottom (page.css). */
export function placementFromPosition(position: string): ToolbarPlacement {
  if (position === 'sticky') return 'top';
  if (position === 'fixed') return 'bottom';
  return 'flow';
}

/**
 * The insets for a bar of `heightPx` CSS pixels at `placement`: at the top, scroll padding above
 * its height; docked at the bottom, scroll padding below it and as much end padding, so the last
 * lines can scroll clear of it; in the flow (large zoom, where it scrolls away), none.
 */
export function toolbarInsets(placement: ToolbarPlacement, heightPx: number): ToolbarInsets {
  const beside = `calc(${heightPx}px + ${CLEARANCE})`;
  switch (placement) {
    case 'top':
      return { scrollPaddingTop: beside, scrollPaddingBottom: '', paddingBlockEnd: '' };
    case 'bottom':
      return { scrollPaddingTop: CLEARANCE, scrollPaddingBottom: beside, paddingBlockEnd: `${heightPx}px` };
    case 'flow':
      return { scrollPaddingTop: '', scrollPaddingBottom: '', paddingBlockEnd: '' };
  }
}
