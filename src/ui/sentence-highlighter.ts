/**
 * Marks the sentence being read: `aria-current="true"` on exactly one sentence element (`.ne-s`, its id the sentence id)
 * (styled by page.css with background, underline and outline — never colour alone, and kept
 * under forced colours), keeps it in view when "Follow along" is on (scrolling only when it would
 * leave the viewport or go under a bar docked at the bottom; instant under reduced motion), and marks the current word with the CSS
 * Custom Highlight API where the voice reports word boundaries (no DOM change, no layout shift).
 */

const WORD_HIGHLIGHT = 'ne-word';

/** Options read at each highlight, so they follow the reader's settings live. */
export interface HighlighterOptions {
  followAlong: () => boolean;
  reduceMotion: () => boolean;
  /** Height of anything sticky at the top of the viewport (px). */
  topInset?: () => number;
  /** The reader's "Highlight each word" setting (default: on). */
  highlightWords?: () => boolean;
}

/** Highlights sentences inside `root`. */
export class SentenceHighlighter {
  private current: HTMLElement | null = null;

  constructor(
    private readonly root: ParentNode,
    private readonly options: HighlighterOptions,
  ) {}

  /** The highlighted sentence element. */
  get element(): HTMLElement | null {
    return this.current;
  }

  /** Highlights the sentence `id`, or nothing when `id` is null. */
  highlight(id: string | null): void {
    const next = id ? this.find(id) : null;
    if (next === this.current) return;
    this.clearWord();
    this.current?.removeAttribute('aria-current');
    this.current = next;
    if (!next) return;
    next.setAttribute('aria-current', 'true');
    if (this.options.followAlong()) this.keepInView(next);
  }

  /**
   * Highlights a word of the current sentence by character offsets into its text. Nothing when the reader turned "Highlight each word" off, or without `CSS.highlights`.
   */
  highlightWord(id: string, start: number, length: number): void {
    if (this.options.highlightWords?.() === false) {
      this.clearWord();
      return;
    }
    const registry = (globalThis.CSS as { highlights?: Map<string, unknown> } | undefined)?.highlights;
    const HighlightCtor = (globalThis as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;
    const element = this.find(id);
    if (!registry || !HighlightCtor || !element) return;
    const range = rangeForOffsets(element, start, start + Math.max(1, length));
    if (range) registry.set(WORD_HIGHLIGHT, new HighlightCtor(range));
  }

  /** Removes the word highlight. */
  clearWord(): void {
    (globalThis.CSS as { highlights?: Map<string, unknown> } | undefined)?.highlights?.delete(WORD_HIGHLIGHT);
  }

  private find(id: string): HTMLElement | null {
    return this.root.querySelector<HTMLElement>(`.ne-s[id="${CSS.escape(id)}"]`);
  }

  private keepInView(element: HTMLElement): void {
    const rect = element.getBoundingClientRect();
    const top = this.options.topInset?.() ?? 0;
    const margin = 16;
    // A bar docked at the bottom (a phone) sets the root's scroll-padding-bottom to its height and
    // a margin; scrollIntoView honours it, and so does this check.
    const bottom = Math.max(margin, parseFloat(getComputedStyle(document.documentElement).scrollPaddingBottom) || 0);
    const visible = rect.top >= top + margin && rect.bottom <= window.innerHeight - bottom;
    if (visible) return;
    element.scrollIntoView({
      block: rect.height > window.innerHeight - top - bottom ? 'start' : 'center',
      behavior: this.options.reduceMotion() ? 'instant' : 'smooth',
    });
  }
}

/** A Range over characters [start, end) of `element`'s text, across nested spans. */
function rangeForOffsets(element: HTMLElement, start: number, end: number): Range | null {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let offset = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.textContent?.length ?? 0;
    if (!started && start < offset + length) {
      range.setStart(node, start - offset);
      started = true;
    }
    if (started && end <= offset + length) {
      range.setEnd(node, end - offset);
      return range;
    }
    offset += length;
  }
  return null;
}
