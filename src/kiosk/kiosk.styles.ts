/**
 * Styles shared by the kiosk components: tokens mapped to private --_x properties (fallbacks
 * repeat the cream theme), 48 × 48 px minimum targets, the native <dialog> look of the other
 * dialogs (narration-help), a 3 px focus ring, and forced-colours fallbacks.
 */
import { css } from 'lit';
import { dialogPolyfillStyles } from '../ui/dialog-frame.styles.ts';

export const kioskStyles = css`
  ${dialogPolyfillStyles}
  :host {
    --_bg: var(--ne-surface, #f0e9d2);
    --_page: var(--ne-bg, #fbf7ea);
    --_text: var(--ne-text, #1a1a1a);
    --_muted: var(--ne-text-muted, #36332b);
    --_border: var(--ne-border, #6e6656);
    --_focus: var(--ne-focus, #003f8a);
    --_font: var(--ne-font-family, 'Atkinson Hyperlegible', Verdana, Arial, system-ui, sans-serif);
    --_ui-scale: var(--ne-text-scale, 1);
    /* Kiosk targets: at least 48 × 48 CSS px (R36), more with the text size. */
    --_target: max(48px, 3rem);
    font-family: var(--_font);
  }
  @media (max-width: 30em), (max-height: 30em) {
    :host {
      --_ui-scale: min(var(--ne-text-scale, 1), 1.5);
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    min-block-size: var(--_target);
    min-inline-size: var(--_target);
    max-inline-size: 100%;
    margin: 0;
    padding: 0.25em 0.875em;
    border: 2px solid var(--_border);
    border-radius: 0.375rem;
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
    font-weight: 700;
    letter-spacing: inherit;
    word-spacing: inherit;
    overflow-wrap: anywhere;
    cursor: pointer;
    touch-action: manipulation;
    user-select: none;
  }
  button:hover {
    border-color: var(--_text);
  }
  button[aria-disabled='true'] {
    border-style: dashed;
    color: var(--_muted);
    cursor: not-allowed;
  }
  button:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  button:focus:not(:focus-visible) {
    outline: none;
  }
  .icon {
    flex: none;
    inline-size: 1.25em;
    block-size: 1.25em;
  }
  dialog {
    inline-size: min(40rem, 100%);
    max-inline-size: 100%;
    max-block-size: 100vh;
    max-block-size: 100dvh;
    margin: auto;
    padding: 1.25em 1.5em;
    border: 2px solid var(--_border);
    border-radius: 0.5rem;
    background: var(--_bg);
    color: var(--_text);
    font-family: var(--_font);
    font-size: calc(1.125rem * var(--_ui-scale));
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
  dialog:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: -5px;
  }
  h2 {
    margin: 0 0 0.5em;
    font-size: 1.35em;
    line-height: 1.3;
  }
  p {
    margin: 0 0 0.75em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
    margin-block-start: 1em;
  }
  @media (forced-colors: active) {
    dialog {
      border-color: CanvasText;
    }
    button {
      border-color: ButtonBorder;
      background: ButtonFace;
      color: ButtonText;
    }
    button[aria-disabled='true'] {
      border-color: GrayText;
      color: GrayText;
    }
    button:focus,
    dialog:focus-visible {
      outline-color: Highlight;
    }
  }
`;
