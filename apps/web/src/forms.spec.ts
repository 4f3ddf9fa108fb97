import { IsEmail, IsInt, IsString, Max, MaxLength, MinLength } from 'class-validator';
import { InvalidTransition } from '@carepath/common';
import { dateParts, formErrorsOf, FormInvalid, validateForm } from './forms';

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

  it('reads the NHS date input boxes', () => {
    expect(dateParts({ 'dob-day': '3', 'dob-month': '3', 'dob-year': '1970' }, 'dob')).toBe('1970-03-03');
    expect(dateParts({ 'dob-day': '', 'dob-month': '', 'dob-year': '' }, 'dob')).toBeUndefined();
    expect(dateParts({ 'dob-day': '31', 'dob-month': 'x', 'dob-year': '1970' }, 'dob')).toBe('1970-x-31');
  });
});
