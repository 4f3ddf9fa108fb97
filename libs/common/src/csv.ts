import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null | undefined;

/**
 * CSV text with a header row, quoted where a cell holds a comma, quote or line break. A text cell starting with
 * =, +, -, @, tab or carriage return (or their full-width forms) gets a leading ', so a spreadsheet shows a name
 * such as `=HYPERLINK(...)` as text instead of running it (OWASP "CSV injection"). Negative numbers stay numbers.
 */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return stringify([header, ...rows], { escape_formulas: true });
}
