import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { AppConfig } from './config';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Logged request: method and path only (query strings may hold NHS numbers or names), no headers or bodies. */
function requestSummary(req: IncomingMessage & { id?: unknown }): Record<string, unknown> {
  return { id: req.id, method: req.method, path: (req.url ?? '').split('?')[0] };
}

export function loggerModule(config: AppConfig, destination?: DestinationStream): DynamicModule {
  const options: Options = {
    level: config.logLevel,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: requestSummary,
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    redact: {
      paths: [
        'req.headers',
        'req.body',
        '*.password',
        '*.passwordHash',
        '*.accessToken',
        '*.refreshToken',
        '*.authorization',
        '*.nhsNumber',
        '*.givenName',
        '*.familyName',
        '*.dateOfBirth',
        '*.postcode',
        '*.phone',
        '*.email',
      ],
      censor: '[redacted]',
    },
    customAttributeKeys: { reqId: 'requestId' },
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health/') },
  };
  return LoggerModule.forRoot({ pinoHttp: destination ? [options, destination] : options });
}
