/**
 * Styles of <reload-notice>: a banner fixed at the bottom of the window, in the page tokens (--ne-*)
 * through private --_x properties (../../ui/control.styles.ts); a 44 px Reload button (48 px in
 * kiosk mode) on the page colour, a 3 px focus ring, forced-colours fallbacks. Not printed.
 */
import { css } from 'lit';
import { buttonStyles, controlTokens, focusRingStyles } from '../../ui/control.styles.ts';

export const reloadNoticeStyles = [
  controlTokens,
  buttonStyles,
  focusRingStyles,
  css`
  :host {
    display: contents;
  }
  :host([kiosk]) {
    --_target: max(48px, 3rem);
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
    padding: 0.25em 1em;
    background: var(--_page);
  }
  @media (forced-colors: active) {
    .banner {
      border-color: CanvasText;
      background: Canvas;
      color: CanvasText;
    }
    button {
      background: ButtonFace;
    }
  }
  @media print {
    .banner {
      display: none;
    }
  }
`,
];
