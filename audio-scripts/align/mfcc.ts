/**
 * MFCC features (16 kHz, 25 ms Hamming window, 10 ms hop, 26 mel bands, coefficients 1–12 plus a
 * log energy), mean- and variance-normalised per signal so two voices compare.
 */
import FFT from 'fft.js';
import { RATE } from './audio.ts';

/** Frame hop in ms (one feature vector per hop). */
export const HOP_MS = 10;
const HOP = (RATE * HOP_MS) / 1000;
const WIN = (RATE * 25) / 1000;
const NFFT = 512;
const BANDS = 26;
const CEPS = 12;
/** Values per frame. */
export const DIMS = CEPS + 1;

const mel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
const hz = (m: number) => 700 * (10 ** (m / 2595) - 1);

function melFilters(): Float32Array[] {
  const lo = mel(80);
  const hi = mel(7600);
  const edges = Array.from({ length: BANDS + 2 }, (_, i) => Math.floor(((NFFT + 1) * hz(lo + ((hi - lo) * i) / (BANDS + 1))) / RATE));
  return Array.from({ length: BANDS }, (_, b) => {
    const f = new Float32Array(NFFT / 2 + 1);
    for (let k = edges[b]; k < edges[b + 1]; k++) f[k] = (k - edges[b]) / Math.max(1, edges[b + 1] - edges[b]);
    for (let k = edges[b + 1]; k < edges[b + 2]; k++) f[k] = (edges[b + 2] - k) / Math.max(1, edges[b + 2] - edges[b + 1]);
    return f;
  });
}

const FILTERS = melFilters();
/** Non-zero bins of each filter. */
const RANGES = FILTERS.map((f) => {
  let a = 0;
  while (a < f.length && f[a] === 0) a++;
  let b = f.length;
  while (b > a && f[b - 1] === 0) b--;
  return [a, b] as const;
});
const WINDOW = Float32Array.from({ length: WIN }, (_, i) => 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (WIN - 1)));
const DCT = Array.from({ length: CEPS }, (_, c) => Float32Array.from({ length: BANDS }, (_, b) => Math.cos((Math.PI * (c + 1) * (b + 0.5)) / BANDS)));

/** Features of a signal: `frames × DIMS` values, row-major; frame `t` starts at `t × HOP_MS` ms. */
export interface Features {
  data: Float32Array;
  frames: number;
  /** 1 for a frame more than 35 dB below the loudest (a pause, whatever its noise). */
  silent: Uint8Array;
}

/** How far below the loudest frame a frame counts as silence. */
const SILENCE = 10 ** -3.5;

/** Computes normalised MFCC features of 16 kHz mono samples. */
export function mfcc(samples: Float32Array): Features {
  const frames = Math.max(0, Math.floor((samples.length - WIN) / HOP) + 1);
  const data = new Float32Array(frames * DIMS);
  const fft = new FFT(NFFT);
  const input = new Array<number>(NFFT).fill(0);
  const out = fft.createComplexArray() as number[];
  const power = new Float32Array(NFFT / 2 + 1);
  const bands = new Float32Array(frames * BANDS);
  const energies = new Float32Array(frames);
  let loudestBand = 0;
  let loudestFrame = 0;
  for (let t = 0; t < frames; t++) {
    const start = t * HOP;
    let energy = 0;
    for (let i = 0; i < WIN; i++) {
      // Pre-emphasis, then the window.
      const x = samples[start + i] - 0.97 * (start + i > 0 ? samples[start + i - 1] : 0);
      input[i] = x * WINDOW[i];
      energy += x * x;
    }
    energies[t] = energy;
    loudestFrame = Math.max(loudestFrame, energy);
    fft.realTransform(out, input);
    for (let k = 0; k <= NFFT / 2; k++) power[k] = out[2 * k] * out[2 * k] + out[2 * k + 1] * out[2 * k + 1];
    for (let b = 0; b < BANDS; b++) {
      let sum = 0;
      const f = FILTERS[b];
      for (let k = RANGES[b][0]; k < RANGES[b][1]; k++) sum += f[k] * power[k];
      bands[t * BANDS + b] = sum;
      loudestBand = Math.max(loudestBand, sum);
    }
  }
  // Everything more than 40 dB below the loudest is silence, whatever its noise: digital silence
  // in the reference and room noise in a take then look alike.
  const bandFloor = loudestBand * 1e-4 + 1e-12;
  const energyFloor = loudestFrame * 1e-4 + 1e-12;
  const logMel = new Float32Array(BANDS);
  for (let t = 0; t < frames; t++) {
    for (let b = 0; b < BANDS; b++) logMel[b] = Math.log(Math.max(bands[t * BANDS + b], bandFloor));
    const row = t * DIMS;
    for (let c = 0; c < CEPS; c++) {
      let sum = 0;
      for (let b = 0; b < BANDS; b++) sum += DCT[c][b] * logMel[b];
      data[row + c] = sum;
    }
    data[row + CEPS] = Math.log(Math.max(energies[t], energyFloor));
  }
  normalise(data, frames);
  const silent = Uint8Array.from(energies, (e) => (e < loudestFrame * SILENCE ? 1 : 0));
  return { data, frames, silent };
}

/**
 * Mean and variance normalisation of every dimension, measured over the speech frames only (within
 * 40 dB of the loudest), so takes with longer pauses normalise like the reference.
 */
function normalise(data: Float32Array, frames: number): void {
  if (frames === 0) return;
  let loudest = -Infinity;
  for (let t = 0; t < frames; t++) loudest = Math.max(loudest, data[t * DIMS + CEPS]);
  const speech: number[] = [];
  for (let t = 0; t < frames; t++) if (data[t * DIMS + CEPS] > loudest - Math.log(1e4)) speech.push(t);
  for (let d = 0; d < DIMS; d++) {
    let mean = 0;
    for (const t of speech) mean += data[t * DIMS + d];
    mean /= speech.length;
    let variance = 0;
    for (const t of speech) variance += (data[t * DIMS + d] - mean) ** 2;
    const sd = Math.sqrt(variance / speech.length) || 1;
    for (let t = 0; t < frames; t++) data[t * DIMS + d] = (data[t * DIMS + d] - mean) / sd;
  }
}

/** Averages each `factor` consecutive frames (for coarse passes). */
export function downsample(features: Features, factor: number): Features {
  const frames = Math.ceil(features.frames / factor);
  const data = new Float32Array(frames * DIMS);
  const silent = new Uint8Array(frames);
  for (let t = 0; t < frames; t++) {
    const a = t * factor;
    const b = Math.min(features.frames, a + factor);
    let quiet = 0;
    for (let s = a; s < b; s++) {
      quiet += features.silent[s];
      for (let d = 0; d < DIMS; d++) data[t * DIMS + d] += features.data[s * DIMS + d] / (b - a);
    }
    silent[t] = quiet * 2 > b - a ? 1 : 0;
  }
  return { data, frames, silent };
}
