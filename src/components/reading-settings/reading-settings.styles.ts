/**
 * Styles of <reading-settings>: the dialog frame, buttons, focus ring and option rows shared with
 * the other dialogs (../../ui/), then this dialog's own controls. Must hold at 320 CSS px wide,
 * 256 px high and 300% text.
 */
import { css } from 'lit';
import { dialogFrameStyles } from '../../ui/dialog-frame.styles.ts';
import { buttonStyles, focusRingStyles, optionStyles } from '../../ui/control.styles.ts';

export const readingSettingsStyles = [
  dialogFrameStyles,
  buttonStyles,
  focusRingStyles,
  optionStyles,
  css`
  dialog {
    hyphens: manual;
  }
  /* The reset row is a div: a <footer> in a dialog would be a contentinfo landmark. */
  .footer {
    padding: 0.75em 1em;
  }
  .close {
    flex: none;
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
  /* Rows of radios wrap side by side: each at least one target wide; the chosen one in bold. */
  .option {
    min-inline-size: var(--_target);
  }
  .option:has(:checked) {
    font-weight: 700;
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
    padding: 0.25em 1em;
    text-align: center;
  }

  .status {
    margin: 0;
    padding: 0 1em;
  }

  @media (forced-colors: active) {
    fieldset {
      border-color: ButtonBorder;
    }
    .description {
      color: CanvasText;
    }
  }
`,
];
