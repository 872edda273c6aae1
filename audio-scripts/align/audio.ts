/**
 * Audio in and out for the aligner: decoding any file ffmpeg reads to mono 16 kHz float samples,
 * synthesizing single words with espeak-ng or flite (cached on disk), trimming silence.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Sample rate of everything the aligner works on. */
export const RATE = 16_000;

/** Runs a command; resolves with its stdout, rejects with its stderr on a non-zero exit. */
function run(command: string, args: string[], maxBytes = Infinity): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`${command} exited ${code}: ${Buffer.concat(err).toString().trim().split('\n').slice(-3).join(' ')}`));
    });
  });
}

/** Copies little-endian float32 bytes into a Float32Array (Buffers are not always 4-byte aligned). */
function floats(bytes: Buffer): Float32Array {
  const samples = new Float32Array(Math.floor(bytes.length / 4));
  for (let i = 0; i < samples.length; i++) samples[i] = bytes.readFloatLE(i * 4);
  return samples;
}

/**
 * Decodes any audio ffmpeg reads to mono 16 kHz float samples.
 * @throws Error naming the file when ffmpeg cannot read it or it holds no audio
 */
export async function decodeAudio(path: string): Promise<Float32Array> {
  if (!existsSync(path)) throw new Error(`audio file not found: ${path}`);
  let bytes: Buffer;
  try {
    bytes = await run('ffmpeg', ['-nostdin', '-v', 'error', '-i', path, '-vn', '-f', 'f32le', '-ac', '1', '-ar', String(RATE), '-']);
  } catch (error) {
    throw new Error(`cannot read audio from ${path} (${(error as Error).message})`);
  }
  if (bytes.length < 4 * RATE * 0.5) throw new Error(`no audio (or under half a second) in ${path}`);
  return floats(bytes);
}

/** Root-mean-square level of the loudest 50 ms window (0 for digital silence). */
export function peakRms(samples: Float32Array): number {
  const win = RATE / 20;
  let best = 0;
  for (let i = 0; i + win <= samples.length; i += win) {
    let sum = 0;
    for (let k = i; k < i + win; k++) sum += samples[k] * samples[k];
    best = Math.max(best, Math.sqrt(sum / win));
  }
  return best;
}

/** Cuts leading and trailing samples quieter than `threshold` (absolute amplitude). */
export function trimSilence(samples: Float32Array, threshold = 0.01): Float32Array {
  let a = 0;
  let b = samples.length;
  while (a < b && Math.abs(samples[a]) < threshold) a++;
  while (b > a && Math.abs(samples[b - 1]) < threshold) b--;
  return samples.subarray(a, b);
}

/** Reads a 16-bit PCM mono WAV (what espeak-ng and flite write) and resamples it to 16 kHz. */
function readPcmWav(bytes: Buffer): Float32Array {
  let pos = 12;
  let rate = 0;
  while (pos + 8 <= bytes.length) {
    const id = bytes.toString('ascii', pos, pos + 4);
    let size = bytes.readUInt32LE(pos + 4);
    if (id === 'fmt ') rate = bytes.readUInt32LE(pos + 12);
    if (id === 'data') {
      // espeak-ng writing to a pipe leaves the size unset.
      if (size === 0 || size === 0xffffffff || pos + 8 + size > bytes.length) size = bytes.length - pos - 8;
      const count = Math.floor(size / 2);
      const input = new Float32Array(count);
      for (let i = 0; i < count; i++) input[i] = bytes.readInt16LE(pos + 8 + i * 2) / 32768;
      return resample(input, rate, RATE);
    }
    pos += 8 + size + (size % 2);
  }
  throw new Error('not a PCM WAV file');
}

/** Linear-interpolation resampling (good enough for features at 16 kHz). */
export function resample(input: Float32Array, from: number, to: number): Float32Array {
  if (from === to) return input;
  const out = new Float32Array(Math.floor((input.length * to) / from));
  const step = from / to;
  for (let i = 0; i < out.length; i++) {
    const x = i * step;
    const k = Math.floor(x);
    const f = x - k;
    out[i] = input[k] * (1 - f) + (input[Math.min(k + 1, input.length - 1)] ?? 0) * f;
  }
  return out;
}

/** A synthesizer voice: which program, and its arguments before the text. */
export interface WordVoice {
  engine: 'espeak-ng' | 'flite';
  /** espeak-ng: `-v` voice (e.g. `en-us`, `en-us+m3`); flite: `-voice` (e.g. `kal`). */
  voice: string;
  /** espeak-ng words per minute. */
  speed?: number;
}

/** The reference voice the aligner synthesizes the text with. */
export const REFERENCE_VOICE: WordVoice = { engine: 'espeak-ng', voice: 'en-us', speed: 175 };

/** Where synthesized words are kept: one folder per voice. */
export const wordCache = (voice: WordVoice) => join(tmpdir(), 'edition-align-cache', [voice.engine, voice.voice, voice.speed ?? ''].join('-'));

/** Synthesizes one word (or short text), trimmed of silence, as 16 kHz samples; cached by voice and text. */
export async function synthesizeWord(text: string, voice: WordVoice): Promise<Float32Array> {
  const cache = wordCache(voice);
  mkdirSync(cache, { recursive: true });
  const key = createHash('sha1').update(text).digest('hex').slice(0, 16);
  const file = join(cache, `${key}.wav`);
  if (!existsSync(file)) {
    const temp = `${file}.${process.pid}.tmp`;
    if (voice.engine === 'espeak-ng') {
      await run('espeak-ng', ['-v', voice.voice, '-s', String(voice.speed ?? 175), '-w', temp, '--', text]);
    } else {
      await run('flite', ['-voice', voice.voice, '-t', text, '-o', temp]);
    }
    renameSync(temp, file);
  }
  return trimSilence(readPcmWav(readFileSync(file)));
}

/** Runs `task` over `items` with at most `jobs` at a time, keeping the order of results. */
export async function mapPool<T, R>(items: readonly T[], jobs: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return results;
}
