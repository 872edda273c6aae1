/**
 * Styles of <narration-controls>. Colours and fonts come from the page tokens (--ne-*) through
 * private --_x properties; the fallbacks repeat the cream theme. The controls wrap instead of
 * overflowing: they must hold at 320 CSS px wide and with large text (the extra text scale is
 * capped at 1.5 on small or zoomed screens, as in <reading-toolbar>).
 */
import { css } from 'lit';

export const narrationControlsStyles = css`
  :host {
    --_bg: var(--ne-surface, #f0e9d2);
    --_text: var(--ne-text, #1a1a1a);
    --_muted: var(--ne-text-muted, #36332b);
    --_accent: var(--ne-accent, #003f8a);
    --_border: var(--ne-border, #6e6656);
    --_focus: var(--ne-focus, #003f8a);
    --_font: var(--ne-font-family, 'Atkinson Hyperlegible', Verdana, Arial, system-ui, sans-serif);
    --_ui-scale: var(--ne-text-scale, 1);
    --_target: max(44px, 2.75rem);
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
  /* On a small or heavily zoomed viewport the zoom already enlarges the controls: cap the scale. */
  @media (max-width: 30em), (max-height: 30em) {
    :host {
      --_ui-scale: min(var(--ne-text-scale, 1), 1.5);
    }
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
    display: inline-flex;
    align-items: center;
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
    text-align: start;
    cursor: pointer;
  }
  button:hover {
    border-color: var(--_text);
  }
  /* Unavailable (aria-disabled, still focusable): dashed border, text keeps >= 7:1 contrast. */
  button[aria-disabled='true'] {
    border-style: dashed;
    border-color: var(--_border);
    color: var(--_muted);
    cursor: not-allowed;
  }
  .icon {
    flex: none;
    inline-size: 1.25em;
    block-size: 1.25em;
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

  /* Focus: a 3 px ring in --ne-focus; :focus first for browsers without :focus-visible. */
  button:focus,
  input:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  button:focus:not(:focus-visible),
  input:focus:not(:focus-visible) {
    outline: none;
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

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }

  @media (forced-colors: active) {
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
    input:focus {
      outline-color: Highlight;
    }
    .icon {
      color: inherit;
    }
    .error {
      border-color: CanvasText;
      color: CanvasText;
    }
  }
`;
