/**
 * Node helpers for the audio scripts: running external commands with useful errors, reading and
 * writing WAV files, and the sox/ffmpeg steps (clip clean-up, loudness measurement, two-pass
 * loudnorm, encoding). No TTS here (see `engines.ts`).
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';

/** A failed external command: the command line and the tail of its stderr. */
export class CommandError extends Error {
  constructor(
    readonly commandLine: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`command failed (exit ${exitCode}): ${commandLine}\n${stderr.trim().split('\n').slice(-8).join('\n')}`);
    this.name = 'CommandError';
  }
}

/** Quotes one argument for display (a copy-pasteable shell command line). */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/u.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The shell-quoted command line of `cmd args`. */
export function commandLine(cmd: string, args: readonly string[]): string {
  return [cmd, ...args].map(shellQuote).join(' ');
}

/** Runs `cmd args` (no shell); resolves with its output, rejects with a CommandError. */
export function run(cmd: string, args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => reject(new CommandError(commandLine(cmd, args), null, error.message)));
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new CommandError(commandLine(cmd, args), code, stderr));
    });
  });
}

/** Mono (or first-channel) samples of a WAV file as floats in [-1, 1]. */
export interface Pcm {
  sampleRate: number;
  samples: Float32Array;
}

/** Reads a PCM 16-bit or float 32-bit WAV file (first channel only). */
export async function readWav(path: string): Promise<Pcm> {
  const buf = await readFile(path);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${path}: not a WAV file`);
  let offset = 12;
  let format = 0;
  let channels = 0;
  let sampleRate = 0;
  let bits = 0;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    let size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = buf.readUInt16LE(body);
      channels = buf.readUInt16LE(body + 2);
      sampleRate = buf.readUInt32LE(body + 4);
      bits = buf.readUInt16LE(body + 14);
      if (format === 0xfffe) format = buf.readUInt16LE(body + 24); // WAVE_FORMAT_EXTENSIBLE: sub-format GUID
    } else if (id === 'data') {
      // Some writers leave the size at 0 or 0xFFFFFFFF when streaming: take the rest of the file.
      if (size === 0 || body + size > buf.length) size = buf.length - body;
      const frameBytes = (bits / 8) * channels;
      const frames = Math.floor(size / frameBytes);
      const samples = new Float32Array(frames);
      if (format === 1 && bits === 16) {
        for (let i = 0; i < frames; i += 1) samples[i] = buf.readInt16LE(body + i * frameBytes) / 32768;
      } else if (format === 3 && bits === 32) {
        for (let i = 0; i < frames; i += 1) samples[i] = buf.readFloatLE(body + i * frameBytes);
      } else {
        throw new Error(`${path}: unsupported WAV format ${format}/${bits} bits`);
      }
      return { sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${path}: no data chunk`);
}

/** Writes mono float 32-bit samples as a WAV file (no clipping before the final normalisation). */
export async function writeWavFloat(path: string, samples: Float32Array, sampleRate: number): Promise<void> {
  const header = Buffer.alloc(44);
  const dataBytes = samples.length * 4;
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(3, 20); // IEEE float
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 4, 28);
  header.writeUInt16LE(4, 32);
  header.writeUInt16LE(32, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  const data = Buffer.from(samples.buffer, samples.byteOffset, dataBytes);
  await writeFile(path, Buffer.concat([header, data]));
}

/**
 * sox arguments that turn a raw synthesizer WAV into a clean clip: mono, `rate` Hz, 16-bit,
 * leading and trailing silence trimmed, 5 ms fades so the cut never clicks.
 */
export function cleanClipArgs(input: string, output: string, rate: number): string[] {
  return [
    input,
    '-c', '1', '-r', String(rate), '-b', '16',
    output,
    'silence', '1', '0.05', '0.5%',
    'reverse',
    'silence', '1', '0.05', '0.5%',
    'fade', 't', '0.01', // the fade-out, while reversed (the length is unknown after `silence`)
    'reverse',
    'fade', 't', '0.005',
  ];
}

/** Loudness of a file as ffmpeg's `ebur128` filter measures it. */
export interface Loudness {
  integratedLufs: number;
  truePeakDbtp: number;
}

/** Measures integrated loudness (LUFS) and true peak (dBTP) of `path` with ffmpeg `ebur128`. */
export async function measureLoudness(path: string): Promise<Loudness> {
  const { stderr } = await run('ffmpeg', [
    '-hide_banner', '-nostats', '-i', path,
    '-af', 'ebur128=peak=true:framelog=verbose',
    '-f', 'null', '-',
  ]);
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const integrated = /I:\s+(-?[\d.]+|-inf) LUFS/u.exec(summary);
  const peak = /True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS/u.exec(summary);
  if (!integrated || !peak) throw new Error(`could not read the ebur128 summary of ${path}`);
  const num = (s: string) => (s === '-inf' ? -Infinity : Number(s));
  return { integratedLufs: num(integrated[1]!), truePeakDbtp: num(peak[1]!) };
}

