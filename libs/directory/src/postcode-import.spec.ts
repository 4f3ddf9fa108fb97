import { parseCsvLine } from './postcode-import';

describe('ONSPD CSV lines', () => {
  it.each([
    ['"LS1  4AP","LS1 4AP","",53.797580,-1.546460', ['LS1  4AP', 'LS1 4AP', '', '53.797580', '-1.546460']],
    ['a,b,,d', ['a', 'b', '', 'd']],
    ['"quoted, with comma",x', ['quoted, with comma', 'x']],
    ['"a ""quoted"" word",y', ['a "quoted" word', 'y']],
    ['', ['']],
  ])('%s', (line, cells) => {
    expect(parseCsvLine(line)).toEqual(cells);
  });
});
