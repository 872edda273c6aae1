// Lazy chunks: a failed import is tried once more; a second failure reports once (console and
// event) and rejects with a message for people; success on the retry reports nothing.
import { describe, expect, it, vi } from 'vitest';
import {
  CHUNK_FAILED_EVENT,
  CHUNK_FAILED_MESSAGE,
  ChunkFailedEvent,
  ChunkLoadError,
  loadChunk,
} from '../../../src/ui/chunk-loader.ts';

const importError = () => new TypeError('Failed to fetch dynamically imported module: http://x/assets/a-123.js');

/** A fake event target, a recorded wait and log. */
function fakes() {
  const target = new EventTarget();
  const events: ChunkFailedEvent[] = [];
  target.addEventListener(CHUNK_FAILED_EVENT, (e) => events.push(e as ChunkFailedEvent));
  const wait = vi.fn(async (_ms: number) => undefined);
  const log = vi.fn();
  return { target, events, wait, log, options: { target, wait, log, retryDelayMs: 500 } };
}

describe('loadChunk', () => {
  it('returns the module at once when the import works: no wait, no report', async () => {
    const { events, wait, log, options } = fakes();
    const load = vi.fn(async () => ({ ok: 1 }));
    await expect(loadChunk('settings', load, options)).resolves.toEqual({ ok: 1 });
    expect(load).toHaveBeenCalledTimes(1);
    expect(wait).not.toHaveBeenCalled();
    expect(events).toEqual([]);
    expect(log).not.toHaveBeenCalled();
  });

  it('retries a failed import once, after the delay; success then reports nothing', async () => {
    const { events, wait, log, options } = fakes();
    const load = vi.fn().mockRejectedValueOnce(importError()).mockResolvedValueOnce({ ok: 2 });
    await expect(loadChunk('settings', load, options)).resolves.toEqual({ ok: 2 });
    expect(load).toHaveBeenCalledTimes(2);
    expect(wait).toHaveBeenCalledTimes(1);
    expect(wait).toHaveBeenCalledWith(500);
    expect(events).toEqual([]);
    expect(log).not.toHaveBeenCalled();
  });

  it('waits before the retry (not both at once)', async () => {
    const { options } = fakes();
    let release!: () => void;
    const wait = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const load = vi.fn().mockRejectedValueOnce(importError()).mockResolvedValueOnce('m');
    const result = loadChunk('help', load, { ...options, wait });
    await vi.waitFor(() => expect(wait).toHaveBeenCalled());
    expect(load).toHaveBeenCalledTimes(1);
    release();
    await expect(result).resolves.toBe('m');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('after a second failure: rejects with a message for people, reports once to the console and once as an event', async () => {
    const { events, log, options } = fakes();
    const first = importError();
    const second = importError();
    const load = vi.fn().mockRejectedValueOnce(first).mockRejectedValueOnce(second);
    const error = await loadChunk('reading settings', load, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChunkLoadError);
    expect((error as ChunkLoadError).message).toBe(CHUNK_FAILED_MESSAGE);
    expect((error as ChunkLoadError).message).not.toMatch(/dynamically imported|assets/);
    expect((error as ChunkLoadError).chunk).toBe('reading settings');
    expect((error as ChunkLoadError).cause).toBe(second);
    expect(load).toHaveBeenCalledTimes(2); // once, and one retry: no more
    expect(events).toHaveLength(1);
    expect(events[0]!.error).toBe(error);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]).toContain(first);
    expect(log.mock.calls[0]).toContain(second);
    expect(String(log.mock.calls[0]![0])).toContain('reading settings');
  });

  it('a load that throws synchronously is treated the same way', async () => {
    const { events, options } = fakes();
    const load = vi.fn(() => {
      throw importError();
    });
    await expect(loadChunk('voices', load, options)).rejects.toBeInstanceOf(ChunkLoadError);
    expect(load).toHaveBeenCalledTimes(2);
    expect(events).toHaveLength(1);
  });

  it('each failed load reports once; with no target it only logs (node has no window)', async () => {
    const { log, wait } = fakes();
    const load = vi.fn(async () => Promise.reject(importError()));
    await expect(loadChunk('player', load, { target: null, wait, log })).rejects.toThrow(CHUNK_FAILED_MESSAGE);
    await expect(loadChunk('player', load, { wait, log })).rejects.toThrow(CHUNK_FAILED_MESSAGE);
    expect(log).toHaveBeenCalledTimes(2);
    expect(load).toHaveBeenCalledTimes(4);
  });
});
