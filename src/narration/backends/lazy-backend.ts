/**
 * A backend whose real implementation is loaded only when narration first needs it (the recorded
 * narration's code and Howler stay out of the page until then). Everything before `prepare()`
 * is a no-op; afterwards every call goes to the loaded backend.
 */
import type { NarrationBackend, NarrationItem, SentenceCallbacks, SentenceOptions } from '../types.ts';

/** Wraps `load()`, called once, on the first `prepare()`. */
export class LazyBackend implements NarrationBackend {
  #inner: NarrationBackend | null = null;
  #loading: Promise<NarrationBackend> | null = null;
  #disposed = false;

  constructor(
    readonly kind: NarrationBackend['kind'],
    private readonly load: () => Promise<NarrationBackend>,
  ) {}

  /** The loaded backend, once there is one. */
  get inner(): NarrationBackend | null {
    return this.#inner;
  }

  async prepare(signal: AbortSignal): Promise<void> {
    this.#loading ??= this.load().then((backend) => {
      if (this.#disposed) backend.dispose();
      else this.#inner = backend;
      return backend;
    });
    const backend = await this.#loading;
    await backend.prepare(signal);
  }

  readSentence(item: NarrationItem, options: SentenceOptions, callbacks: SentenceCallbacks, signal: AbortSignal): Promise<void> {
    if (!this.#inner) return Promise.reject(new Error('LazyBackend: readSentence before prepare'));
    return this.#inner.readSentence(item, options, callbacks, signal);
  }

  pause(): boolean {
    return this.#inner?.pause() ?? true;
  }

  resume(): boolean {
    return this.#inner?.resume() ?? true;
  }

  cancel(): void {
    this.#inner?.cancel();
  }

  setVolume(volume: number): boolean {
    // Nothing sounds before the backend is loaded: the next sentence brings the volume along.
    if (!this.#inner) return true;
    return this.#inner.setVolume?.(volume) ?? false;
  }

  dispose(): void {
    this.#disposed = true;
    this.#inner?.dispose();
  }
}
