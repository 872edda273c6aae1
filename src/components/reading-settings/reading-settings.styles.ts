/**
 * Styles of <reading-settings>. Colours and fonts come from the page tokens (--ne-*) through
 * private --_x properties; the fallbacks repeat the cream theme so the dialog is legible even
 * without tokens.css. Must hold at 320 CSS px wide, 256 px high and 300% text.
 */
import { css } from 'lit';
import { dialogPolyfillStyles } from '../../ui/dialog-frame.styles.ts';

export const readingSettingsStyles = css`
  ${dialogPolyfillStyles}
  :host {
    --_bg: var(--ne-surface, #f0e9d2);
    --_text: var(--ne-text, #1a1a1a);
    --_muted: var(--ne-text-muted, #36332b);
    --_accent: var(--ne-accent, #003f8a);
    --_border: var(--ne-border, #6e6656);
    --_focus: var(--ne-focus, #003f8a);
    --_font: var(--ne-font-family, 'Atkinson Hyperlegible', Verdana, Arial, system-ui, sans-serif);
    --_scale: var(--ne-text-scale, 1);
    /* Interface text follows the reader's text size ... */
    --_ui-scale: var(--_scale);
    --_line-height: var(--ne-line-height, 1.6);
    --_target: max(44px, 2.75rem);
    display: contents;
  }
  /*
   * ... but on a small or heavily zoomed viewport (320 CSS px = 400% zoom) the zoom already
   * enlarges it, and 3 × 16 px words would not fit a 320 px line: cap the extra scale at 1.5.
   */
  @media (max-width: 30em), (max-height: 30em) {
    :host {
      --_ui-scale: min(var(--_scale), 1.5);
    }
  }

  dialog {
    box-sizing: border-box;
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
    line-height: var(--_line-height);
    letter-spacing: var(--ne-letter-spacing, normal);
    word-spacing: var(--ne-word-spacing, normal);
    overflow-x: hidden;
    overflow-y: auto;
    overscroll-behavior: contain;
    overflow-wrap: anywhere;
    hyphens: manual;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.65);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  /* Title and reset rows are divs: a <header>/<footer> in a dialog would be a banner/contentinfo landmark. */
  .header,
  .body,
  .footer {
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
  .close {
    flex: none;
  }
  h2 {
    flex: 1 1 10em;
    margin: 0;
    font-size: 1.25em;
    font-weight: 700;
    line-height: 1.3;
    min-inline-size: 0;
  }

  .body {
    display: flex;
    flex-direction: column;
    gap: 1em;
  }
  .setting {
    min-inline-size: 0;
    margin: 0;
  }
  fieldset {
    min-inline-size: 0; /* the default min-content would overflow at 320 px */
    margin: 0;
    padding: 0.5em 0.75em 0.75em;
    border: 1px solid var(--_border);
    border-radius: 0.375rem;
  }
  legend {
    padding: 0 0.25em;
    font-weight: 700;
  }
  .options {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .option {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-block-size: var(--_target);
    min-inline-size: var(--_target);
    max-inline-size: 100%;
    padding: 0.25em 0.75em 0.25em 0.5em;
    border: 1px solid var(--_border);
    border-radius: 0.375rem;
    cursor: pointer;
  }
  .option:has(:checked) {
    border-width: 3px;
    font-weight: 700;
  }
  .option > span {
    min-inline-size: 0;
  }
  input[type='radio'],
  input[type='checkbox'] {
    flex: none;
    /* The whole label is the 44 px target; the box itself is at least 24 px (WCAG 2.5.8). */
    inline-size: max(24px, 1.5em);
    block-size: max(24px, 1.5em);
    margin: 0;
    accent-color: var(--_accent);
  }

  .range-label {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 1em;
  }
  .range-label label {
    font-weight: 700;
  }
  .value {
    font-variant-numeric: tabular-nums;
  }
  input[type='range'] {
    display: block;
    inline-size: 100%;
    min-inline-size: 0;
    block-size: var(--_target);
    margin: 0;
    accent-color: var(--_accent);
    cursor: pointer;
  }

  .description {
    margin: 0.25em 0 0;
    color: var(--_muted);
  }

  .presets {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.25em;
  }

  .footer {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
    border-block-start: 1px solid var(--_border);
  }

  button {
    min-block-size: var(--_target);
    min-inline-size: var(--_target);
    max-inline-size: 100%;
    padding: 0.25em 1em;
    border: 2px solid var(--_border);
    border-radius: 0.375rem;
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
    font-weight: 700;
    letter-spacing: inherit;
    word-spacing: inherit;
    text-align: center;
    cursor: pointer;
  }
  button:hover {
    border-color: var(--_text);
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
  .option:has(input:focus-visible) {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  /* Chrome can focus the dialog itself (a keyboard-focusable scroller, or Tab wrapping around). */
  dialog:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: -5px;
  }

  .status {
    margin: 0;
    padding: 0 1em;
  }

  @media (forced-colors: active) {
    dialog {
      border-color: CanvasText;
    }
    fieldset,
    .option,
    button {
      border-color: ButtonBorder;
    }
    button:focus,
    input:focus,
    .option:has(input:focus-visible),
    dialog:focus-visible {
      outline-color: Highlight;
    }
    .option:has(:checked) {
      border-color: Highlight;
    }
    .description {
      color: CanvasText;
    }
  }
`;
