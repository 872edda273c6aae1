import { describe, expect, it } from 'vitest';
import { placementFromPosition, toolbarInsets } from '../../../src/edition/toolbar-insets.ts';

describe('toolbar insets', () => {
  it('reads the placement from the bar’s computed position', () => {
    expect(placementFromPosition('sticky')).toBe('top');
    expect(placementFromPosition('fixed')).toBe('bottom');
    expect(placementFromPosition('static')).toBe('flow');
    expect(placementFromPosition('relative')).toBe('flow');
  });

  it('pads the top by the bar’s height and a clearance when the bar is pinned at the top', () => {
    expect(toolbarInsets('top', 65)).toEqual({ scrollPaddingTop: 'calc(65px + 1rem)', scrollPaddingBottom: '', paddingBlockEnd: '' });
  });

  it('pads the bottom, and the page’s end by the bar’s height, when the bar is docked at the bottom', () => {
    expect(toolbarInsets('bottom', 61)).toEqual({ scrollPaddingTop: '1rem', scrollPaddingBottom: 'calc(61px + 1rem)', paddingBlockEnd: '61px' });
  });

  it('removes every inset when the bar scrolls away with the text', () => {
    expect(toolbarInsets('flow', 300)).toEqual({ scrollPaddingTop: '', scrollPaddingBottom: '', paddingBlockEnd: '' });
  });
});
