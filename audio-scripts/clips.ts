/**
 * What both renderers (the narration, `render.ts`, and the kiosk's spoken help,
 * `render-interface.ts`) do alike: run jobs a few at a time, and synthesize one text with an
 * offline voice into a cleaned clip in the cache (mono, silence trimmed), atomically.
 */
import { existsSync, statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OfflineVoice } from '../src/narration/audio-manifest.ts';
import { cleanClipArgs, CommandError, commandLine, readWav, run } from './audio-tools.ts';
import { synthCommand } from './engines.ts';

/** Runs `fn` over `items` with at most `limit` running at once. */
export async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await fn(item as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** One clip to synthesize. */
export interface ClipRequest {
  /** Cache key (file names in `tmpDir`). */
  key: string;
  voice: OfflineVoice;
  /** The engine text (see `engineText`). */
  text: string;
  /** Where the cleaned clip goes. */
  file: string;
  tmpDir: string;
  sampleRate: number;
  /** Shorter than this after trimming is an error (ms). */
  minMs: number;
  /**
   * sox with `-R` (its dither seeded with a fixed number): the same words give the same bits.
   * The narration's cached clips were made without it (its cache key would change).
   */
  repeatable?: boolean;
}

/** Synthesizes and cleans one clip into the cache (temp files, then rename). */
export async function synthesizeClip(request: ClipRequest): Promise<void> {
  const { key, voice, text, file, tmpDir, sampleRate, minMs } = request;
  const textFile = join(tmpDir, `${key}.txt`);
  const rawFile = join(tmpDir, `${key}.raw.wav`);
  const partFile = join(tmpDir, `${key}.clean.wav`);
  await writeFile(textFile, `${text}\n`, 'latin1');
  const synth = synthCommand(voice, textFile, rawFile);
  await run(synth.cmd, synth.args);
  if (!existsSync(rawFile) || statSync(rawFile).size <= 44) {
    throw new CommandError(commandLine(synth.cmd, synth.args), 0, 'the engine wrote no audio');
  }
  const clean = cleanClipArgs(rawFile, partFile, sampleRate);
  await run('sox', request.repeatable ? ['-R', ...clean] : clean);
  const { samples, sampleRate: rate } = await readWav(partFile);
  const lengthMs = Math.round((samples.length * 1000) / sampleRate);
  if (rate !== sampleRate || lengthMs < minMs) {
    throw new Error(`clip is empty or too short after trimming (${lengthMs} ms at ${rate} Hz): ${rawFile}`);
  }
  await rename(partFile, file);
  await Promise.all([rm(textFile, { force: true }), rm(rawFile, { force: true })]);
}
