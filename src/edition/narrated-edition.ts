/**
 * The root element. It wraps the static edition (light DOM, rendered at build time), owns the
 * reading-settings model and the narration controller, applies the effective settings to the
 * document, and wires the child controls: they send intent (typed events) up, and it hands state
 * down. It has no shadow root: dialogs live in a light-DOM layer after the text, and the toolbar
 * controls live in the static light DOM.
 * In kiosk mode (`kiosk` attribute) it loads the kiosk controller, as its own chunk, and hands
 * it the attract screen, idle reset, keypad and kiosk bar. Every lazy chunk goes through
 * `loadChunk` (one retry); when one cannot be loaded (the edition was updated since the page was
 * opened) it shows the reload notice, and a kiosk reloads by itself at its next idle reset.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { ReadingSettingsModel } from '../settings/model.ts';
import type { ReadingSettings } from '../settings/types.ts';
import { applyStyle, settingsToStyle } from '../settings/style.ts';
import { ReadingFocusTracker } from './reading-focus.ts';
import { placementFromPosition, toolbarInsets } from './toolbar-insets.ts';
import { GlossPopover } from '../glossary/gloss-popover.ts';
import { CitationBlock } from '../glossary/citation.ts';
import { NarrationController } from '../controllers/narration-controller.ts';
import { DEFAULT_SHORTCUTS } from '../narration/shortcuts.ts';
import { SPEAKER_IDS } from '../content/model.ts';
import '../components/reading-toolbar/reading-toolbar.ts';
import '../components/narration-controls/narration-controls.ts';
import '../components/reload-notice/reload-notice.ts';
import type { ReloadNoticeElement } from '../components/reload-notice/reload-notice.ts';
import { CHUNK_FAILED_EVENT, CHUNK_FAILED_MESSAGE, ChunkLoadError, loadChunk, type ChunkFailedEvent } from '../ui/chunk-loader.ts';
import { IDLE_RESET_EVENT } from '../offline/update-policy.ts';
import { nextTask } from '../ui/next-task.ts';
import type { KioskController } from '../controllers/kiosk-controller.ts';
import type { ReadingSettingsElement } from '../components/reading-settings/reading-settings.ts';
import type { SettingChangeEvent } from '../components/reading-settings/events.ts';
import type { NarrationHelpElement } from '../components/narration-help/narration-help.ts';
import type { VoiceSettingsElement, VoiceSettingsSpeaker } from '../components/voice-settings/voice-settings.ts';
import type {
  NarrationCommandEvent,
  NarrationOptionEvent,
  NarrationRateEvent,
  VoiceChoiceEvent,
  VoicePreviewEvent,
  NarrationSourceEvent,
} from '../components/narration-controls/events.ts';

type DialogName = 'settings' | 'help' | 'voices';

/** How long the reader bar must keep its size before the page measures it (see scheduleToolbarUpdate). */
const TOOLBAR_SETTLE_MS = 120;

const DIALOG_MODULES: Record<DialogName, () => Promise<unknown>> = {
  settings: () => loadChunk('reading settings', () => import('../components/reading-settings/reading-settings.ts')),
  help: () => loadChunk('keyboard shortcuts', () => import('../components/narration-help/narration-help.ts')),
  voices: () => loadChunk('voices', () => import('../components/voice-settings/voice-settings.ts')),
};

/**
 * @summary Root of the narrated edition: reading settings and narration for the text it wraps.
 * Wraps the static edition (header with `<reading-toolbar>` and `<narration-controls>`, main text,
 * source matter) without a shadow root; its own rendering goes into `.ne-layer`, its last child.
 */
@customElement('narrated-edition')
export class NarratedEdition extends LitElement {
  /**
   * No shadow root: the static text stays where the browser first painted it (a shadow root with a
   * slot would re-slot, and so repaint, the whole text when the element upgrades). What this
   * element renders (dialogs, the reload notice, kiosk screens) goes into one light-DOM layer
   * after the text; page.css styles it (and hides it in print).
   */
  protected override createRenderRoot(): HTMLElement {
    const layer = this.ownerDocument.createElement('div');
    layer.className = 'ne-layer';
    this.append(layer);
    return layer;
  }

