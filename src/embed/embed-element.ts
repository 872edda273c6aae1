/**
 * `embed.js`: lets another site show the edition with one script tag and one element:
 *
 *   <script src="https://example.org/edition/embed.js" defer></script>
 *   <narrated-edition theme="cream" narration-source="recorded" start-sentence="s-abc1234"></narrated-edition>
 *
 * The element frames the edition (an iframe inside a shadow root), so styles are isolated both
 * ways and the edition keeps its own scrolling, focus and sticky reader bar. Attributes become
 * the edition's URL options: `theme`, `kiosk`, `idle`, `speech`, `speech-rate`, `narration-source` (→ `narration`) and
 * `start-sentence` (→ `#<sentence id>`); `src` overrides where the edition lives (default: the
 * folder `embed.js` was loaded from); `label` names the frame for screen readers.
 * No framework: plain custom element, a few hundred bytes, runs in older browsers too.
 */

import { readPageOptions, writePageOptions } from '../page/page-options.ts';

const SCRIPT_BASE = (() => {
  const script = document.currentScript as HTMLScriptElement | null;
  return script?.src ? new URL('.', script.src).href : new URL('.', location.href).href;
})();

/** The element's own styles (in its shadow root). */
const STYLES = `
  :host { display: block; contain: content; }
  :host([hidden]) { display: none; }
  iframe {
    display: block;
    inline-size: 100%;
    block-size: var(--narrated-edition-height, min(85vh, 56rem));
    border: var(--narrated-edition-border, 1px solid #767676);
    border-radius: var(--narrated-edition-radius, 0.5rem);
    background: #fbf7ea;
  }`;

let sharedSheet: CSSStyleSheet | undefined;

/**
 * Styles a shadow root. A constructable stylesheet (one, shared by every element) is not an inline
 * style, so a host page's `style-src 'self'` allows it; only browsers without constructable
 * stylesheets (Safari before 16.4, older kiosk browsers) get a `<style>` element.
 */
function adoptStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    try {
      if (!sharedSheet) {
        sharedSheet = new CSSStyleSheet();
        sharedSheet.replaceSync(STYLES);
      }
      root.adoptedStyleSheets = [sharedSheet];
      return;
    } catch {
      // A constructor that exists but throws (early implementations): fall back below.
    }
  }
  const style = document.createElement('style');
  style.textContent = STYLES;
  root.prepend(style);
}

const OBSERVED = ['src', 'theme', 'kiosk', 'idle', 'narration-source', 'start-sentence', 'label', 'speech', 'speech-rate'] as const;

/** An attribute that would make the frame unsafe or broken (the message names it). */
export class EmbedAttributeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbedAttributeError';
  }
}

/**
 * Builds the framed page's URL from the element's attributes. `src` may only be an http(s) URL
 * (a relative one is resolved against `base`): `javascript:`, `data:` and every other scheme
 * throw an `EmbedAttributeError`, so they never reach the frame.
 */
export function embedUrl(base: string, attrs: (name: string) => string | null): string {
  let url: URL;
  try {
    url = new URL(attrs('src') || base, base);
  } catch {
    throw new EmbedAttributeError(`<narrated-edition src="${attrs('src')}">: not a URL; the edition is not shown.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new EmbedAttributeError(`<narrated-edition src>: only http: and https: addresses are allowed, not "${url.protocol}"; the edition is not shown.`);
  }
  // The same parser as the page's own URL: bad values fall back to the defaults, and only the
  // options that differ from them reach the frame's URL. `narration-source` is `narration`.
  const options = readPageOptions((name) => attrs(name === 'narration' ? 'narration-source' : name));
  writePageOptions(options, url.searchParams);
  const start = attrs('start-sentence');
  url.hash = start ? encodeURIComponent(start) : '';
  return url.href;
}

/** `<narrated-edition>` for other sites: the edition in an isolated frame. */
export class NarratedEditionEmbed extends HTMLElement {
  static readonly observedAttributes = OBSERVED;
  readonly #frame: HTMLIFrameElement;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    adoptStyles(root);
    this.#frame = document.createElement('iframe');
    // Only what the edition uses: sound that starts from a tap inside the frame; its own scripts,
    // storage and offline worker (its own origin), and the take-away downloads. No top
    // navigation, popups, forms or modal prompts.
    this.#frame.setAttribute('allow', 'autoplay');
    this.#frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-downloads');
    root.append(this.#frame);
  }

  connectedCallback(): void {
    this.#update();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.#update();
  }

  #update(): void {
    let url: string;
    try {
      url = embedUrl(SCRIPT_BASE, (name) => this.getAttribute(name));
    } catch (error) {
      // No frame at all rather than a frame pointed somewhere unsafe.
      console.error(error instanceof Error ? error.message : error);
      this.#frame.remove();
      this.#frame.removeAttribute('src');
      return;
    }
    if (!this.#frame.isConnected) this.shadowRoot!.append(this.#frame);
    if (this.#frame.src !== url) this.#frame.src = url;
    this.#frame.title = this.getAttribute('label') || 'Stalin’s Conversation with A.M. Kollontai — narrated edition';
  }
}

if (!customElements.get('narrated-edition')) customElements.define('narrated-edition', NarratedEditionEmbed);
