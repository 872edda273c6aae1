/**
 * Glossed words open their entry in place. Each `a.ne-gloss` (`href="#gloss-<entry id>"`) of the static text is a
 * plain link to `#gloss-<id>` in the Glossary and notes; once this runs it also acts as a button
 * (`aria-expanded`, `aria-controls`) that opens one shared popover beside it, filled from that
 * glossary entry (the page holds the only copy of the entries). A click, a tap, Enter or Space
 * opens it and moves focus into it; Escape or Close closes it and gives focus back to the word; a
 * click elsewhere, or focus moving on, closes it quietly. A native `popover` (top layer) where the
 * browser has one, else a positioned box shown with `hidden` (older kiosk browsers).
 * A click on a glossed word is handled here (default prevented), so it never starts the narration
 * from its sentence. DOM only; no Lit.
 */

/** The glossed words of the static text. */
export const GLOSS_SELECTOR = 'a.ne-gloss[href^="#gloss-"]';
/** Id of the shared popover (the words' `aria-controls`). */
export const GLOSS_POPOVER_ID = 'ne-gloss-popover';

/** Options for {@link GlossPopover}. */
export interface GlossPopoverOptions {
  /** Use the native popover API; default: when the browser has `showPopover`. */
  native?: boolean;
  /** Height of anything sticky at the top of the viewport (px): the popover opens above a word only below it. */
  topInset?: () => number;
  /** Height of anything docked at the bottom of the viewport (px, a phone's reader bar): the popover opens below a word only above it. */
  bottomInset?: () => number;
}

/** What the popover shows, read from an entry of the Glossary and notes. */
interface EntryContent {
  id: string;
  kind: string;
  term: string;
  text: string;
  sources: string[];
}

/** Gap between the word and the popover, and between the popover and the window's edges (px). */
const GAP = 8;

/** The in-place entries of the glossed words inside `root` (the page's `main`), while started. */
export class GlossPopover {
  /** The shared popover element. */
  readonly element: HTMLElement;
  private current: HTMLElement | null = null;
  private readonly abort = new AbortController();
  private readonly native: boolean;
  private readonly doc: Document;
  private readonly parts: {
    kind: HTMLElement;
    term: HTMLElement;
    text: HTMLElement;
    sourcesLabel: HTMLElement;
    sources: HTMLUListElement;
    all: HTMLAnchorElement;
    close: HTMLButtonElement;
  };

  constructor(
    private readonly root: HTMLElement,
    private readonly options: GlossPopoverOptions = {},
  ) {
    this.doc = root.ownerDocument;
    this.native =
      options.native ?? typeof (HTMLElement.prototype as { showPopover?: unknown }).showPopover === 'function';
    const { element, parts } = this.build();
    this.element = element;
    this.parts = parts;
    root.append(element);
    for (const word of this.words()) {
      word.setAttribute('role', 'button');
      word.setAttribute('aria-haspopup', 'dialog');
      word.setAttribute('aria-expanded', 'false');
      word.setAttribute('aria-controls', GLOSS_POPOVER_ID);
    }
    const { signal } = this.abort;
    root.addEventListener('click', this.onClick, { signal });
    root.addEventListener('keydown', this.onWordKeydown, { signal });
    this.doc.addEventListener('keydown', this.onEscape, { signal });
    this.doc.addEventListener('pointerdown', this.onPointerDown, { capture: true, signal });
    element.addEventListener('focusout', this.onFocusOut, { signal });
    parts.close.addEventListener('click', () => this.close(true), { signal });
    parts.all.addEventListener('click', this.onAllEntries, { signal });
    window.addEventListener('resize', () => this.position(), { signal });
  }

  /** The glossed word whose entry is open, or null. */
  get openWord(): HTMLElement | null {
    return this.current;
  }

