import type { z } from 'zod'
import { errorBodySchema } from '../../../core/schemas/index.js'

/** OpenAPI building blocks shared by the route files. */
export function jsonBody<S extends z.ZodType>(schema: S) {
  return { required: true, content: { 'application/json': { schema } } }
}

export function jsonResponse<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } }
}

export function errorResponses<C extends number>(...codes: [C, string][]) {
  return Object.fromEntries(
    codes.map(([code, description]) => [
      code,
      { description, content: { 'application/json': { schema: errorBodySchema } } },
    ]),
  ) as Record<
    C,
    { description: string; content: { 'application/json': { schema: typeof errorBodySchema } } }
  >
}