  /** Forces device speech (`device`) or the recorded narration (`recorded`); app.ts sets it from `?narration=`. */
  @property({ attribute: 'narration-source' }) narrationSource?: string;

  /** Museum kiosk mode (`?kiosk`): attract screen, idle reset, keypad, kiosk bar, 48 px targets. */
  @property({ type: Boolean, reflect: true }) kiosk = false;

  /** Kiosk: seconds without input before "Are you still there?" (`?idle=`, 30–3600; page-options.ts clamps). */
  @property({ type: Number }) idle = 120;

  /**
   * Kiosk: spoken help — `on` (from the first moment), `auto` (on at the first key press) or
   * `off` (only with the visitor's toggle). `?speech=` (page-options.ts parses it).
   */
  @property() speech: 'on' | 'auto' | 'off' = 'auto';

  /** Kiosk: speed of the spoken help, 0.5–2 (`?speech-rate=`). */
  @property({ type: Number, attribute: 'speech-rate' }) speechRate = 1;

  /** The settings model; set by app.ts. */
  @property({ attribute: false }) settingsModel?: ReadingSettingsModel;

  @state() private settings?: ReadingSettings;
  /** Dialogs loaded so far: each is its own chunk, loaded the first time it is asked for. */
  @state() private dialogs: ReadonlySet<DialogName> = new Set();
  /** Why the page should be reloaded (a chunk could not be loaded), or null. */
  @state() private reloadMessage: string | null = null;

  @query('reading-settings') private settingsDialog?: ReadingSettingsElement;
  @query('narration-help') private helpDialog?: NarrationHelpElement;
  @query('voice-settings') private voicesDialog?: VoiceSettingsElement;
  @query('reload-notice') private reloadNotice?: ReloadNoticeElement;

  private readonly narration = new NarrationController(this, {
    loadSession: async (startId, stores) => {
      // A failure rejects with a message for people, which the controls show.
      const [{ loadNarration }, { parseSourceParam }] = await loadChunk('narration', () =>
        Promise.all([import('./narration-loader.ts'), import('../narration/narration-source.ts')]),
      );
      return loadNarration({
        editionUrl: new URL('edition.json', document.baseURI).href,
        manifestUrl: new URL('audio/manifest.json', document.baseURI).href,
        startId,
        // Kiosks and embedders can force a source: ?narration=recorded (app.ts sets the attribute), or
        // <narrated-edition narration-source="recorded"> in the page itself.
        forcedSource: parseSourceParam(this.narrationSource ?? null),
        ...stores,
      });
    },
    getStorage: () => globalThis.localStorage,
    reduceMotion: () => this.settings?.reduceMotion ?? false,
    openHelp: () => void this.openHelp(),
    topInset: () => this.barTopInset(),
    highlightWords: () => this.settings?.highlightWords ?? true,
  });

  /** The kiosk controller, once its chunk has loaded (kiosk mode only). */
  private kioskController?: KioskController;
  private kioskLoading?: Promise<void>;

  private unsubscribe?: () => void;
  private focusTracker?: ReadingFocusTracker;
  /** The static page's editorial enhancements: glossed words open in place; the citation can be copied. */
  private glosses?: GlossPopover;
  private citation?: CitationBlock;
  /**
   * The toolbar row stays in view (sticky) only while it takes at most a quarter of the window,
   * so at large text or zoom it never covers the text; its measured height feeds the scroll
   * padding, so focus and the highlight are never hidden under it.
   */
  private readonly toolbarObserver =
    typeof ResizeObserver === 'function' ? new ResizeObserver(() => this.scheduleToolbarUpdate()) : null;
  private toolbarTimer?: ReturnType<typeof setTimeout>;
  /**
   * Measures once the bar has settled (TOOLBAR_SETTLE_MS without a change): each write to the root
   * restyles the whole text, and the bar changes height two or three times as it first renders.
   * Until then page.css places the bar as it will surely be (`:not([data-toolbar-measured])`).
   */
  private readonly scheduleToolbarUpdate = (): void => {
    clearTimeout(this.toolbarTimer);
    this.toolbarTimer = setTimeout(this.updateToolbarSticky, TOOLBAR_SETTLE_MS);
  };
  private readonly updateToolbarSticky = (): void => {
    const bar = this.querySelector<HTMLElement>('.ne-toolbar-row');
    if (!bar) return;
    const height = Math.ceil(bar.getBoundingClientRect().height);
    const root = document.documentElement;
    const sticky = height <= window.innerHeight * 0.25;
    // Only what changed, and nothing inherited on the root: a custom property there restyles the whole text.
    if (root.hasAttribute('data-toolbar-sticky') !== sticky) root.toggleAttribute('data-toolbar-sticky', sticky);
    if (!root.hasAttribute('data-toolbar-measured')) root.setAttribute('data-toolbar-measured', ''); // page.css: the bar's place no longer guessed
    setStyleIfChanged(bar.style, '--ne-toolbar-height', `${height}px`); // the "More" panel's height limit
    const insets = toolbarInsets(placementFromPosition(getComputedStyle(bar).position), height);
    setStyleIfChanged(root.style, 'scroll-padding-top', insets.scrollPaddingTop);
    setStyleIfChanged(root.style, 'scroll-padding-bottom', insets.scrollPaddingBottom);
    setStyleIfChanged(root.style, 'padding-block-end', insets.paddingBlockEnd);
  };

