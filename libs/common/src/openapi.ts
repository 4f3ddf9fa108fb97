import { applyDecorators, HttpStatus, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorBody } from './errors';

/** Documents one error response of a route (or of every route of a controller) with the one error body. */
export function ApiError(status: HttpStatus, description: string): MethodDecorator & ClassDecorator {
  return ApiResponse({ status, description, type: ErrorBody });
}

/** A report's success response: `type` as JSON, or CSV text with format=csv. Its errors stay JSON. */
export function ApiReportResponse(type: Type<unknown>, description: string): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(type),
    ApiOkResponse({
      description,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(type) } },
        'text/csv': { schema: { type: 'string', description: 'A header row, then one row per line of the report' } },
      },
    }),
  );
}
