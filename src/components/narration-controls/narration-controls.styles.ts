/**
 * Styles of <narration-controls>. Colours, fonts, the button look and the focus ring come from
 * ../../ui/control.styles.ts (page tokens through private --_x properties). The controls wrap
 * instead of overflowing: they must hold at 320 CSS px wide and with large text (the extra text
 * scale is capped at 1.5 on small or zoomed screens).
 */
import { css } from 'lit';
import {
  buttonStyles,
  controlTokens,
  focusRingStyles,
  iconButtonStyles,
  unavailableButtonStyles,
  visuallyHiddenStyles,
} from '../../ui/control.styles.ts';

export const narrationControlsStyles = [
  controlTokens,
  buttonStyles,
  iconButtonStyles,
  unavailableButtonStyles,
  focusRingStyles,
  visuallyHiddenStyles,
  css`
  :host {
    --_gap: 0.5rem;
    display: block;
    min-inline-size: 0;
    color: var(--_text);
    font-family: var(--_font);
    font-size: calc(1rem * var(--_ui-scale));
    line-height: 1.3;
    letter-spacing: var(--ne-letter-spacing, normal);
    word-spacing: var(--ne-word-spacing, normal);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap) 1rem;
    min-inline-size: 0;
  }
  .transport,
  .more {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
    min-inline-size: 0;
    max-inline-size: 100%;
  }

  button {
    text-align: start;
  }
  /* Unavailable: the border does not darken on hover either. */
  button[aria-disabled='true'] {
    border-color: var(--_border);
  }
  button > span {
    min-inline-size: 0;
  }

  /* Play/Pause/Loading…: every label in one grid cell, so the width never changes. */
  .faces {
    display: inline-grid;
  }
  .face {
    grid-area: 1 / 1;
  }
  .ghost {
    visibility: hidden;
  }

  .speed {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 0.5em;
    min-inline-size: 0;
  }
  .speed label {
    font-weight: 700;
  }
  input[type='range'] {
    flex: 1 1 8rem;
    inline-size: 10rem;
    min-inline-size: 0;
    max-inline-size: 100%;
    block-size: var(--_target);
    margin: 0;
    accent-color: var(--_accent);
    cursor: pointer;
  }
  .value {
    min-inline-size: 3.5ch;
    font-variant-numeric: tabular-nums;
  }

  .position {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1em;
    margin: 0;
    min-inline-size: 0;
    font-variant-numeric: tabular-nums;
  }
  /* Reserved widths: the longest texts are "Sentence 193 of 193" and "Speaker: Secretary". */
  .position .sentence {
    min-inline-size: 10.5em;
  }
  .position .speaker {
    min-inline-size: 9.5em;
  }
  .position > span {
    min-block-size: 1.5em;
    min-block-size: 1lh;
  }

  .error {
    flex: 1 1 100%;
    margin: 0;
    padding: 0.375em 0.75em;
    border: 2px solid var(--_text);
    border-inline-start-width: 0.5em;
    border-radius: 0.375rem;
    font-weight: 700;
    overflow-wrap: anywhere;
  }

  @media (forced-colors: active) {
    button[aria-disabled='true'] {
      border-color: GrayText;
    }
    .icon {
      color: inherit;
    }
    .error {
      border-color: CanvasText;
      color: CanvasText;
    }
  }
`,
];