  /**
   * Height of the reader bar where it stays at the top of the window (sticky: the kiosk, or a
   * wide window), else 0: on a phone it is docked at the bottom (page.css gives the root a
   * matching scroll-padding-bottom, which the highlighter reads), and at large zoom it scrolls away.
   */
  private barTopInset(): number {
    const bar = this.querySelector<HTMLElement>('.ne-toolbar-row');
    return bar && getComputedStyle(bar).position === 'sticky' ? bar.getBoundingClientRect().height : 0;
  }

  /** Height of the reader bar where it is docked at the bottom of the window (a phone), else 0. */
  private barBottomInset(): number {
    const bar = this.querySelector<HTMLElement>('.ne-toolbar-row');
    if (!bar || getComputedStyle(bar).position !== 'fixed') return 0;
    const box = bar.getBoundingClientRect();
    return box.top > window.innerHeight / 2 ? box.height : 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('settings-open-request', this.openSettings);
    this.addEventListener('narration-command', this.onNarrationCommand);
    this.addEventListener('narration-rate', this.onNarrationRate);
    this.addEventListener('narration-option', this.onNarrationOption);
    this.addEventListener('narration-help-request', this.openHelp);
    this.addEventListener('voice-settings-request', this.openVoices);
    if (this.settingsModel && !this.unsubscribe) this.attachModel(this.settingsModel);
    const toolbar = this.querySelector('.ne-toolbar-row');
    if (toolbar) this.toolbarObserver?.observe(toolbar);
    window.addEventListener('resize', this.scheduleToolbarUpdate);
    window.addEventListener(CHUNK_FAILED_EVENT, this.onChunkFailed);
    window.addEventListener(IDLE_RESET_EVENT, this.onIdleReset);
    // In a task of its own: the start stays in short tasks on a slow phone (the text reads meanwhile).
    this.enhanceTimer = setTimeout(() => this.enhanceText(), 0);
  }

  private enhanceTimer?: ReturnType<typeof setTimeout>;

