import { toCsv } from './csv';

describe('toCsv (csv-stringify with formula escaping)', () => {
  it.each([
    ['a plain name', 'Jo Bloggs', 'Jo Bloggs'],
    ['= starts a formula', '=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+ starts a formula', '+1+2', "'+1+2"],
    ['- starts a formula in text', '-2+3', "'-2+3"],
    ['@ starts a formula', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab', '\tcmd', "'\tcmd"],
    ['a leading carriage return', '\rcmd', `"'\rcmd"`],
    ['full-width = (Apple Numbers normalises it)', '＝1+1', "'＝1+1"],
    ['= later in the text is harmless', 'a=b', 'a=b'],
    ['a comma is quoted', 'Smith, Jo', '"Smith, Jo"'],
    ['a quote is doubled and quoted', 'Jo "JB" Bloggs', '"Jo ""JB"" Bloggs"'],
    ['a line break is quoted', 'line 1\nline 2', '"line 1\nline 2"'],
    ['a lone carriage return is quoted', 'line 1\rline 2', '"line 1\rline 2"'],
    ['a negative number stays a number', -10, '-10'],
    ['a decimal', 0.25, '0.25'],
    ['zero', 0, '0'],
    ['null is empty', null, ''],
  ])('%s', (_, value, expected) => {
    expect(toCsv(['h'], [[value]])).toBe(`h\n${expected}\n`);
  });

  it('writes a header and one line per row, each ending in a line feed', () => {
    expect(
      toCsv(
        ['modality', 'patients', 'share'],
        [
          ['psychology', 1, null],
          ['physiotherapy', 2, 0.5],
        ],
      ),
    ).toBe('modality,patients,share\npsychology,1,\nphysiotherapy,2,0.5\n');
  });
});
