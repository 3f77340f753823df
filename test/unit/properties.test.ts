import { describe, expect, it } from 'vitest';
import { parseProperties } from '../../src/vendors/akana/properties.js';

describe('.properties parser', () => {
  it('reads separators, comments, continuations and escapes', () => {
    const text = [
      '# comment',
      '! another',
      'a=1',
      'b : 2',
      'c 3',
      'd=multi \\',
      '   line',
      'e\\=key=value\\u00e9',
      'empty=',
      '  spaced.key   =   v  ',
    ].join('\n');
    expect(parseProperties(text)).toEqual({
      a: '1',
      b: '2',
      c: '3',
      d: 'multi line',
      'e=key': 'valueé',
      empty: '',
      'spaced.key': 'v  ',
    });
  });
});
