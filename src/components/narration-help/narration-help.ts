/**
 * <narration-help>: the "Keyboard shortcuts" modal dialog. It lists the narration shortcuts it is
 * handed, explains how to start reading from a sentence, and offers the narration options
 * (shortcuts on/off, Tab to each sentence, follow along). It sends the reader's choices up as
 * typed events and never stores them itself.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { NarrationOptionEvent, type NarrationOption } from '../narration-controls/events.ts';
import { ModalDialogElement } from '../../ui/modal-dialog-element.ts';
import { dialogFrameStyles } from '../../ui/dialog-frame.styles.ts';
import { buttonStyles, focusRingStyles, optionStyles } from '../../ui/control.styles.ts';

/** One row of the shortcut list. */
export interface NarrationShortcut {
  /** Key combination in `aria-keyshortcuts` form, e.g. "Alt+Shift+P". */
  keys: string;
  /** What it does, e.g. "Play or pause". */
  action: string;
}

/** Friendlier key names for display; `aria-keyshortcuts` names stay in the data. */
const KEY_NAMES: Record<string, string> = {
  ArrowLeft: 'Left arrow',
  ArrowRight: 'Right arrow',
  ArrowUp: 'Up arrow',
  ArrowDown: 'Down arrow',
  ' ': 'Space',
  ',': ', (comma)',
  '.': '. (full stop)',
};

/**
 * @summary Modal dialog listing the narration keyboard shortcuts, with the narration options.
 *
 * Open it with `show()` (or `open = true`); it remembers the element that had focus and gives
 * focus back to it on close, even inside another shadow root. Escape closes it (native `<dialog>`).
 *
 * @fires narration-option - `NarrationOptionEvent`: the reader switched "Use keyboard shortcuts"
 *   (`shortcuts`), "Tab to each sentence" (`tabToSentences`) or "Follow along" (`followAlong`).
 *   Fired on user action only.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart header - Title row with the Close button.
 * @csspart body - The list and the options.
 *
 * @cssprop --ne-surface - Dialog background.
 * @cssprop --ne-text - Text colour.
 * @cssprop --ne-text-muted - Help text colour.
 * @cssprop --ne-accent - Checkbox colour.
 * @cssprop --ne-border - Borders.
 * @cssprop --ne-focus - Focus ring.
 * @cssprop --ne-font-family - Font.
 * @cssprop --ne-text-scale - Text size factor.
 */
@customElement('narration-help')
export class NarrationHelpElement extends ModalDialogElement {
  static override styles = [
    dialogFrameStyles,
    buttonStyles,
    focusRingStyles,
    optionStyles,
    css`
    h3 {
      margin: 0 0 0.5em;
      font-size: 1.1em;
      line-height: 1.3;
    }
    .body {
      display: flex;
      flex-direction: column;
      gap: 1.25em;
    }
    section {
      min-inline-size: 0;
    }
    p {
      margin: 0 0 0.5em;
    }
    .muted {
      color: var(--_muted);
    }
    dl {
      display: grid;
      grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
      gap: 0.5em 1.25em;
      margin: 0;
    }
    dt {
      font-weight: 700;
    }
    dd {
      margin: 0;
    }
    /* One column when the screen is narrow (400% zoom) or the text is large. */
    @media (max-width: 30em) {
      dl {
        grid-template-columns: minmax(0, 1fr);
        gap: 0;
      }
      dd {
        margin-block-end: 0.75em;
      }
    }
    /* A combination is a <kbd> of <kbd> keys; only the single keys get a key-cap border. */
    dt > kbd {
      font-family: inherit;
    }
    kbd kbd {
      display: inline-block;
      padding: 0 0.35em;
      border: 1px solid var(--_border);
      border-block-end-width: 2px;
      border-radius: 0.25em;
      font-family: inherit;
      font-size: 0.95em;
      white-space: nowrap;
    }
    .plus {
      padding: 0 0.15em;
    }
    .options {
      display: flex;
      flex-direction: column;
      gap: 0.5em;
    }
    button {
      flex: none;
      padding: 0.25em 1em;
    }
    @media (forced-colors: active) {
      kbd kbd {
        border-color: ButtonBorder;
      }
      .muted {
        color: CanvasText;
      }
    }
  `,
  ];

  /** The shortcuts to list, in order. */
  @property({ attribute: false }) shortcuts: NarrationShortcut[] = [];

  /** "Use keyboard shortcuts" is on. */
  @property({ type: Boolean }) enabled = false;

  /** "Tab to each sentence" is on. */
  @property({ type: Boolean, attribute: 'tab-to-sentences' }) tabToSentences = false;

  /** "Follow along" (keep the sentence being read in view) is on. */
  @property({ type: Boolean, attribute: 'follow-along' }) followAlong = false;

  // ---- Handlers ----

  private onToggle(option: NarrationOption, event: Event): void {
    const value = (event.target as HTMLInputElement).checked;
    this.dispatchEvent(new NarrationOptionEvent(option, value));
  }

  // ---- Rendering ----

  override render() {
    return html`
      <dialog part="dialog" aria-labelledby="title" @close=${this.onDialogClose}>
        <div class="header" part="header">
          <h2 id="title">Keyboard shortcuts</h2>
          <button type="button" @click=${this.onCloseClick}>Close</button>
        </div>
        <div class="body" part="body">
          <section>
            <h3>Shortcuts</h3>
            <p>
              The shortcuts use Alt and Shift together, so they do not clash with the keys of screen readers or
              of the browser. They work anywhere on the page while “Use keyboard shortcuts” is on.
            </p>
            ${this.shortcuts.length > 0
              ? html`<dl>${this.shortcuts.map((s) => this.renderShortcut(s))}</dl>`
              : html`<p class="muted">No shortcuts are set up.</p>`}
          </section>
          <section>
            <h3>Reading from a sentence</h3>
            <p>
              Click or tap a sentence to read aloud from there. With “Tab to each sentence” on, you can also move to
              a sentence with the Tab key and press Enter or Space to read from it.
            </p>
          </section>
          <section>
            <h3>Options</h3>
            <div class="options">
              ${this.renderOption('shortcuts', 'Use keyboard shortcuts', this.enabled)}
              ${this.renderOption('tabToSentences', 'Tab to each sentence', this.tabToSentences)}
              ${this.renderOption('followAlong', 'Follow along (keep the sentence being read in view)', this.followAlong)}
            </div>
          </section>
        </div>
      </dialog>
    `;
  }

  private renderShortcut(s: NarrationShortcut): TemplateResult {
    const keys = s.keys.split('+').filter((k) => k !== '');
    return html`
      <dt>
        <kbd>${keys.map(
          (k, i) => html`${i > 0 ? html`<span class="plus">+</span>` : nothing}<kbd>${KEY_NAMES[k] ?? k}</kbd>`,
        )}</kbd>
      </dt>
      <dd>${s.action}</dd>
    `;
  }

  private renderOption(option: NarrationOption, label: string, checked: boolean): TemplateResult {
    return html`
      <label class="option">
        <input type="checkbox" name=${option} .checked=${live(checked)} @change=${(e: Event) => this.onToggle(option, e)} />
        <span>${label}</span>
      </label>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'narration-help': NarrationHelpElement;
  }
}
