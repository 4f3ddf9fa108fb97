import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { createValidationPipe, rejectMalformedRequests } from '@carepath/common';
import { PageOrApiErrorFilter } from '../../web/src/page-or-api-error.filter';
import { setupWeb } from '../../web/src/setup-web';


export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('carepath API')
    .setDescription(
      'Referral and care-pathway tracker for community chronic-pain services. Errors share one body: ' +
        '{ statusCode, code, message, details?, requestId }.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Everything the HTTP app needs beyond its modules; shared by main.ts and the tests. */
export function setupApp(app: NestExpressApplication): void {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: '100kb' });
  app.useBodyParser('urlencoded', { extended: false, limit: '100kb', parameterLimit: 500 });
  app.use(rejectMalformedRequests);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'", 'https:'] },
      },
    }),
  );
  app.use((req: { path: string }, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    if (!req.path.startsWith('/docs')) res.setHeader('Cache-Control', 'no-store');
    next();
  });
  setupWeb(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new PageOrApiErrorFilter());
  app.enableShutdownHooks();
  const document = buildOpenApi(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', useGlobalPrefix: false });
}
