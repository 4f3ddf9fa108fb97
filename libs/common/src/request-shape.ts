import type { NextFunction, Request, Response } from 'express';
import { CommonErrorCode, MalformedRequest } from './errors';

/** Deeper than any request this API documents; deeper still would overflow the validators' recursion. */
export const MAX_JSON_DEPTH = 16;

type RequestShapeErrorCode = CommonErrorCode.BodyTooDeep | CommonErrorCode.InvalidText;

/**
 * What is wrong with a parsed body or query, if anything: nesting deeper than MAX_JSON_DEPTH, or text PostgreSQL
 * cannot store (a NUL character) or that is not well-formed Unicode (a lone UTF-16 surrogate). Walked with an
 * explicit stack, so a hostile body cannot overflow this check either.
 */
export function requestShapeProblem(value: unknown): { code: RequestShapeErrorCode; path: string } | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      if (item.value.includes('\u0000') || !item.value.isWellFormed()) return { code: CommonErrorCode.InvalidText, path: item.path };
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= MAX_JSON_DEPTH) return { code: CommonErrorCode.BodyTooDeep, path: item.path };
    for (const [key, child] of Object.entries(item.value)) {
      const path = item.path ? `${item.path}.${key}` : key;
      if (!key.isWellFormed() || key.includes('\u0000')) return { code: CommonErrorCode.InvalidText, path: item.path };
      stack.push({ value: child, path, depth: item.depth + 1 });
    }
  }
  return null;
}

const MESSAGES: Record<RequestShapeErrorCode, string> = {
  [CommonErrorCode.BodyTooDeep]: `The request is nested more than ${MAX_JSON_DEPTH} levels deep`,
  [CommonErrorCode.InvalidText]: 'Text may not contain NUL characters or malformed Unicode',
};

/** Express middleware, after body parsing and before validation: every route, once. */
export function rejectMalformedRequests(req: Request, _res: Response, next: NextFunction): void {
  const problem = requestShapeProblem(req.body) ?? requestShapeProblem(req.query);
  if (!problem) return next();
  next(new MalformedRequest(problem.code, MESSAGES[problem.code], problem.path));
}
