/**
 * Styles of <narration-controls>. Colours, fonts, the button look and the focus ring come from
 * ../../ui/control.styles.ts (page tokens through private --_x properties). The reader bar is one
 * row (Play/Pause the largest target, then previous/next sentence, position and speaker, "More");
 * as the window narrows, labels become tooltips instead of wrapping. The "More" panel and the
 * kiosk's all-in-view layout wrap instead of overflowing: they must hold at 320 CSS px wide and
 * with large text (the extra text scale is capped at 1.5 on small or zoomed screens).
 */
import { css, type CSSResult } from 'lit';
import {
  buttonStyles,
  controlTokens,
  focusRingStyles,
  iconButtonStyles,
  unavailableButtonStyles,
  visuallyHidden,
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

  button {
    position: relative;
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
  /* The primary control: the largest target of the bar. */
  .toggle {
    --_toggle: max(52px, 3.25rem);
    min-block-size: var(--_toggle);
    min-inline-size: calc(var(--_toggle) + 0.5rem);
    justify-content: center;
    padding-inline: 0.75em 1em;
  }
  .toggle .icon {
    inline-size: 1.625em;
    block-size: 1.625em;
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
  .position > span:not(.visually-hidden) {
    min-block-size: 1.5em;
    min-block-size: 1lh;
  }
  .sentence {
    white-space: nowrap;
  }

  /* ---- Kiosk: every control in view, wrapping (the layout of the bar before "More") ---- */
  .transport,
  .more {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
    min-inline-size: 0;
    max-inline-size: 100%;
  }
  /* Reserved widths: the longest texts are "193 / 193" and "Speaker: Secretary". */
  .all .position .sentence {
    min-inline-size: 5em;
  }
  .all .position .speaker {
    min-inline-size: 9.5em;
  }

  /* ---- The reader bar: one row, "More" at its end, the panel below (or above) it ---- */
  .bar {
    position: relative;
    flex-wrap: nowrap;
    flex-direction: column;
    align-items: stretch;
    gap: var(--_gap);
  }
  .main {
    display: flex;
    align-items: center;
    gap: var(--_gap);
    min-inline-size: 0;
  }
  .main .position {
    flex: 1 1 0;
    flex-direction: column;
    gap: 0;
    padding-inline: 0.25em;
    line-height: 1.25;
    color: var(--_text);
  }
  .main .position .sentence {
    font-weight: 700;
  }
  /* Only the position and Resume give way when the row is short of room; the buttons keep their size. */
  .main > button {
    flex: none;
  }
  .main > .resume {
    flex: 0 1 auto;
    min-inline-size: 0;
  }
  .more-button {
    flex: none;
    margin-inline-start: auto;
  }
  .more-button[aria-expanded='true'] {
    border-color: var(--_text);
    box-shadow: inset 0 -4px 0 var(--_text);
  }
  .panel {
    position: absolute;
    z-index: 3;
    inset-inline-end: 0;
    top: var(--ne-bar-popup-top, calc(100% + 0.5rem));
    bottom: var(--ne-bar-popup-bottom, auto);
    display: flex;
    flex-direction: column;
    align-items: stretch;
    gap: var(--_gap);
    box-sizing: border-box;
    inline-size: min(24rem, calc(100vw - 1rem));
    max-block-size: max(8rem, calc(100vh - var(--ne-toolbar-height, 3.5rem) - 1.5rem));
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 0.75rem;
    border: 2px solid var(--_text);
    border-radius: 0.5rem;
    background: var(--_bg);
    box-shadow: 0 0.25rem 1rem rgb(0 0 0 / 0.35);
  }
  .panel[hidden] {
    display: none;
  }
  .panel .pair {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
  }
  .panel .pair > button {
    flex: 1 1 10em;
  }
  .panel .speed {
    padding-inline: 0.25em;
  }

  /* Phone: the bar docks at the bottom (page.css); a tighter row, the short position. */
  @media (max-width: 37.5em) {
    .main {
      gap: 0.375rem;
    }
    .main .position {
      font-size: 0.8125em;
    }
    /* "Loading…" is brief: the toggle keeps the width of "Pause", leaving room for the position. */
    .toggle .ghost[data-face='loading'] {
      display: none;
    }
    .toggle {
      padding-inline: 0.5em 0.75em;
    }
    .speaker-prefix {
      ${visuallyHidden}
    }
    .main .resume {
      font-size: 0.8125em;
      padding-inline: 0.5em;
      line-height: 1.2;
    }
    /* Resume from sentence N says where reading stands: on a phone it takes the position's place. */
    .main:has(> .resume) > .position {
      display: none;
    }
    .main .resume .icon {
      display: none;
    }
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
    .panel {
      border-color: CanvasText;
      box-shadow: none;
    }
    .more-button[aria-expanded='true'] {
      box-shadow: inset 0 -4px 0 ButtonText;
    }
  }
`,
  // Labels kept as tooltips: Previous/Next sentence always (icon buttons beside Play), "More" on
  // a phone, and Play/Pause itself at 360 px and less.
  css`
    ${tooltip(css`.label[data-fit='icon']`)}
    @media (max-width: 37.5em) {
      ${tooltip(css`.label[data-fit='phone']`)}
    }
    @media (max-width: 22.5em) {
      ${tooltip(css`.label[data-fit='tiny']`)}
    }
  `,
];

/**
 * Rules that turn the labels matched by `label` into tooltips: hidden (still the button's
 * accessible name) until the button is focused from the keyboard or hovered by a pointer that can
 * hover, or for a moment after a tap or long press (`data-tip`: a touch cannot hover), then shown in a box below the bar (above it where the
 * page docks the bar at the bottom: `--ne-bar-popup-*`). The button becomes a square icon button.
 */
function tooltip(label: CSSResult) {
  const shown = css`
    z-index: 4;
    inset-inline-start: 50%;
    top: var(--ne-bar-popup-top, calc(100% + 0.375rem));
    bottom: var(--ne-bar-popup-bottom, auto);
    translate: -50% 0;
    inline-size: auto;
    block-size: auto;
    margin: 0;
    padding: 0.25em 0.5em;
    overflow: visible;
    clip-path: none;
    border: 1px solid var(--_bg);
    border-radius: 0.25rem;
    background: var(--_text);
    color: var(--_bg);
    font-weight: 700;
    pointer-events: none;
  `;
  /* The last button's tooltip lines up with its end, so it never leaves the window. */
  const atEnd = css`
    inset-inline-start: auto;
    inset-inline-end: 0;
    translate: none;
  `;
  return css`
    .bar ${label} {
      ${visuallyHidden}
    }
    .bar button:focus-visible > ${label},
    .bar button[data-tip] > ${label} {
      ${shown}
    }
    .bar .more-button:focus-visible > ${label},
    .bar .more-button[data-tip] > ${label} {
      ${atEnd}
    }
    @media (hover: hover) {
      .bar button:hover > ${label} {
        ${shown}
      }
      .bar .more-button:hover > ${label} {
        ${atEnd}
      }
    }
    .bar button:has(> ${label}) {
      justify-content: center;
      padding-inline: 0;
    }
    @media (forced-colors: active) {
      .bar button:hover > ${label},
      .bar button:focus-visible > ${label},
      .bar button[data-tip] > ${label} {
        border-color: CanvasText;
        background: Canvas;
        color: CanvasText;
      }
    }
  `;
}
