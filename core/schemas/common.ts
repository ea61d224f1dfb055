import { z } from 'zod'

export const idSchema = z.string().min(1).max(64)

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email())
  .meta({ description: 'Email address; compared without regard to case' })

/**
 * NIST SP 800-63B: length over composition rules. 10 characters keeps a
 * passphrase easy and a guess hard; the upper bound stops hash-flooding.
 */
export const passwordSchema = z.string().min(10).max(200)

export const personNameSchema = z.string().trim().min(1).max(120)

export const isoDateTimeSchema = z.iso.datetime({ offset: true })

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable code' }),
      message: z.string().meta({ description: "Plain-language message in the user's language" }),
      requestId: z.string().optional(),
      details: z
        .array(z.object({ path: z.string(), message: z.string() }))
        .optional()
        .meta({ description: 'Field-level problems, for validation errors' }),
    }),
  })
  .meta({ id: 'Error' })
export type ErrorBody = z.infer<typeof errorBodySchema>