  /**
   * Opens the entry of glossed word `word` beside it and moves focus into it.
   * @returns false when the word has no entry on the page (nothing opens then)
   */
  open(word: HTMLElement): boolean {
    const entry = this.entryOf(word);
    if (!entry) return false;
    if (this.current) this.close(false);
    this.fill(entry);
    this.current = word;
    word.setAttribute('aria-expanded', 'true');
    // Next to the word's paragraph in the document (never inside a sentence: its text must stay
    // the sentence's), so reading and tabbing on from the entry continue after that paragraph.
    const anchor = word.closest('p, li, dd, aside') ?? word;
    if (anchor.nextElementSibling !== this.element) anchor.after(this.element);
    if (this.native) (this.element as HTMLElement & { showPopover(): void }).showPopover();
    else this.element.hidden = false;
    this.position();
    this.element.focus();
    return true;
  }

  /** Closes the open entry; with `returnFocus`, focus goes back to its word. */
  close(returnFocus: boolean): void {
    const word = this.current;
    if (!word) return;
    this.current = null;
    word.setAttribute('aria-expanded', 'false');
    if (this.native) {
      const popover = this.element as HTMLElement & { hidePopover(): void };
      if (popover.matches(':popover-open')) popover.hidePopover();
    } else {
      this.element.hidden = true;
    }
    if (returnFocus) word.focus();
  }

  /** Removes the popover and the listeners, and gives the words back their plain link semantics. */
  stop(): void {
    this.close(false);
    this.abort.abort();
    this.element.remove();
    for (const word of this.words()) {
      for (const name of ['role', 'aria-haspopup', 'aria-expanded', 'aria-controls']) word.removeAttribute(name);
    }
  }

  private words(): HTMLElement[] {
    return Array.prototype.slice.call(this.root.querySelectorAll<HTMLElement>(GLOSS_SELECTOR));
  }

  private wordFrom(target: EventTarget | null): HTMLElement | null {
    const word = target instanceof Element ? target.closest<HTMLElement>(GLOSS_SELECTOR) : null;
    return word && this.root.contains(word) && !this.element.contains(word) ? word : null;
  }

  private entryOf(word: HTMLElement): EntryContent | null {
    const target = (word.getAttribute('href') ?? '').slice(1); // "gloss-<entry id>"
    const entry = this.doc.getElementById(target);
    if (!entry) return null;
    const id = target.slice('gloss-'.length);
    const text = (selector: string) => (entry.querySelector(selector)?.textContent ?? '').trim();
    return {
      id,
      kind: entry.getAttribute('data-kind-label') ?? '',
      term: text('.ne-gloss-term'),
      text: text('.ne-gloss-text'),
      sources: Array.prototype.map.call(entry.querySelectorAll('.ne-gloss-sources li'), (li: Element) =>
        (li.textContent ?? '').trim(),
      ) as string[],
    };
  }

