/**
 * "Cite this edition" (rendered at build time at the end of the source section): fills in the
 * page's own address (without its query and fragment) where the build did not know it, and
 * shows a "Copy citation" button that copies the citation as plain text — with the Clipboard API,
 * else by selecting it and the copy command, else leaving it selected for the reader to copy —
 * and says so in a polite live region (not a second `role="status"`: the narration has the page’s one). The platform objects are injected for tests.
 * DOM only; no Lit.
 */

/** Options for {@link CitationBlock}. */
export interface CitationOptions {
  /** The page's address; default `location.href`. */
  href?: string;
  /** Writes text to the clipboard; default `navigator.clipboard.writeText` where there is one. */
  writeText?: ((text: string) => Promise<void>) | null;
}

/** What the status line says after a copy. */
export const COPIED_MESSAGE = 'Citation copied.';
export const NOT_COPIED_MESSAGE = 'The citation is selected: copy it with your device’s copy command.';

/** The citation block inside `root`, while started. */
export class CitationBlock {
  private readonly abort = new AbortController();
  private readonly text: HTMLElement | null;
  private readonly button: HTMLButtonElement | null;
  private readonly status: HTMLElement | null;
  private readonly writeText: ((text: string) => Promise<void>) | null;

  constructor(root: ParentNode, options: CitationOptions = {}) {
    this.text = root.querySelector<HTMLElement>('.ne-cite-text');
    this.button = root.querySelector<HTMLButtonElement>('.ne-copy-citation');
    this.status = root.querySelector<HTMLElement>('.ne-copy-status');
    const clipboard = (globalThis.navigator as Navigator | undefined)?.clipboard;
    this.writeText =
      options.writeText !== undefined
        ? options.writeText
        : clipboard && typeof clipboard.writeText === 'function'
          ? (text) => clipboard.writeText(text)
          : null;
    const url = root.querySelector<HTMLElement>('.ne-cite-url');
    if (url && !/^https?:/.test(url.textContent ?? '')) url.textContent = pageAddress(options.href ?? location.href);
    if (this.button && this.text) {
      this.button.hidden = false;
      this.button.addEventListener('click', () => void this.copy(), { signal: this.abort.signal });
    }
  }

  /** The citation as plain text, on one line. */
  get citation(): string {
    return (this.text?.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  /** Copies the citation and says whether it worked. */
  async copy(): Promise<boolean> {
    let copied = false;
    if (this.writeText) {
      try {
        await this.writeText(this.citation);
        copied = true;
      } catch {
        copied = false; // permission refused or no user gesture: fall back to the selection
      }
    }
    if (!copied) copied = this.selectAndCopy();
    this.say(copied ? COPIED_MESSAGE : NOT_COPIED_MESSAGE);
    return copied;
  }

  /** Hides the button again and removes its listener. */
  stop(): void {
    this.abort.abort();
    if (this.button) this.button.hidden = true;
  }

  private selectAndCopy(): boolean {
    const selection = globalThis.getSelection?.();
    if (!this.text || !selection) return false;
    const range = document.createRange();
    range.selectNodeContents(this.text);
    selection.removeAllRanges();
    selection.addRange(range);
    try {
      // The legacy copy command: the only one older kiosk browsers and insecure origins have.
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }

  /** Replaces the status text (emptied first, so the same message is announced again). */
  private say(message: string): void {
    const status = this.status;
    if (!status) return;
    status.textContent = '';
    setTimeout(() => {
      status.textContent = message;
    }, 50);
  }
}

/** The page's address for a citation: no query (page options) and no fragment. */
export function pageAddress(href: string): string {
  try {
    const url = new URL(href);
    url.search = '';
    url.hash = '';
    return url.href;
  } catch {
    return href.split(/[?#]/)[0];
  }
}
