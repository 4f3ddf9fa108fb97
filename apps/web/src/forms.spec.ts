import { IsEmail, IsInt, IsString, IsUUID, Max, MaxLength, MinLength } from 'class-validator';
import { InvalidTransition, IsDateOnly } from '@carepath/common';
import { dateParts, dateTimeParts, formErrorsOf, FormInvalid, inPlainWords, validateForm } from './forms';
import { weeksAndDays } from './view-filters';

class Example {
  @IsEmail() email: string;
  @IsString() @MinLength(1) @MaxLength(5) name: string;
  @IsInt() @Max(10) score: number;
}

const LABELS = { email: 'Email address', name: 'Name', score: 'Score' };

async function errorsFor(input: Record<string, unknown>) {
  try {
    await validateForm(Example, input, LABELS);
  } catch (error) {
    if (error instanceof FormInvalid) return error.errors;
    throw error;
  }
  return null;
}

describe('forms', () => {
  it('validates with the API pipe and words the messages as the NHS does, linked to each field', async () => {
    const errors = await errorsFor({ email: 'nope', name: '', score: 11 });
    expect(errors?.fields).toEqual({
      email: 'Enter an email address in the correct format, like name@example.com',
      name: 'Enter name',
      score: 'Score must be 10 or less',
    });
    expect(errors?.summary[0]).toEqual({ text: errors?.fields.email, href: '#email' });
  });

  it('asks for a field left out, whatever else it fails', async () => {
    const errors = await errorsFor({ email: 'a@b.test', score: 1 });
    expect(errors?.fields).toEqual({ name: 'Enter name' });
  });

  it('says a number typed as words must be a whole number, rather than quoting its bounds', async () => {
    const errors = await errorsFor({ email: 'a@b.test', name: 'Al', score: 'lots' });
    expect(errors?.fields).toEqual({ score: 'Score must be a whole number' });
  });

  it('refuses fields the DTO does not know, as the API does', async () => {
    const errors = await errorsFor({ email: 'a@b.test', name: 'Al', score: 1, admin: 'yes' });
    expect(Object.keys(errors?.fields ?? {})).toEqual(['admin']);
  });

  it('returns the DTO when the form is valid', async () => {
    await expect(validateForm(Example, { email: 'a@b.test', name: 'Al', score: 3 })).resolves.toBeInstanceOf(Example);
  });

  it('turns a 4xx domain error into the error summary, and leaves a 404 or 500 alone', () => {
    expect(formErrorsOf(new InvalidTransition('Referral', 'discharged', 'accepted'))?.summary).toEqual([
      { text: 'Referral cannot go from discharged to accepted', href: '#main-form' },
    ]);
    expect(formErrorsOf(new Error('boom'))).toBeNull();
  });

  it('asks for a real date and for a choice from a list (an id) in the NHS words', async () => {
    class Planned {
      @IsDateOnly() date: string;
      @IsUUID() ownerId: string;
    }
    await expect(
      validateForm(Planned, { date: '2026-02-30', ownerId: '' }, { date: 'Date of the meeting', ownerId: 'Owner' }),
    ).rejects.toMatchObject({
      errors: { fields: { date: 'Date of the meeting must be a real date', ownerId: 'Select owner' } },
    });
  });

  it('reads the NHS date input boxes', () => {
    expect(dateParts({ 'dob-day': '3', 'dob-month': '3', 'dob-year': '1970' }, 'dob')).toBe('1970-03-03');
    expect(dateParts({ 'dob-day': '', 'dob-month': '', 'dob-year': '' }, 'dob')).toBeUndefined();
    expect(dateParts({ 'dob-day': '31', 'dob-month': 'x', 'dob-year': '1970' }, 'dob')).toBe('1970-x-31');
  });

  it('words a field’s errors as the page says, in the summary and beside the field, leaving other fields and errors alone', async () => {
    const error = await validateForm(Example, { email: 'nope', name: 'too long a name', score: 1 }, LABELS).catch((e: unknown) => e);
    const plain = inPlainWords(error, { name: 'Enter a name of up to 5 letters' }) as FormInvalid;
    expect(plain.errors.fields).toEqual({
      email: 'Enter an email address in the correct format, like name@example.com',
      name: 'Enter a name of up to 5 letters',
    });
    expect(plain.errors.summary.map((s) => s.text)).toEqual([plain.errors.fields.email, 'Enter a name of up to 5 letters']);
    const other = new Error('boom');
    expect(inPlainWords(other, {})).toBe(other);
  });

  it('reads a date and a time as London time: GMT in winter, BST in summer; anything else as typed', () => {
    const at = (day: string, month: string, year: string, time: string) =>
      dateTimeParts({ 'startsAt-day': day, 'startsAt-month': month, 'startsAt-year': year, 'startsAt-time': time }, 'startsAt');
    expect(at('16', '3', '2026', '14:30')).toBe('2026-03-16T14:30:00.000Z');
    expect(at('16', '7', '2026', '9.05')).toBe('2026-07-16T08:05:00.000Z');
    expect(at('31', '2', '2026', '10:00')).toBe('2026-02-31T10:00');
    expect(at('16', '3', '2026', 'noon')).toBe('2026-03-16Tnoon');
    expect(at('16', '3', '2026', '')).toBe('2026-03-16T');
    expect(dateTimeParts({}, 'startsAt')).toBeUndefined();
  });

  it('reads a wait in weeks and days', () => {
    expect([0, 1, 6, 7, 9, 14, 58].map(weeksAndDays)).toEqual([
      '0 days',
      '1 day',
      '6 days',
      '1 week',
      '1 week 2 days',
      '2 weeks',
      '8 weeks 2 days',
    ]);
  });
});