  private build() {
    const doc = this.doc;
    const make = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, id?: string) => {
      const el = doc.createElement(tag);
      if (className) el.className = className;
      if (id) el.id = id;
      return el;
    };
    const element = make('div', 'ne-gloss-popover', GLOSS_POPOVER_ID);
    const kind = make('div', 'ne-gloss-popover-kind', `${GLOSS_POPOVER_ID}-kind`);
    const term = make('div', 'ne-gloss-popover-title', `${GLOSS_POPOVER_ID}-title`);
    const text = make('div', 'ne-gloss-popover-text', `${GLOSS_POPOVER_ID}-text`);
    const sourcesBox = make('div', 'ne-gloss-popover-sources');
    const sourcesLabel = make('div', 'ne-gloss-popover-sources-label');
    const sources = make('ul', '');
    const actions = make('div', 'ne-gloss-popover-actions');
    const all = make('a', '');
    all.textContent = 'All glossary entries';
    const close = make('button', 'ne-button');
    close.type = 'button';
    close.textContent = 'Close';
    sourcesBox.append(sourcesLabel, sources);
    actions.append(all, close);
    element.append(kind, term, text, sourcesBox, actions);
    element.setAttribute('role', 'dialog');
    element.setAttribute('aria-labelledby', `${kind.id} ${term.id}`);
    element.setAttribute('aria-describedby', text.id);
    element.tabIndex = -1;
    if (this.native) element.setAttribute('popover', 'manual');
    else element.hidden = true;
    return { element, parts: { kind, term, text, sourcesLabel, sources, all, close } };
  }

  private fill(entry: EntryContent): void {
    const { kind, term, text, sourcesLabel, sources, all } = this.parts;
    kind.textContent = entry.kind;
    term.textContent = entry.term;
    text.textContent = entry.text;
    sourcesLabel.textContent = entry.sources.length === 1 ? 'Source:' : 'Sources:';
    sources.textContent = '';
    for (const source of entry.sources) {
      const li = this.doc.createElement('li');
      li.textContent = source;
      sources.append(li);
    }
    all.href = `#gloss-${entry.id}`;
  }

  /**
   * Below the word (above it when there is no room below but room above), inside the window and
   * clear of the bars at its top and bottom; where neither side has room, on the roomier side.
   */
  private position(): void {
    const word = this.current;
    if (!word) return;
    const el = this.element;
    const rects = word.getClientRects();
    const first = rects[0] ?? word.getBoundingClientRect();
    const last = rects[rects.length - 1] ?? first;
    const viewportWidth = this.doc.documentElement.clientWidth;
    const width = el.offsetWidth;
    const height = el.offsetHeight;
    const left = Math.max(GAP, Math.min(last.left, viewportWidth - width - GAP));
    const ceiling = (this.options.topInset?.() ?? 0) + GAP;
    const floor = window.innerHeight - (this.options.bottomInset?.() ?? 0) - GAP;
    const below = last.bottom + GAP;
    const above = first.top - GAP - height;
    const fitsBelow = below + height <= floor;
    const fitsAbove = above >= ceiling;
    const top = fitsBelow || (!fitsAbove && floor - below >= first.top - ceiling) ? below : above;
    // Viewport coordinates → the containing block's: the document for the top layer, else the
    // positioned ancestor (or the document when there is none).
    let baseLeft = -window.scrollX;
    let baseTop = -window.scrollY;
    const parent = this.native ? null : (el.offsetParent as HTMLElement | null);
    if (parent && getComputedStyle(parent).position !== 'static') {
      const box = parent.getBoundingClientRect();
      baseLeft = box.left + parent.clientLeft - parent.scrollLeft;
      baseTop = box.top + parent.clientTop - parent.scrollTop;
    }
    el.style.left = `${Math.round(left - baseLeft)}px`;
    el.style.top = `${Math.round(top - baseTop)}px`;
  }

  private readonly onClick = (event: MouseEvent): void => {
    const word = this.wordFrom(event.target);
    if (!word || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    if (word === this.current) {
      event.preventDefault();
      this.close(true);
    } else if (this.entryOf(word)) {
      event.preventDefault(); // not the link's jump, and not the narration's "read from here"
      this.open(word);
    }
  };

  /** Space opens, like a button (Enter already clicks a link). */
  private readonly onWordKeydown = (event: KeyboardEvent): void => {
    if (event.key !== ' ' && event.key !== 'Spacebar') return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    const word = this.wordFrom(event.target);
    if (!word || !this.entryOf(word)) return;
    event.preventDefault();
    if (word === this.current) this.close(true);
    else this.open(word);
  };

  private readonly onEscape = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' && event.key !== 'Esc') return;
    const active = this.doc.activeElement;
    if (!this.current || !(active === this.current || this.element.contains(active))) return;
    event.preventDefault();
    event.stopPropagation();
    this.close(true);
  };

  /** A press outside the entry and its word closes it (the press goes on to whatever it was on). */
  private readonly onPointerDown = (event: Event): void => {
    if (!this.current) return;
    const target = event.target as Node | null;
    if (target && (this.element.contains(target) || this.current.contains(target))) return;
    this.close(false);
  };

  /** Focus moving on (Tab past Close, or into another part of the page) closes the entry. */
  private readonly onFocusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget as Node | null;
    if (!this.current || !next || this.element.contains(next) || next === this.current) return;
    this.close(false);
  };

  /** "All glossary entries": the link jumps to the entry; focus follows it there. */
  private readonly onAllEntries = (): void => {
    const id = this.parts.all.getAttribute('href')?.slice(1) ?? '';
    this.close(false);
    setTimeout(() => {
      const entry = this.doc.getElementById(id);
      if (!entry) return;
      if (!entry.hasAttribute('tabindex')) entry.tabIndex = -1;
      entry.focus({ preventScroll: true });
    }, 0);
  };
}
