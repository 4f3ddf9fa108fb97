import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import type { Request, Response } from 'express';
import nunjucks from 'nunjucks';
import { registerViewFilters } from './view-filters';

/** nhsuk-frontend's built files: CSS, JavaScript, images and the Nunjucks macros, served from the installed package. */
const NHSUK_DIST = dirname(require.resolve('nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css'));
const VIEWS = join(__dirname, 'views');
const PUBLIC = join(__dirname, 'public');

/**
 * The stylesheet without its @font-face rules, which load Frutiger from assets.nhs.uk: pages fetch nothing from
 * other sites, so text falls back to Arial as the NHS.UK stack intends.
 */
function localStylesheet(): string {
  return readFileSync(join(NHSUK_DIST, 'nhsuk-frontend.min.css'), 'utf8').replace(/@font-face\{[^}]*\}/g, '');
}

/** The web interface's part of the HTTP app: views, static assets, form bodies and cookies. */
export function setupWeb(app: NestExpressApplication): void {
  const express = app.getHttpAdapter().getInstance();
  const env = nunjucks.configure([VIEWS, dirname(NHSUK_DIST)], { autoescape: true, express, noCache: false });
  registerViewFilters(env);
  app.setViewEngine('njk');
  app.use(cookieParser());

  const stylesheet = localStylesheet();
  express.get('/assets/nhsuk-frontend.min.css', (_req: Request, res: Response) => {
    res.type('css').setHeader('Cache-Control', 'public, max-age=86400');
    res.send(stylesheet);
  });
  const cached = { maxAge: '1d', index: false, fallthrough: true } as const;
  app.useStaticAssets(join(NHSUK_DIST, 'assets'), { prefix: '/assets/', ...cached });
  app.useStaticAssets(NHSUK_DIST, { prefix: '/assets/nhsuk/', ...cached });
  app.useStaticAssets(PUBLIC, { prefix: '/assets/app/', ...cached });
}
