/**
 * The frame every narration dialog shares (Reading settings, Voices, Keyboard shortcuts): token
 * mapping, a modal <dialog> that fits 320 CSS px and large text (scrolling body, sticky header),
 * the backdrop and the heading. Components add their own rules after it. Its parts
 * `dialogPolyfillStyles` and `dialogSurfaceStyles` are also for the kiosk's dialogs, which have a
 * layout of their own.
 */
import { css } from 'lit';
import { controlTokens } from './control.styles.ts';

/**
 * What a browser without `<dialog>` needs for dialog-polyfill (./modal-dialog.ts): the rules of
 * its dialog-polyfill.css, here because the dialog, its `.backdrop` (the dialog's next sibling)
 * and the `._dialog_overlay` (appended to the same parent) all live in the component's shadow
 * root. Only the polyfill's dialogs (class `polyfill`) and elements match, except the hiding of a
 * closed dialog, which browsers with `<dialog>` already do. Old syntax on purpose (no `inset`,
 * no space-separated `rgb()`): only old browsers use these rules.
 */
export const dialogPolyfillStyles = css`
    dialog.polyfill {
      display: block;
      position: fixed;
      top: 50%;
      right: 0;
      left: 0;
      max-height: 100%;
      margin: 0 auto;
      transform: translate(0, -50%);
    }
    dialog:not([open]) {
      display: none;
    }
    dialog.polyfill + .backdrop,
    ._dialog_overlay {
      position: fixed;
      top: 0;
      right: 0;
      bottom: 0;
      left: 0;
    }
    dialog.polyfill + .backdrop {
      background: rgba(0, 0, 0, 0.65);
    }
`;

/**
 * The dialog box itself: at most the viewport, scrolling inside, the surface colours and the
 * reader's font, line, letter and word spacing; a dimmed backdrop; a CanvasText border in forced
 * colours. Needs the tokens of ./control.styles.ts.
 */
export const dialogSurfaceStyles = css`
    ${dialogPolyfillStyles}
    dialog {
      inline-size: min(40rem, 100%);
      max-inline-size: 100%;
      max-block-size: 100vh;
      max-block-size: 100dvh;
      margin: auto;
      padding: 0;
      border: 2px solid var(--_border);
      border-radius: 0.5rem;
      background: var(--_bg);
      color: var(--_text);
      font-family: var(--_font);
      font-size: calc(1rem * var(--_ui-scale));
      line-height: var(--ne-line-height, 1.6);
      letter-spacing: var(--ne-letter-spacing, normal);
      word-spacing: var(--ne-word-spacing, normal);
      overflow-x: hidden;
      overflow-y: auto;
      overscroll-behavior: contain;
      overflow-wrap: anywhere;
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.65);
    }
    @media (forced-colors: active) {
      dialog {
        border-color: CanvasText;
      }
    }
`;

export const dialogFrameStyles = [
  controlTokens,
  dialogSurfaceStyles,
  css`
    :host {
      display: contents;
    }
    *,
    *::before,
    *::after {
      box-sizing: border-box;
    }
    /* The title row is a div: a <header> in a dialog would be a second banner landmark. */
    .header,
    .body {
      padding: 0.75em 1em;
    }
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5em 1em;
      background: var(--_bg);
      border-block-end: 1px solid var(--_border);
    }
    /* Keep the Close button in view only when the screen is tall enough to spare the room. */
    @media (min-height: 30em) {
      .header {
        position: sticky;
        top: 0;
        z-index: 1;
      }
    }
    h2 {
      flex: 1 1 10em;
      min-inline-size: 0;
      margin: 0;
      font-size: 1.25em;
      line-height: 1.3;
    }
  `,
];
