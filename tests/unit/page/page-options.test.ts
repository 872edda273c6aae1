// URL options: valid values are read, bad ones fall back to the defaults.
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDLE_SECONDS, hashTarget, parsePageOptions, readPageOptions, writePageOptions } from '../../../src/page/page-options.ts';

describe('parsePageOptions', () => {
  it('defaults', () => {
    expect(parsePageOptions('')).toEqual({ kiosk: false, idleSeconds: DEFAULT_IDLE_SECONDS, theme: null, speech: 'auto', speechRate: 1, narration: null });
  });
  it('reads kiosk, idle and theme', () => {
    expect(parsePageOptions('?kiosk&idle=90&theme=hc-dark')).toMatchObject({ kiosk: true, idleSeconds: 90, theme: 'hc-dark' });
    expect(parsePageOptions('?kiosk=true').kiosk).toBe(true);
    expect(parsePageOptions('?kiosk=0').kiosk).toBe(false);
  });
  it.each([
    ['?idle=abc', DEFAULT_IDLE_SECONDS],
    ['?idle=-5', DEFAULT_IDLE_SECONDS],
    ['?idle=0', DEFAULT_IDLE_SECONDS],
    ['?idle=Infinity', 3600],
    ['?idle=1e309', 3600],
    ['?idle=-1e309', DEFAULT_IDLE_SECONDS],
    ['?idle=0x10', 30],
    ['?idle=%E0%A4%A', DEFAULT_IDLE_SECONDS],
    ['?idle=5', 30],
    ['?idle=999999', 3600],
    ['?idle=45.6', 46],
  ])('idle %s → %d', (search, seconds) => {
    expect(parsePageOptions(search).idleSeconds).toBe(seconds);
  });
  it('ignores unknown themes and garbage', () => {
    expect(parsePageOptions('?theme=neon').theme).toBeNull();
    expect(parsePageOptions('?theme=%E0%A4%A').theme).toBeNull();
    expect(parsePageOptions('?kiosk=maybe').kiosk).toBe(false);
  });
});

describe('speech options', () => {
  it.each([
    ['?kiosk&speech', 'on'],
    ['?speech=on', 'on'],
    ['?speech=TRUE', 'on'],
    ['?speech=1', 'on'],
    ['?speech=off', 'off'],
    ['?speech=0', 'off'],
    ['?speech=no', 'off'],
    ['?speech=auto', 'auto'],
    ['?speech=loud', 'auto'],
    ['', 'auto'],
  ])('speech %s → %s', (search, setting) => {
    expect(parsePageOptions(search).speech).toBe(setting);
  });
  it.each([
    ['?speech-rate=1.25', 1.25],
    ['?speech-rate=9', 2],
    ['?speech-rate=0.1', 0.5],
    ['?speech-rate=fast', 1],
    ['?speech-rate=', 1],
    ['?speech-rate=-1', 1],
    ['?speech-rate=NaN', 1],
  ])('speech-rate %s → %d', (search, rate) => {
    expect(parsePageOptions(search).speechRate).toBe(rate);
  });
});

describe('hashTarget', () => {
  it.each([
    ['', null],
    ['#', null],
    ['#s-1abc', 's-1abc'],
    ['#s%2D1abc', 's-1abc'],
    ['#%', '%'],
    ['#100%25-sure%', '100%25-sure%'],
    ['#%E0%A4%A', '%E0%A4%A'],
  ])('%s → %s (never throws)', (hash, id) => {
    expect(hashTarget(hash)).toBe(id);
  });
});

describe('narration and flags', () => {
  it.each([
    ['?narration=recorded', 'recorded'],
    ['?narration=AUDIO', 'recorded'],
    ['?narration=device', 'device'],
    ['?narration=loud', null],
    ['?narration=%', null],
    ['', null],
  ])('narration %s → %s', (search, source) => {
    expect(parsePageOptions(search).narration).toBe(source);
  });
  it.each([
    ['?kiosk', true],
    ['?kiosk=YES', true],
    ['?kiosk=on', true],
    ['?kiosk=no', false],
    ['?kiosk=off', false],
    ['?kiosk=0', false],
  ])('kiosk %s → %s', (search, on) => {
    expect(parsePageOptions(search).kiosk).toBe(on);
  });
});

describe('one parser for URLs and attributes', () => {
  const cases = [
    '',
    '?kiosk&idle=90&theme=cream&speech=off&speech-rate=1.25&narration=recorded',
    '?kiosk=no&idle=1e309&theme=neon&speech=perhaps&speech-rate=fast&narration=loud',
    '?kiosk=TRUE&idle=-3&theme=%20hc-light%20&speech&speech-rate=Infinity&narration=Speech',
    '?idle=%&theme=%E0%A4%A&narration=%',
  ];
  it.each(cases)('written options read back the same (%s)', (search) => {
    const options = parsePageOptions(search);
    const params = new URLSearchParams();
    writePageOptions(options, params);
    expect(parsePageOptions(`?${params}`)).toEqual(options);
  });

  it('defaults write nothing; readPageOptions takes any source of raw values', () => {
    const params = new URLSearchParams();
    writePageOptions(parsePageOptions(''), params);
    expect(params.toString()).toBe('');
    const attrs: Record<string, string> = { kiosk: '', idle: '45', narration: 'audio' };
    expect(readPageOptions((name) => attrs[name] ?? null)).toMatchObject({ kiosk: true, idleSeconds: 45, narration: 'recorded', speech: 'auto' });
  });
});
