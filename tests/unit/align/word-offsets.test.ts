import { describe, expect, it } from 'vitest';
import { sentenceWordOffsets, spanWordOffsets, tokenizeWords } from '../../../src/narration/word-offsets.ts';

describe('word offsets (spoken → displayed)', () => {
  it('maps unchanged words one to one and skips punctuation', () => {
    const words = spanWordOffsets({ text: 'Yes — he said, “no.”', displayText: 'Yes — he said, “no.”', displayStart: 0 });
    expect(words.map((w) => w.spoken)).toEqual(['Yes', 'he', 'said', 'no']);
    expect(words.map((w) => 'Yes — he said, “no.”'.slice(w.from, w.to))).toEqual(['Yes', 'he', 'said', 'no']);
  });

  it('maps a respelled name to the displayed name', () => {
    const display = 'In September, Chamberlain and Daladier had a meeting with Hitler.';
    const words = spanWordOffsets({ text: 'In September, Chamberlain and dahlahd yay had a meeting with Hitler.', displayText: display, displayStart: 0 });
    const shown = words.map((w) => [w.spoken, display.slice(w.from, w.to)]);
    expect(shown).toContainEqual(['dahlahd', 'Daladier']);
    expect(shown).toContainEqual(['yay', 'Daladier']);
    expect(shown).toContainEqual(['had', 'had']);
    expect(shown).toContainEqual(['Hitler', 'Hitler']);
  });

  it('spreads an expansion over the displayed words in proportion', () => {
    const display = 'Stalin’s Conversation with A.M. Kollontai';
    const words = spanWordOffsets({ text: 'Stalin’s Conversation with ay em kollon tie', displayText: display, displayStart: 0 });
    expect(words.map((w) => display.slice(w.from, w.to))).toEqual(['Stalin’s', 'Conversation', 'with', 'A.M', 'A.M', 'Kollontai', 'Kollontai']);
  });

  it('offsets later spans by their display start', () => {
    const sentence = 'He said: Molotov agreed.';
    const words = sentenceWordOffsets([
      { text: 'He said:', displayText: 'He said: ', displayStart: 0 },
      { text: 'mollotoff agreed.', displayText: 'Molotov agreed.', displayStart: 9 },
    ]);
    expect(words.map((w) => sentence.slice(w.from, w.to))).toEqual(['He', 'said', 'Molotov', 'agreed']);
  });

  it('finds no words in punctuation', () => {
    expect(tokenizeWords('— … “ ”')).toEqual([]);
  });
});