/** Loudness normalisation targets (EBU R128 style). */
export interface LoudnormTarget {
  integratedLufs: number;
  truePeakDbtp: number;
  /** Loudness range target; set wide so the linear (static gain) mode is kept. */
  lra: number;
}

/** What the second loudnorm pass reports. */
export interface LoudnormResult {
  /** `linear` when a single static gain was applied; `dynamic` when ffmpeg had to fall back. */
  normalizationType: string;
  inputLufs: number;
  outputLufs: number;
  outputTruePeak: number;
}

/** The last JSON object printed on stderr (loudnorm's `print_format=json`). */
function lastJson(stderr: string): Record<string, string> {
  const start = stderr.lastIndexOf('{');
  const end = stderr.lastIndexOf('}');
  if (start < 0 || end < start) throw new Error('loudnorm printed no JSON');
  return JSON.parse(stderr.slice(start, end + 1)) as Record<string, string>;
}

/**
 * Two-pass ffmpeg loudnorm of `input` into `output` (float WAV at `rate` Hz). The same conditioning
 * runs first in both passes: a high-pass (DC and rumble), a low-pass at `lowpassHz` (the delivery
 * codecs drop that band anyway; removing it first keeps their peaks predictable) and a
 * delay-compensated look-ahead limiter at `limiterLinear`, so the target is reachable with a
 * static (linear) gain.
 */
export async function loudnormTwoPass(
  input: string,
  output: string,
  target: LoudnormTarget,
  rate: number,
  limiterLinear: number,
  lowpassHz: number,
): Promise<LoudnormResult> {
  const limiter =
    `highpass=f=70,lowpass=f=${lowpassHz},lowpass=f=${lowpassHz},` +
    `alimiter=limit=${limiterLinear.toFixed(4)}:level=false:latency=true:attack=5:release=60`;
  const base = `loudnorm=I=${target.integratedLufs}:TP=${target.truePeakDbtp}:LRA=${target.lra}`;
  const first = await run('ffmpeg', [
    '-hide_banner', '-nostats', '-i', input,
    '-af', `${limiter},${base}:print_format=json`,
    '-f', 'null', '-',
  ]);
  const m = lastJson(first.stderr);
  const second = await run('ffmpeg', [
    '-hide_banner', '-nostats', '-y', '-i', input,
    '-af',
    `${limiter},${base}:measured_I=${m.input_i}:measured_TP=${m.input_tp}:measured_LRA=${m.input_lra}` +
      `:measured_thresh=${m.input_thresh}:offset=${m.target_offset}:linear=true:print_format=json`,
    '-ar', String(rate), '-ac', '1', '-c:a', 'pcm_f32le',
    output,
  ]);
  const r = lastJson(second.stderr);
  return {
    normalizationType: String(r.normalization_type),
    inputLufs: Number(m.input_i),
    outputLufs: Number(r.output_i),
    outputTruePeak: Number(r.output_tp),
  };
}

/** Encoder settings for the two delivery files. */
export interface EncodeOptions {
  opusKbps: number;
  mp3Kbps: number;
  title: string;
  comment: string;
}

/** Encodes `input` to Opus in WebM (speech-tuned, mono) and to MP3 (mono CBR). */
export async function encodeDeliveryFiles(input: string, opusOut: string, mp3Out: string, o: EncodeOptions): Promise<void> {
  const meta = ['-metadata', `title=${o.title}`, '-metadata', `comment=${o.comment}`];
  await run('ffmpeg', [
    '-hide_banner', '-nostats', '-y', '-i', input,
    '-ac', '1', '-c:a', 'libopus', '-b:a', `${o.opusKbps}k`, '-vbr', 'on', '-application', 'voip',
    '-frame_duration', '20', '-compression_level', '10',
    ...meta, '-fflags', '+bitexact', '-f', 'webm', opusOut,
  ]);
  await run('ffmpeg', [
    '-hide_banner', '-nostats', '-y', '-i', input,
    '-ac', '1', '-ar', '24000', '-c:a', 'libmp3lame', '-b:a', `${o.mp3Kbps}k`,
    ...meta, '-id3v2_version', '3', '-fflags', '+bitexact', mp3Out,
  ]);
}

/** Duration of a media file in milliseconds (ffprobe). */
export async function probeDurationMs(path: string): Promise<number> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=nw=1:nk=1', path]);
  return Math.round(Number(stdout.trim()) * 1000);
}
