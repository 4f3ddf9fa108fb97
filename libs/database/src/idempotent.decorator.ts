import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

export const IDEMPOTENT = 'carepath:idempotent';
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * Marks a create route: it accepts an Idempotency-Key header, and the same key with the same body answers with the
 * first response. Every POST that creates a resource carries it (a test walks the routes).
 */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    SetMetadata(IDEMPOTENT, true),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
      description:
        'Optional, 1-255 visible ASCII characters, kept 24 hours per user. The same key and body answer with the first ' +
        'response (header Idempotent-Replayed: true); the same key with another body or route is a 422 ' +
        '(IDEMPOTENCY_KEY_REUSED); while the first request is in flight, a 409 (IDEMPOTENCY_KEY_IN_PROGRESS). ' +
        'Only successful responses are kept.',
    }),
  );
}
