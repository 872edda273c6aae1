/**
 * Styles shared by the kiosk components: the shared control tokens and button look
 * (../ui/control.styles.ts) with 48 × 48 px minimum targets, the dialog surface of the other
 * dialogs (../ui/dialog-frame.styles.ts) with more padding and larger text, and a 3 px focus ring.
 */
import { css } from 'lit';
import {
  buttonStyles,
  controlTokens,
  focusRingStyles,
  iconButtonStyles,
  unavailableButtonStyles,
} from '../ui/control.styles.ts';
import { dialogSurfaceStyles } from '../ui/dialog-frame.styles.ts';

export const kioskStyles = [
  controlTokens,
  buttonStyles,
  iconButtonStyles,
  unavailableButtonStyles,
  focusRingStyles,
  dialogSurfaceStyles,
  css`
    :host {
      /* Kiosk targets: at least 48 × 48 CSS px (R36), more with the text size. */
      --_target: max(48px, 3rem);
      font-family: var(--_font);
    }
    *,
    *::before,
    *::after {
      box-sizing: border-box;
    }
    button {
      justify-content: center;
      touch-action: manipulation;
      user-select: none;
    }
    dialog {
      padding: 1.25em 1.5em;
      font-size: calc(1.125rem * var(--_ui-scale));
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
  `,
];