  /** The static text's editorial enhancements: glossed words open in place; the citation can be copied. */
  private enhanceText(): void {
    const main = this.querySelector('main');
    if (!main || this.glosses || !this.isConnected) return;
    this.glosses = new GlossPopover(main, { topInset: () => this.barTopInset(), bottomInset: () => this.barBottomInset() });
    this.citation = new CitationBlock(main);
    this.requestUpdate(); // data-ready waits for them
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.enhanceTimer);
    this.toolbarObserver?.disconnect();
    window.removeEventListener('resize', this.scheduleToolbarUpdate);
    clearTimeout(this.toolbarTimer);
    window.removeEventListener(CHUNK_FAILED_EVENT, this.onChunkFailed);
    window.removeEventListener(IDLE_RESET_EVENT, this.onIdleReset);
    this.removeEventListener('settings-open-request', this.openSettings);
    this.removeEventListener('narration-command', this.onNarrationCommand);
    this.removeEventListener('narration-rate', this.onNarrationRate);
    this.removeEventListener('narration-option', this.onNarrationOption);
    this.removeEventListener('narration-help-request', this.openHelp);
    this.removeEventListener('voice-settings-request', this.openVoices);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.focusTracker?.stop();
    this.focusTracker = undefined;
    this.glosses?.stop();
    this.glosses = undefined;
    this.citation?.stop();
    this.citation = undefined;
  }

  /**
   * The first update waits for a task of its own: the root's first update (settings applied, the controls handed their state) then
   * runs apart from this element's upgrade, so the start stays in short tasks on a slow phone.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) await nextTask();
    super.scheduleUpdate();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('settingsModel') && this.settingsModel && this.isConnected) this.attachModel(this.settingsModel);
    if (changed.has('kiosk') && this.kiosk) this.loadKiosk();
  }

  /** Loads the kiosk controller (its own chunk: the normal first load does not carry it). */
  private loadKiosk(): void {
    this.kioskLoading ??= loadChunk('kiosk', () => import('../controllers/kiosk-controller.ts'))
      .then(({ KioskController }) => {
        this.kioskController = new KioskController(this, {
          idleSeconds: () => this.idle,
          speech: () => (['on', 'auto', 'off'].includes(this.speech) ? this.speech : 'auto'),
          speechRate: () => (Number.isFinite(this.speechRate) ? Math.min(2, Math.max(0.5, this.speechRate)) : 1),
          settings: () => this.settingsModel,
          narration: this.narration,
          closeDialogs: () => this.closeDialogs(),
        });
        this.requestUpdate();
      })
      .catch((error: unknown) => {
        if (!(error instanceof ChunkLoadError)) console.error(error); // loadChunk logged its own
        this.setAttribute('data-kiosk-ready', ''); // show the page anyway
      });
  }

  /** Closes the reading-settings, voices and shortcuts dialogs, if open. */
  private closeDialogs(): void {
    this.settingsDialog?.close();
    this.helpDialog?.close();
    this.voicesDialog?.close();
  }

  override updated(): void {
    // The controls sit in the static light DOM (inside <reading-toolbar>): hand them their state.
    const controls = this.querySelector('narration-controls');
    if (controls) {
      controls.view = this.narration.view;
      controls.savedPosition = this.narration.savedPosition;
      controls.shortcutsEnabled = this.narration.preferences.shortcuts;
      controls.notice = this.narration.session?.notice ?? null;
      controls.message = this.narration.message;
      controls.offerDeviceVoice = this.narration.offerDeviceVoice;
      controls.kiosk = this.kiosk; // every control in view, for the keypad
    }
    if (this.settings && this.glosses) this.setAttribute('data-ready', '');
  }

  private attachModel(model: ReadingSettingsModel): void {
    this.unsubscribe?.();
    this.unsubscribe = model.subscribe((s) => this.applySettings(s));
    this.applySettings(model.settings);
  }

  private applySettings(settings: ReadingSettings): void {
    this.settings = settings;
    applyStyle(document.documentElement, settingsToStyle(settings));
    this.updateReadingFocus(settings.readingFocus);
    this.narration.wordSettingChanged();
  }

  private updateReadingFocus(enabled: boolean): void {
    const text = this.querySelector<HTMLElement>('.ne-text');
    if (enabled && text && !this.focusTracker) {
      this.focusTracker = new ReadingFocusTracker(text, 'p');
    } else if (!enabled && this.focusTracker) {
      this.focusTracker.stop();
      this.focusTracker = undefined;
    }
  }

  /**
   * Loads a dialog's module (once) and renders it; false when it could not be loaded (the reload
   * notice is showing then, and takes focus, where the dialog would have).
   */
  private async loadDialog(name: DialogName): Promise<boolean> {
    if (!this.dialogs.has(name)) {
      try {
        await DIALOG_MODULES[name]();
      } catch (error) {
        if (!(error instanceof ChunkLoadError)) console.error(error); // loadChunk logged its own
        this.reloadMessage ??= CHUNK_FAILED_MESSAGE; // already set by its ChunkFailedEvent
        await this.updateComplete;
        await this.reloadNotice?.focusReload();
        return false;
      }
      this.dialogs = new Set([...this.dialogs, name]);
    }
    await this.updateComplete;
    return true;
  }

  private readonly openSettings = async (): Promise<void> => {
    if (await this.loadDialog('settings')) this.settingsDialog?.show();
  };
  private readonly openHelp = async (): Promise<void> => {
    if (await this.loadDialog('help')) this.helpDialog?.show();
  };
  private readonly openVoices = async (): Promise<void> => {
    const [, loaded] = await Promise.all([this.narration.ensureSession(), this.loadDialog('voices')]);
    if (!loaded) return;
    this.requestUpdate();
    await this.updateComplete;
    this.voicesDialog?.show();
  };

  /** A lazy chunk could not be loaded, even on a retry: offer a reload (the details are in the console). */
  private readonly onChunkFailed = (event: ChunkFailedEvent): void => {
    this.reloadMessage ??= event.error.message;
  };

  /** A kiosk with a chunk missing reloads by itself once nobody is at the screen (its place is reset anyway). */
  private readonly onIdleReset = (): void => {
    if (this.kiosk && this.reloadMessage) location.reload();
  };

  /** The visitor pressed "Reload the page": the position and the settings are already stored. */
  private onReloadRequest(): void {
    location.reload();
  }

  private readonly onNarrationCommand = (event: NarrationCommandEvent): void => {
    void this.narration.command(event.command);
  };
  private readonly onNarrationRate = (event: NarrationRateEvent): void => {
    void this.narration.setRate(event.rate);
  };
  private readonly onNarrationOption = (event: NarrationOptionEvent): void => {
    void this.narration.setOption(event.option, event.value);
  };

  private onSettingChange(event: SettingChangeEvent): void {
    this.settingsModel?.set(event.change);
  }

  private onSettingsReset(): void {
    this.settingsModel?.reset();
  }

  private onVoiceChoice(event: VoiceChoiceEvent): void {
    this.narration.setVoice(event.speaker, event.voiceName);
  }

  private onNarrationSource(event: NarrationSourceEvent): void {
    this.narration.session?.setSource(event.source);
  }

  private onVoicePreview(event: VoicePreviewEvent): void {
    void this.narration.preview(event.speaker, event.voiceName);
  }

  private voiceSpeakers(): VoiceSettingsSpeaker[] {
    const session = this.narration.session;
    if (!session) return [];
    return SPEAKER_IDS.filter((id) => session.script.speakerNames[id]).map((id) => ({
      id,
      name: session.script.speakerNames[id],
      voiceName: session.cast[id]?.voiceName ?? null,
      overridden: Boolean(session.preferences.voices[id]),
    }));
  }

  override render() {
    const preferences = this.narration.preferences;
    const session = this.narration.session;
    return html`
      <reload-notice .message=${this.reloadMessage} ?kiosk=${this.kiosk} @reload-request=${this.onReloadRequest}></reload-notice>
      ${this.settings && this.dialogs.has('settings')
        ? html`<reading-settings
            .settings=${this.settings}
            @setting-change=${this.onSettingChange}
            @settings-reset=${this.onSettingsReset}
          ></reading-settings>`
        : null}
      ${this.dialogs.has('help')
        ? html`<narration-help
            .shortcuts=${DEFAULT_SHORTCUTS.map(({ keys, action }) => ({ keys, action }))}
            .enabled=${preferences.shortcuts}
            .tabToSentences=${preferences.tabToSentences}
            .followAlong=${preferences.followAlong}
          ></narration-help>`
        : null}
      ${this.dialogs.has('voices')
        ? html`<voice-settings
            .speakers=${this.voiceSpeakers()}
            .voices=${session?.voices.map(({ name, lang }) => ({ name, lang })) ?? []}
            .rate=${this.narration.view.rate}
            .source=${session?.source ?? 'device'}
            .sourceForced=${session?.sourceForced ?? false}
            @narration-source=${this.onNarrationSource}
            @voice-choice=${this.onVoiceChoice}
            @voice-preview=${this.onVoicePreview}
          ></voice-settings>`
        : null}
      ${this.kioskController?.render() ?? nothing}
    `;
  }
}

/** Sets (or, for '', removes) one inline style property, unless it already has that value. */
function setStyleIfChanged(style: CSSStyleDeclaration, name: string, value: string): void {
  if (style.getPropertyValue(name) === value) return;
  if (value) style.setProperty(name, value);
  else style.removeProperty(name);
}

declare global {
  interface HTMLElementTagNameMap {
    'narrated-edition': NarratedEdition;
  }
}
