// applyStoredSettings: the before-first-paint step never throws and falls back to the defaults.
import { describe, expect, it } from 'vitest';
import { SETTINGS_STORAGE_KEY, applyStoredSettings, type KeyValueStorage } from '../../../src/settings/index.ts';

function fakeRoot() {
  const attributes = new Map<string, string>();
  const properties = new Map<string, string>();
  return {
    attributes,
    properties,
    setAttribute: (n: string, v: string) => void attributes.set(n, v),
    style: { setProperty: (n: string, v: string) => void properties.set(n, v) },
  };
}

const storageWith = (value: string | null): KeyValueStorage => ({
  getItem: (k) => (k === SETTINGS_STORAGE_KEY ? value : null),
  setItem: () => {},
  removeItem: () => {},
});

const light = { prefersDark: false, prefersMoreContrast: false, prefersReducedMotion: false };
const dark = { prefersDark: true, prefersMoreContrast: false, prefersReducedMotion: true };

describe('applyStoredSettings', () => {
  it('applies stored preferences over the defaults', () => {
    const root = fakeRoot();
    const stored = JSON.stringify({ theme: 'hc-light', textSize: 200, letterSpacing: 0.12 });
    const s = applyStoredSettings(root, storageWith(stored), dark);
    expect(s.theme).toBe('hc-light');
    expect(root.attributes.get('data-theme')).toBe('hc-light');
    expect(root.attributes.get('data-reduce-motion')).toBe('true');
    expect(root.properties.get('--ne-text-scale')).toBe('2');
    expect(root.properties.get('--ne-letter-spacing')).toBe('0.12em');
  });

  it.each([
    ['JSON garbage', '{{{'],
    ['an array', '[1,2]'],
    ['wrong types', '{"theme":42,"textSize":"huge","readingFocus":"yes"}'],
    ['prototype keys', '{"__proto__":{"theme":"hc-light"}}'],
    ['nothing', null],
  ])('applies the environment defaults for %s', (_label, value) => {
    const root = fakeRoot();
    const s = applyStoredSettings(root, storageWith(value), dark);
    expect(s.theme).toBe('hc-dark');
    expect(root.attributes.get('data-theme')).toBe('hc-dark');
    expect(root.attributes.get('data-font')).toBe('atkinson');
    expect(root.attributes.get('data-reading-focus')).toBe('false');
    expect(root.properties.get('--ne-text-scale')).toBe('1');
  });

  it('clamps stored out-of-range values before applying them', () => {
    const root = fakeRoot();
    applyStoredSettings(root, storageWith('{"textSize":1e9,"lineLength":3}'), light);
    expect(root.properties.get('--ne-text-scale')).toBe('3');
    expect(root.properties.get('--ne-line-length')).toBe('45');
  });

  it('accepts a storage getter that throws (blocked storage) and absent storage', () => {
    const root = fakeRoot();
    const getter = () => {
      throw new DOMException('insecure', 'SecurityError');
    };
    expect(applyStoredSettings(root, getter, light).theme).toBe('cream');
    expect(root.attributes.get('data-theme')).toBe('cream');
    expect(applyStoredSettings(fakeRoot(), undefined, dark).theme).toBe('hc-dark');
  });

  it('does not throw when the root does', () => {
    const root = {
      setAttribute: () => {
        throw new Error('readonly');
      },
      style: { setProperty: () => {} },
    };
    expect(applyStoredSettings(root, undefined, light).theme).toBe('cream');
  });

  it('reads a custom key', () => {
    const root = fakeRoot();
    const storage: KeyValueStorage = {
      getItem: (k) => (k === 'kiosk' ? '{"font":"lexend"}' : null),
      setItem: () => {},
      removeItem: () => {},
    };
    applyStoredSettings(root, () => storage, light, 'kiosk');
    expect(root.attributes.get('data-font')).toBe('lexend');
  });
});
