/**
 * Setting descriptors: what each setting is called, what kind of control edits it, its range and
 * how its value reads aloud. The settings panel renders from these (Readium's
 * `AudioPreferencesEditor` pattern) and `parsePreferences` validates against them.
 */
import { type FontChoice, type ReadingSettings, type SettingKey, type Theme } from './types.ts';

/** One option of a choice setting. */
export interface ChoiceOption<V extends string> {
  value: V;
  label: string;
}

interface DescriptorBase<K extends SettingKey> {
  key: K;
  /** Visible label (and accessible name) of the control. */
  label: string;
  /** Optional one-line help shown under the control and referenced with `aria-describedby`. */
  description?: string;
  /** Human-readable value for the visible value and `aria-valuetext`. */
  format(value: ReadingSettings[K]): string;
}

/** A one-of-n setting, rendered as a radio group in a `<fieldset>`. */
export interface ChoiceDescriptor<K extends SettingKey = SettingKey> extends DescriptorBase<K> {
  kind: 'choice';
  options: readonly ChoiceOption<ReadingSettings[K] & string>[];
}

/** A numeric setting, rendered as `<input type=range>`. Values are clamped and snapped to `step`. */
export interface RangeDescriptor<K extends SettingKey = SettingKey> extends DescriptorBase<K> {
  kind: 'range';
  min: number;
  max: number;
  step: number;
  /** Unit of the stored value: `%`, `em`, `characters`, or `''` for unitless. */
  unit: '%' | 'em' | 'characters' | '';
}

/** An on/off setting, rendered as a checkbox. */
export interface ToggleDescriptor<K extends SettingKey = SettingKey> extends DescriptorBase<K> {
  kind: 'toggle';
}

/** Any setting descriptor. */
export type SettingDescriptor = ChoiceDescriptor | RangeDescriptor | ToggleDescriptor;

/** Descriptor type per key, so `SETTING_DESCRIPTORS.theme.options` is typed. */
export interface SettingDescriptorMap {
  theme: ChoiceDescriptor<'theme'>;
  font: ChoiceDescriptor<'font'>;
  textSize: RangeDescriptor<'textSize'>;
  lineHeight: RangeDescriptor<'lineHeight'>;
  letterSpacing: RangeDescriptor<'letterSpacing'>;
  wordSpacing: RangeDescriptor<'wordSpacing'>;
  lineLength: RangeDescriptor<'lineLength'>;
  readingFocus: ToggleDescriptor<'readingFocus'>;
  reduceMotion: ToggleDescriptor<'reduceMotion'>;
  highlightWords: ToggleDescriptor<'highlightWords'>;
}

