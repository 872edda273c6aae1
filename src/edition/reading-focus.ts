/**
 * Reading focus: marks one paragraph of the text as "in focus" (class `ne-focused`) so the page
 * can dim the others. The focused paragraph is the one the reader last clicked, tapped or moved
 * keyboard focus into. When scrolling takes that paragraph out of the middle of the screen, focus
 * moves to the paragraph crossing a reading line a third of the way down.
 */

const FOCUSED_CLASS = 'ne-focused';

/** Tracks the paragraph in focus inside `container` while started. */
export class ReadingFocusTracker {
  private current: HTMLElement | null = null;
  private frame = 0;
  private readonly abort = new AbortController();

  constructor(
    private readonly container: HTMLElement,
    private readonly paragraphSelector = 'p',
  ) {
    const { signal } = this.abort;
    container.addEventListener('click', (e) => this.focusFrom(e.target), { signal });
    container.addEventListener('focusin', (e) => this.focusFrom(e.target), { signal });
    window.addEventListener('scroll', () => this.scheduleScrollUpdate(), { signal, passive: true });
    this.updateFromReadingLine();
  }

  /** The paragraph currently in focus. */
  get focused(): HTMLElement | null {
    return this.current;
  }

  /** Puts `paragraph` in focus. */
  setFocused(paragraph: HTMLElement | null): void {
    if (paragraph === this.current) return;
    this.current?.classList.remove(FOCUSED_CLASS);
    this.current = paragraph;
    paragraph?.classList.add(FOCUSED_CLASS);
  }

  /** Removes listeners and the mark. */
  stop(): void {
    this.abort.abort();
    cancelAnimationFrame(this.frame);
    this.setFocused(null);
  }

  private focusFrom(target: EventTarget | null): void {
    if (!(target instanceof Element)) return;
    const paragraph = target.closest<HTMLElement>(this.paragraphSelector);
    if (paragraph && this.container.contains(paragraph)) this.setFocused(paragraph);
  }

  private scheduleScrollUpdate(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.updateFromReadingLine());
  }

  private updateFromReadingLine(): void {
    if (this.current && this.isInMiddleBand(this.current)) return;
    const line = window.innerHeight / 3;
    const paragraphs = this.container.querySelectorAll<HTMLElement>(this.paragraphSelector);
    let best: HTMLElement | null = null;
    let bestDistance = Infinity;
    for (const p of paragraphs) {
      const rect = p.getBoundingClientRect();
      if (rect.bottom < 0 || rect.top > window.innerHeight) continue;
      const distance = rect.top <= line && rect.bottom >= line ? 0 : Math.min(Math.abs(rect.top - line), Math.abs(rect.bottom - line));
      if (distance < bestDistance) {
        best = p;
        bestDistance = distance;
      }
    }
    if (best) this.setFocused(best);
  }

  /** Whether part of `el` lies between 10% and 90% of the viewport height. */
  private isInMiddleBand(el: HTMLElement): boolean {
    const rect = el.getBoundingClientRect();
    return rect.bottom > window.innerHeight * 0.1 && rect.top < window.innerHeight * 0.9;
  }
}
