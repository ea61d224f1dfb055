import type { PersonalDataKind } from '../personal-data-scan.js'
import type { PostRuleId } from '../types.js'

/** A sample post and the rules a careful reader of the policy says should fire on it. */
export interface CorpusPost {
  id: string
  text: string
  images: { alt: string }[]
  audience?: string
  expect: PostRuleId[]
  /** Each piece of personal data in the text, as written. */
  personalData: { kind: PersonalDataKind; text: string }[]
}

export interface CorpusStream {
  id: string
  posts: string[]
  /** Whether the skyltfönster rule should fire on the stream. */
  expect: boolean
}

export interface PostOptions {
  images?: string[]
  audience?: string
  personalData?: [PersonalDataKind, string][]
}

export function post(
  id: string,
  text: string,
  expect: PostRuleId[],
  options: PostOptions = {},
): CorpusPost {
  return {
    id,
    text,
    images: (options.images ?? []).map((alt) => ({ alt })),
    ...(options.audience && { audience: options.audience }),
    expect,
    personalData: (options.personalData ?? []).map(([kind, text]) => ({ kind, text })),
  }
}
