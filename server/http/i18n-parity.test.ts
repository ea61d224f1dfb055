import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const dir = path.resolve(import.meta.dirname, '../../web/i18n')

function read(locale: 'sv' | 'en'): Record<string, unknown> {
  const merged = JSON.parse(fs.readFileSync(path.join(dir, `${locale}.json`), 'utf8'))
  const features = path.join(dir, locale)
  if (fs.existsSync(features))
    for (const file of fs
      .readdirSync(features)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const part = JSON.parse(fs.readFileSync(path.join(features, file), 'utf8'))
      for (const key of Object.keys(part))
        expect(merged, `${locale}/${file} redefines "${key}"`).not.toHaveProperty(key)
      Object.assign(merged, part)
    }
  return merged
}

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

describe('web texts', () => {
  it('has every Swedish text in English and the other way round, none empty', () => {
    const sv = read('sv')
    const en = read('en')
    const svKeys = keys(sv).sort()
    const enKeys = keys(en).sort()
    expect(enKeys.filter((k) => !svKeys.includes(k))).toEqual([])
    expect(svKeys.filter((k) => !enKeys.includes(k))).toEqual([])
    const empty = (tree: Record<string, unknown>) =>
      keys(tree).filter((k) => {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], tree)
        return typeof v === 'string' && v.trim() === ''
      })
    expect([...empty(sv), ...empty(en)]).toEqual([])
  })
})
