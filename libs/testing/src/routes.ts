import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { INestApplication } from '@nestjs/common';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { Permission, PERMISSION_KEY, PUBLIC_KEY, WEB_SESSION_KEY } from '@carepath/auth';

export interface Route {
  /** `GET /patients/:id` (the path as the controller declares it, without /api/v1). */
  key: string;
  path: string;
  method: string;
  permission?: Permission;
  isPublic: boolean;
  /** A page of the web interface (signed in by cookie), not an API route. */
  isPage: boolean;
}

/** Routes outside the /api/v1 router. */
export const UNPREFIXED_ROUTE = /^\/(health|openreferral)\//;

function join(...parts: (string | undefined)[]): string {
  return `/${parts
    .filter((p) => p && p !== '/')
    .map((p) => (p as string).replace(/^\/|\/$/g, ''))
    .join('/')}`;
}

/** Every route the app registered, read from the controllers' metadata, so a new route is walked without listing it. */
export function registeredRoutes(app: INestApplication): Route[] {
  const modules = app.get(ModulesContainer);
  const scanner = new MetadataScanner();
  const routes: Route[] = [];
  const controllers = [...modules.values()].flatMap((m) => [...m.controllers.values()]);
  for (const wrapper of controllers) {
    const controller = wrapper.metatype as (new (...args: unknown[]) => object) | undefined;
    if (!controller) continue;
    const prototype = controller.prototype as Record<string, unknown>;
    const base = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const fullPath = join(base, path);
      routes.push({
        key: `${method} ${fullPath}`,
        path: fullPath,
        method,
        permission: Reflect.getMetadata(PERMISSION_KEY, handler) ?? Reflect.getMetadata(PERMISSION_KEY, controller),
        isPublic: Boolean(Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller)),
        isPage: Boolean(Reflect.getMetadata(WEB_SESSION_KEY, controller)),
      });
    }
  }
  return routes;
}

/** The address a client calls for an API route. */
export function apiUrl(path: string): string {
  return UNPREFIXED_ROUTE.test(path) ? path : `/api/v1${path}`;
}
