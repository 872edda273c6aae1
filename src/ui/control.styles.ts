/**
 * Style pieces every control component composes (the toolbar, the narration controls, the
 * dialogs, the reload notice, the kiosk): the page tokens (--ne-*) mapped to private --_x
 * properties, the base button look, the 3 px focus ring, the checkbox/radio rows, and their
 * forced-colours (Windows High Contrast) fallbacks. A component lists the pieces it needs, then
 * only what differs: `static styles = [controlTokens, buttonStyles, focusRingStyles, css`…`]`.
 */
import { css } from 'lit';

/**
 * The page tokens as private --_x properties on `:host`; the fallbacks repeat the cream theme so a
 * component is legible even without tokens.css. Controls are at least 44 × 44 CSS px (`--_target`;
 * the kiosk raises it to 48). Interface text follows the reader's text size (`--_ui-scale`), but
 * on a small or heavily zoomed viewport (320 CSS px = 400% zoom) the zoom already enlarges it and
 * 3 × 16 px words would not fit a 320 px line: the extra scale is capped at 1.5 there.
 */
export const controlTokens = css`
  :host {
    --_bg: var(--ne-surface, #f0e9d2);
    --_page: var(--ne-bg, #fbf7ea);
    --_text: var(--ne-text, #1a1a1a);
    --_muted: var(--ne-text-muted, #36332b);
    --_accent: var(--ne-accent, #003f8a);
    --_border: var(--ne-border, #6e6656);
    --_focus: var(--ne-focus, #003f8a);
    --_font: var(--ne-font-family, 'Atkinson Hyperlegible', Verdana, Arial, system-ui, sans-serif);
    --_ui-scale: var(--ne-text-scale, 1);
    --_target: max(44px, 2.75rem);
  }
  @media (max-width: 30em), (max-height: 30em) {
    :host {
      --_ui-scale: min(var(--ne-text-scale, 1), 1.5);
    }
  }
`;

/**
 * What every button shares: the target size, a 2 px border that darkens on hover, the surface
 * colours, the inherited font in bold and the reader's letter and word spacing. Display, padding
 * and alignment differ between components and stay with them.
 */
export const buttonStyles = css`
  button {
    min-block-size: var(--_target);
    min-inline-size: var(--_target);
    max-inline-size: 100%;
    margin: 0;
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
  }
  button:hover {
    border-color: var(--_text);
  }
  @media (forced-colors: active) {
    button {
      border-color: ButtonBorder;
      background: ButtonFace;
      color: ButtonText;
    }
  }
`;

/**
 * A button with an icon (`<svg class="icon">`) beside its label: one row, icon and text centred on
 * each other, the icon at text size and a little more.
 */
export const iconButtonStyles = css`
  button {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    padding: 0.25em 0.875em;
  }
  .icon {
    flex: none;
    inline-size: 1.25em;
    block-size: 1.25em;
  }
`;

/**
 * An unavailable button (`aria-disabled`, still focusable so it can say why): a dashed border, and
 * text that keeps at least 7:1 contrast.
 */
export const unavailableButtonStyles = css`
  button[aria-disabled='true'] {
    border-style: dashed;
    color: var(--_muted);
    cursor: not-allowed;
  }
  @media (forced-colors: active) {
    button[aria-disabled='true'] {
      border-color: GrayText;
      color: GrayText;
    }
  }
`;

/**
 * Focus: a 3 px ring in --ne-focus (Highlight in forced colours). `:focus` comes first, in rules of
 * its own, for browsers without `:focus-visible`. Chrome can focus a dialog itself (a
 * keyboard-focusable scroller, or Tab wrapping around): its ring is drawn inside.
 */
export const focusRingStyles = css`
  button:focus,
  input:focus,
  select:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  button:focus:not(:focus-visible),
  input:focus:not(:focus-visible),
  select:focus:not(:focus-visible) {
    outline: none;
  }
  dialog:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: -5px;
  }
  @media (forced-colors: active) {
    button:focus,
    input:focus,
    select:focus {
      outline-color: Highlight;
    }
    dialog:focus-visible {
      outline-color: Highlight;
    }
  }
`;

/**
 * A checkbox or radio with its label as one bordered row (`<label class="option"><input><span>`):
 * the whole row is the 44 px target, the box itself at least 24 px (WCAG 2.5.8); a thicker border
 * when checked, and the focus ring around the row.
 */
export const optionStyles = css`
  .option {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-block-size: var(--_target);
    max-inline-size: 100%;
    padding: 0.25em 0.75em 0.25em 0.5em;
    border: 1px solid var(--_border);
    border-radius: 0.375rem;
    cursor: pointer;
  }
  .option:has(:checked) {
    border-width: 3px;
  }
  .option > span {
    min-inline-size: 0;
  }
  input[type='radio'],
  input[type='checkbox'] {
    flex: none;
    inline-size: max(24px, 1.5em);
    block-size: max(24px, 1.5em);
    margin: 0;
    accent-color: var(--_accent);
  }
  .option:has(input:focus-visible) {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  @media (forced-colors: active) {
    .option {
      border-color: ButtonBorder;
    }
    .option:has(:checked) {
      border-color: Highlight;
    }
    .option:has(input:focus-visible) {
      outline-color: Highlight;
    }
  }
`;

/**
 * The declarations that hide an element from sight but not from screen readers (still read, still
 * its button's accessible name), for rules that hide text only in some states or widths.
 */
export const visuallyHidden = css`
  position: absolute;
  inline-size: 1px;
  block-size: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
  border: 0;
`;

/** `.visually-hidden`: read by screen readers, not shown. */
export const visuallyHiddenStyles = css`
  .visually-hidden {
    ${visuallyHidden}
  }
`;
