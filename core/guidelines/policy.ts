import { z } from 'zod'

const severity = z.enum(['block', 'warn', 'hint'])
const share = z.number().min(0).max(1)

/**
 * Defaults follow the domain guide (section 6). `block` is kept for what the
 * law or the network itself would refuse (personal data, missing alt text,
 * text over the limit); matters of style warn or hint, so a beginner is
 * guided rather than stopped.
 */
const ruleSchemas = {
  length: z.object({
    enabled: z.boolean().default(true),
    severity: severity.default('block'),
    nearSeverity: severity.default('hint'),
    /** Hint once this share of a channel's limit is used. */
    nearRatio: share.default(0.9),
  }),
  'image-alt': z.object({
    enabled: z.boolean().default(true),
    severity: severity.default('block'),
    /** Alt text that is only a file name or a word like "bild". */
    weakSeverity: severity.default('warn'),
  }),
  hashtags: z.object({
    enabled: z.boolean().default(true),
    severity: severity.default('warn'),
    maxCount: z.number().int().min(0).max(30).default(3),
    requireLast: z.boolean().default(true),
    camelCaseSeverity: severity.default('hint'),
  }),
  'emoji-count': z.object({
    enabled: z.boolean().default(true),
    severity: severity.default('warn'),
    maxCount: z.number().int().min(0).max(100).default(3),
  }),
  'url-shortener': z.object({
    enabled: z.boolean().default(true),
    severity: severity.default('warn'),
    /** Shortener hosts the library adds to the built-in list, e.g. 'kortlank.example'. */
    extraHosts: z.array(z.string().trim().toLowerCase().min(3).max(100)).max(50).default([]),
  }),
  'bare-url': z.object({
    enabled: z.boolean().default(true),
    severity: severity.default('hint'),
  }),
  'personal-data': z.object({
    enabled: z.boolean().default(true),
    severity: severity.default('block'),
    identityNumbers: z.boolean().default(true),
    phoneNumbers: z.boolean().default(true),
    emailAddresses: z.boolean().default(true),
  }),
  'forbidden-words': z.object({
    enabled: z.boolean().default(true),
    severity: severity.default('warn'),
  }),
  tone: z.object({
    enabled: z.boolean().default(true),
    severity: severity.default('warn'),
    /** Words too casual for a formal audience; matched as whole words, inflected. */
    slang: z
      .array(z.string().trim().min(1).max(40))
      .max(200)
      .default([
        'asså',
        'najs',
        'nice',
        'schysst',
        'schyst',
        'skitbra',
        'skitkul',
        'asbra',
        'grymt',
        'lol',
        'omg',
        'chilla',
        'tjena',
      ]),
    /** Words in capitals that are names, not shouting. */
    allowedCaps: z
      .array(z.string().trim().min(1).max(40))
      .max(200)
      .default(['UNESCO', 'UNICEF', 'COVID', 'HBTQI', 'HBTQ', 'LGBTQ']),
  }),
  readability: z.object({
    enabled: z.boolean().default(true),
    severity: severity.default('hint'),
    longSentenceSeverity: severity.default('warn'),
    maxSentenceWords: z.number().int().min(5).max(200).default(25),
    /** LIX says little about a few words; shorter texts are not scored. */
    minWords: z.number().int().min(1).max(500).default(10),
    /**
     * Below this many words one long compound moves LIX by ten points, so a
     * short text is only hinted when it is over the target by `shortTextMargin`.
     */
    shortTextWords: z.number().int().min(1).max(500).default(15),
    shortTextMargin: z.number().min(0).max(100).default(20),
  }),
  'conversation-starter': z.object({
    enabled: z.boolean().default(true),
    severity: severity.default('hint'),
  }),
  skyltfonster: z.object({
    enabled: z.boolean().default(true),
    severity: severity.default('hint'),
    maxPromotionalShare: share.default(0.7),
    /** Fewer posts than this say nothing about a pattern. */
    minPosts: z.number().int().min(1).max(1000).default(5),
  }),
}

