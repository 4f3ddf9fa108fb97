import { ArgumentsHost } from '@nestjs/common';
import { ErrorFilter } from './errors';

function respond(exception: unknown): { status: number; body: Record<string, unknown> } {
  const out = { status: 0, body: {} as Record<string, unknown> };
  const res = {
    status(code: number) {
      out.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      out.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ id: 'req-1' }), getResponse: () => res }) } as unknown as ArgumentsHost;
  new ErrorFilter().catch(exception, host);
  return out;
}

const driverError = (code: string) => Object.assign(new Error('driver says no'), { driverError: { code }, parameters: ['9990000018'] });

// Issue 13: PostgreSQL data exceptions (SQLSTATE class 22) are the client's bad value, never a 500.
describe('ErrorFilter: PostgreSQL errors as the last line of defence', () => {
  it.each([
    ['22008 datetime field overflow', '22008'],
    ['22003 numeric value out of range', '22003'],
    ['22P02 invalid text representation', '22P02'],
    ['22021 character not in repertoire (NUL)', '22021'],
  ])('%s is a 400 INVALID_VALUE', (_name, code) => {
    expect(respond(driverError(code))).toEqual({
      status: 400,
      body: { statusCode: 400, code: 'INVALID_VALUE', message: 'A value in the request is out of range or malformed', requestId: 'req-1' },
    });
  });

  it.each([
    ['23514 check violation', '23514'],
    ['42703 undefined column', '42703'],
  ])('%s stays a 500 that carries only the request id', (_name, code) => {
    const { status, body } = respond(driverError(code));
    expect(status).toBe(500);
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: expect.any(String), requestId: 'req-1' });
  });

  it.each([
    ['08006 connection failure', driverError('08006')],
    ['57P01 admin shutdown (a restart)', driverError('57P01')],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a connection ended mid-query', new Error('Connection terminated unexpectedly')],
  ])('%s is a 503 NOT_READY: the database is away, nothing is wrong with the request', (_name, error) => {
    const { status, body } = respond(error);
    expect(status).toBe(503);
    expect(body).toEqual({ statusCode: 503, code: 'NOT_READY', message: expect.any(String), requestId: 'req-1' });
  });
});