/** Number of decimals in a step, used to strip floating-point noise (0.1 + 0.2). */
export function stepDecimals(step: number): number {
  const text = String(step);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Formats a number with at most the step's decimals and no trailing zeros ("1.8", "0.12"). */
function formatNumber(value: number, step: number): string {
  return String(Number(value.toFixed(stepDecimals(step))));
}

function choiceLabel<V extends string>(options: readonly ChoiceOption<V>[], value: V): string {
  return options.find((o) => o.value === value)?.label ?? String(value);
}

const THEME_OPTIONS: readonly ChoiceOption<Theme>[] = [
  { value: 'hc-dark', label: 'High contrast dark' },
  { value: 'hc-light', label: 'High contrast light' },
  { value: 'cream', label: 'Low-glare cream' },
];

const FONT_OPTIONS: readonly ChoiceOption<FontChoice>[] = [
  { value: 'atkinson', label: 'Atkinson Hyperlegible' },
  { value: 'opendyslexic', label: 'OpenDyslexic' },
  { value: 'lexend', label: 'Lexend' },
];

const onOff = (value: boolean): string => (value ? 'On' : 'Off');

/** Every setting's descriptor, keyed by setting. */
export const SETTING_DESCRIPTORS: Readonly<SettingDescriptorMap> = {
  theme: {
    key: 'theme',
    kind: 'choice',
    label: 'Theme',
    options: THEME_OPTIONS,
    format: (v) => choiceLabel(THEME_OPTIONS, v),
  },
  font: {
    key: 'font',
    kind: 'choice',
    label: 'Font',
    options: FONT_OPTIONS,
    format: (v) => choiceLabel(FONT_OPTIONS, v),
  },
  textSize: {
    key: 'textSize',
    kind: 'range',
    label: 'Text size',
    min: 100,
    max: 300,
    step: 10,
    unit: '%',
    format: (v) => `${formatNumber(v, 10)}%`,
  },
  lineHeight: {
    key: 'lineHeight',
    kind: 'range',
    label: 'Line spacing',
    min: 1.5,
    max: 2.5,
    step: 0.1,
    unit: '',
    format: (v) => formatNumber(v, 0.1),
  },
  letterSpacing: {
    key: 'letterSpacing',
    kind: 'range',
    label: 'Letter spacing',
    min: 0,
    max: 0.2,
    step: 0.02,
    unit: 'em',
    format: (v) => `${formatNumber(v, 0.02)} em`,
  },
  wordSpacing: {
    key: 'wordSpacing',
    kind: 'range',
    label: 'Word spacing',
    min: 0,
    max: 0.6,
    step: 0.04,
    unit: 'em',
    format: (v) => `${formatNumber(v, 0.04)} em`,
  },
  lineLength: {
    key: 'lineLength',
    kind: 'range',
    label: 'Line length',
    min: 45,
    max: 80,
    step: 5,
    unit: 'characters',
    format: (v) => `${formatNumber(v, 5)} characters`,
  },
  readingFocus: {
    key: 'readingFocus',
    kind: 'toggle',
    label: 'Reading focus',
    description: 'Dim every paragraph except the one being read.',
    format: onOff,
  },
  reduceMotion: {
    key: 'reduceMotion',
    kind: 'toggle',
    label: 'Reduce motion',
    description: 'Jump to the text being read instead of scrolling smoothly.',
    format: onOff,
  },
  highlightWords: {
    key: 'highlightWords',
    kind: 'toggle',
    label: 'Highlight each word',
    description: 'While the narration reads, mark the word being heard as well as the sentence.',
    format: onOff,
  },
};

/** Setting keys in panel order. */
export const SETTING_KEYS: readonly SettingKey[] = [
  'theme',
  'font',
  'textSize',
  'lineHeight',
  'letterSpacing',
  'wordSpacing',
  'lineLength',
  'readingFocus',
  'reduceMotion',
  'highlightWords',
];

/** Descriptors in panel order, for rendering. */
export const SETTING_DESCRIPTOR_LIST: readonly SettingDescriptor[] = SETTING_KEYS.map(
  (key) => SETTING_DESCRIPTORS[key] as SettingDescriptor,
);

/** Formats any setting's value with its descriptor (for `aria-valuetext` and visible values). */
export function formatSetting<K extends SettingKey>(key: K, value: ReadingSettings[K]): string {
  return (SETTING_DESCRIPTORS[key] as unknown as DescriptorBase<K>).format(value);
}

/** A one-click bundle of setting values. */
export interface SettingPreset {
  id: string;
  label: string;
  description: string;
  values: Partial<ReadingSettings>;
}

/**
 * "Dyslexia-friendly spacing" (BDA Dyslexia Style Guide): letter spacing 0.12 em raised together
 * with word spacing (at least 3.5 × letter spacing = 0.42 em) and line height 2. Word spacing is
 * 0.44 em, the nearest value at or above 0.42 on the slider's 0.04 em step, so the preset
 * survives `parsePreferences` snapping unchanged.
 */
export const DYSLEXIA_SPACING_PRESET: SettingPreset = {
  id: 'dyslexia-spacing',
  label: 'Dyslexia-friendly spacing',
  description: 'Sets letter spacing to 0.12 em, word spacing to 0.44 em and line spacing to 2.',
  values: { letterSpacing: 0.12, wordSpacing: 0.44, lineHeight: 2 },
};

/** Presets offered by the panel. */
export const SETTING_PRESETS: readonly SettingPreset[] = [DYSLEXIA_SPACING_PRESET];