export const audienceSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,40}$/),
  label: z.object({ sv: z.string().min(1).max(80), en: z.string().min(1).max(80) }),
  /** LIX above this is hinted: < 30 very easy, 30–40 easy, 40–50 medium, 50–60 hard. */
  lixMax: z.number().min(10).max(100),
  /** Formal audiences get no slang. */
  formal: z.boolean(),
  maxEmojis: z.number().int().min(0).nullable(),
  maxExclamations: z.number().int().min(0).nullable(),
  /** Words written in capitals read as shouting. */
  flagAllCaps: z.boolean(),
})
export type Audience = z.infer<typeof audienceSchema>

export const DEFAULT_AUDIENCES: Audience[] = [
  {
    id: 'unga',
    label: { sv: 'Unga', en: 'Young people' },
    lixMax: 35,
    formal: false,
    maxEmojis: null,
    maxExclamations: null,
    flagAllCaps: false,
  },
  {
    id: 'allmanhet',
    label: { sv: 'Allmänheten', en: 'The public' },
    lixMax: 45,
    formal: false,
    maxEmojis: null,
    maxExclamations: 3,
    flagAllCaps: true,
  },
  {
    id: 'formell',
    label: { sv: 'Formella mottagare', en: 'Formal readers' },
    lixMax: 50,
    formal: true,
    maxEmojis: 1,
    maxExclamations: 1,
    flagAllCaps: true,
  },
]

export const forbiddenEntrySchema = z.object({
  /** Literal text as the library typed it; never read as a pattern. */
  phrase: z.string().trim().min(1).max(80),
  reason: z.string().trim().max(300).optional(),
  /** A word to use instead, offered as a fix. */
  instead: z.string().trim().max(80).optional(),
  /** Match only this exact form, not its inflections. */
  exact: z.boolean().default(false),
})
export type ForbiddenEntry = z.infer<typeof forbiddenEntrySchema>

export const guidelinePolicySchema = z
  .object({
    /** Only an approved policy is enforced; otherwise the defaults apply. */
    policySource: z.enum(['default', 'approved']).default('default'),
    rules: z
      .object({
        length: ruleSchemas.length.prefault({}),
        'image-alt': ruleSchemas['image-alt'].prefault({}),
        hashtags: ruleSchemas.hashtags.prefault({}),
        'emoji-count': ruleSchemas['emoji-count'].prefault({}),
        'url-shortener': ruleSchemas['url-shortener'].prefault({}),
        'bare-url': ruleSchemas['bare-url'].prefault({}),
        'personal-data': ruleSchemas['personal-data'].prefault({}),
        'forbidden-words': ruleSchemas['forbidden-words'].prefault({}),
        tone: ruleSchemas.tone.prefault({}),
        readability: ruleSchemas.readability.prefault({}),
        'conversation-starter': ruleSchemas['conversation-starter'].prefault({}),
        skyltfonster: ruleSchemas.skyltfonster.prefault({}),
      })
      .prefault({}),
    forbiddenWords: z.array(forbiddenEntrySchema).max(500).default([]),
    /** The library's own public addresses and numbers, which may be published. */
    allowedContacts: z.array(z.string().trim().min(3).max(200)).max(50).default([]),
    audiences: z.array(audienceSchema).min(1).max(20).default(DEFAULT_AUDIENCES),
    defaultAudience: z.string().default('allmanhet'),
  })
  .superRefine((policy, ctx) => {
    const ids = policy.audiences.map((a) => a.id)
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: 'custom', path: ['audiences'], message: 'Audience ids must be unique' })
    }
    if (!ids.includes(policy.defaultAudience)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultAudience'],
        message: 'The default audience must be one of the audiences',
      })
    }
  })

export type GuidelinePolicy = z.infer<typeof guidelinePolicySchema>
export type GuidelinePolicyInput = z.input<typeof guidelinePolicySchema>
export type RuleConfigs = GuidelinePolicy['rules']

export const DEFAULT_POLICY: GuidelinePolicy = deepFreeze(guidelinePolicySchema.parse({}))

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}
