/**
 * Styles of <reload-notice>: a banner fixed at the bottom of the window, in the page tokens (--ne-*)
 * through private --_x properties (fallbacks repeat the cream theme); a 44 px Reload button (48 px
 * in kiosk mode), a 3 px focus ring, forced-colours fallbacks. Not printed.
 */
import { css } from 'lit';

export const reloadNoticeStyles = css`
  :host {
    --_bg: var(--ne-surface, #f0e9d2);
    --_page: var(--ne-bg, #fbf7ea);
    --_text: var(--ne-text, #1a1a1a);
    --_border: var(--ne-border, #6e6656);
    --_focus: var(--ne-focus, #003f8a);
    --_font: var(--ne-font-family, 'Atkinson Hyperlegible', Verdana, Arial, system-ui, sans-serif);
    --_ui-scale: var(--ne-text-scale, 1);
    --_target: max(44px, 2.75rem);
    display: contents;
  }
  :host([kiosk]) {
    --_target: max(48px, 3rem);
  }
  @media (max-width: 30em), (max-height: 30em) {
    :host {
      --_ui-scale: min(var(--ne-text-scale, 1), 1.5);
    }
  }
  .banner {
    position: fixed;
    inset-inline: 0;
    inset-block-end: 0;
    z-index: 1000;
    box-sizing: border-box;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    max-block-size: 50vh;
    overflow: auto;
    padding: 0.75rem max(1rem, env(safe-area-inset-right)) max(0.75rem, env(safe-area-inset-bottom)) max(1rem, env(safe-area-inset-left));
    border-block-start: 3px solid var(--_text);
    background: var(--_bg);
    color: var(--_text);
    font-family: var(--_font);
    font-size: calc(1rem * var(--_ui-scale));
    line-height: 1.4;
    letter-spacing: var(--ne-letter-spacing, normal);
    word-spacing: var(--ne-word-spacing, normal);
  }
  .message {
    flex: 1 1 20rem;
    min-inline-size: 0;
  }
  p {
    margin: 0;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  button {
    min-block-size: var(--_target);
    min-inline-size: var(--_target);
    max-inline-size: 100%;
    margin: 0;
    padding: 0.25em 1em;
    border: 2px solid var(--_border);
    border-radius: 0.375rem;
    background: var(--_page);
    color: var(--_text);
    font: inherit;
    font-weight: 700;
    letter-spacing: inherit;
    word-spacing: inherit;
    overflow-wrap: anywhere;
    cursor: pointer;
  }
  button:hover {
    border-color: var(--_text);
  }
  button:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  button:focus:not(:focus-visible) {
    outline: none;
  }
  @media (forced-colors: active) {
    .banner {
      border-color: CanvasText;
      background: Canvas;
      color: CanvasText;
    }
    button {
      border-color: ButtonBorder;
      background: ButtonFace;
      color: ButtonText;
    }
    button:focus {
      outline-color: Highlight;
    }
  }
  @media print {
    .banner {
      display: none;
    }
  }
`;
