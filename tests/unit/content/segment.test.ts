// Sentence segmentation: initials, abbreviations, ellipses, closing quotes and dialogue dashes.
import { describe, expect, it } from 'vitest';
import { ABBREVIATIONS, segmentSentences } from '../../../src/content/segment.ts';

/** The sentences of `text` as strings. */
const split = (text: string): string[] => segmentSentences(text).map(({ start, end }) => text.slice(start, end));

describe('segmentSentences', () => {
  it('splits plain sentences and trims whitespace', () => {
    expect(split('  One. Two?  Three!  ')).toEqual(['One.', 'Two?', 'Three!']);
    expect(split('')).toEqual([]);
    expect(split('   ')).toEqual([]);
    expect(split('No terminal punctuation')).toEqual(['No terminal punctuation']);
  });

  it('returns ranges that cover every non-whitespace character', () => {
    const text = 'On the 1st of September 1939, Germany attacked Poland. World War II became a fact.';
    const ranges = segmentSentences(text);
    expect(ranges).toEqual([
      { start: 0, end: 54 },
      { start: 55, end: text.length },
    ]);
  });

  it('never splits after initials', () => {
    expect(split('Stalin’s Conversation with A.M. Kollontai')).toEqual(['Stalin’s Conversation with A.M. Kollontai']);
    expect(split('After settling down in hotel ‘Moskva’, Aleksandra Mikhailovna rang up V.M. Molotov. She waited.')).toEqual([
      'After settling down in hotel ‘Moskva’, Aleksandra Mikhailovna rang up V.M. Molotov.',
      'She waited.',
    ]);
    expect(split('In that case it will be one front less against us, Molotov told A. M. Kollontai on parting.')).toEqual([
      'In that case it will be one front less against us, Molotov told A. M. Kollontai on parting.',
    ]);
    expect(split('I.V. Stalin, ‘Sochinenia’, Vol. 18, 1917-1953, Informatsionno-izdatelskiy ‘Soyuz’, Tver, 2006, pp. 606-611')).toEqual([
      'I.V. Stalin, ‘Sochinenia’, Vol. 18, 1917-1953, Informatsionno-izdatelskiy ‘Soyuz’, Tver, 2006, pp. 606-611',
    ]);
    expect(
      split('Note. Extracts from the diaries of A.M. Kollontai, located in the archives; reproduced by historian M.I. Trushe.'),
    ).toEqual(['Note.', 'Extracts from the diaries of A.M. Kollontai, located in the archives; reproduced by historian M.I. Trushe.']);
  });

  it('never splits after known abbreviations', () => {
    expect(split('Dialog, 1998, No. 8, pp. 92-94')).toEqual(['Dialog, 1998, No. 8, pp. 92-94']);
    expect(split('See Vol. 18 and cf. Dr. Smith of St. Petersburg, e.g. Mr. Jones, i.e. Him.')).toEqual([
      'See Vol. 18 and cf. Dr. Smith of St. Petersburg, e.g. Mr. Jones, i.e. Him.',
    ]);
    expect(split('Plants, factories, etc. and farms. Then more.')).toEqual(['Plants, factories, etc. and farms.', 'Then more.']);
    expect(split('Plants, factories, etc. Then more.')).toEqual(['Plants, factories, etc.', 'Then more.']);
    for (const abbreviation of ['pp', 'No', 'Vol', 'Mr', 'Dr', 'St', 'cf', 'e.g', 'i.e']) {
      expect(ABBREVIATIONS.has(abbreviation)).toBe(true);
    }
  });

  it('splits after an ellipsis only before a capital, an opening quote or a dash', () => {
    expect(split('I decided: I could not disturb him... Several busy days passed by.')).toEqual([
      'I decided: I could not disturb him...',
      'Several busy days passed by.',
    ]);
    expect(
      split('but I could just say: ‘Your name will be inscribed...’ that Stalin raised his hand and stopped me and I stopped. Stalin continued:'),
    ).toEqual([
      'but I could just say: ‘Your name will be inscribed...’ that Stalin raised his hand and stopped me and I stopped.',
      'Stalin continued:',
    ]);
    expect(split('He paused… Then he spoke.')).toEqual(['He paused…', 'Then he spoke.']);
    expect(split('He paused… and spoke.')).toEqual(['He paused… and spoke.']);
    expect(split('It went on... 1939 came.')).toEqual(['It went on... 1939 came.']);
    expect(split('He waited... – Yes?')).toEqual(['He waited...', '– Yes?']);
    expect(split('The clock showed ten minutes to two...’')).toEqual(['The clock showed ten minutes to two...’']);
  });

  it('keeps closing quotes with the sentence they close', () => {
    expect(split('Toughen yourself. They must be overcome’. And, in a softer voice, he said')).toEqual([
      'Toughen yourself.',
      'They must be overcome’.',
      'And, in a softer voice, he said',
    ]);
    expect(split('Collect yourself. Strengthen your health, harden yourself in the struggle!’')).toEqual([
      'Collect yourself.',
      'Strengthen your health, harden yourself in the struggle!’',
    ]);
    expect(split('They will build their future on our past.’')).toEqual(['They will build their future on our past.’']);
    expect(split('He said: ‘Stop.’ Then he left.')).toEqual(['He said: ‘Stop.’', 'Then he left.']);
    expect(split('Really?” She nodded.')).toEqual(['Really?”', 'She nodded.']);
  });

  it('splits inside a quotation', () => {
    expect(split('And, in a softer voice, he said: ‘We shall overcome. We shall certainly overcome!')).toEqual([
      'And, in a softer voice, he said: ‘We shall overcome.',
      'We shall certainly overcome!',
    ]);
    expect(split('the Finnish delegation had only one answer. ‘No, we cannot accept’.')).toEqual([
      'the Finnish delegation had only one answer.',
      '‘No, we cannot accept’.',
    ]);
    expect(split('At this moment Stalin asked: "How are things going on with you? "Fine."')).toEqual([
      'At this moment Stalin asked: "How are things going on with you?',
      '"Fine."',
    ]);
  });

  it('handles dialogue dashes', () => {
    expect(split('– No, no, they are still busy, please wait. Finally a secretary to Molotov opened the door')).toEqual([
      '– No, no, they are still busy, please wait.',
      'Finally a secretary to Molotov opened the door',
    ]);
    expect(split('‘I, – recalls Kollontai – sat and waited in the lounge for Molotov to call me. I waited for hours.')).toEqual([
      '‘I, – recalls Kollontai – sat and waited in the lounge for Molotov to call me.',
      'I waited for hours.',
    ]);
    expect(split('He asked. – You have come? — Yes. - Fine.')).toEqual(['He asked.', '– You have come?', '— Yes.', '- Fine.']);
  });

  it('splits before digits and opening brackets, never at semicolons or mid-word', () => {
    expect(split('It was 1938. 1939 was worse. (A note.) Done.')).toEqual(['It was 1938.', '1939 was worse.', '(A note.)', 'Done.']);
    expect(split('It is necessary to practically start the preparations to repel; to be prepared for war with Hitler’.')).toEqual([
      'It is necessary to practically start the preparations to repel; to be prepared for war with Hitler’.',
    ]);
    expect(split('Version 3.5 of the text; the years 1917-1953. World War II became a fact.')).toEqual([
      'Version 3.5 of the text; the years 1917-1953.',
      'World War II became a fact.',
    ]);
    expect(split('He stopped. and went on.')).toEqual(['He stopped. and went on.']);
  });
});
