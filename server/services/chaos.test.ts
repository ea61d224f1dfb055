import { describe, expect, it } from 'vitest'
import { availableDialects } from '../test/databases.js'
import { publishChaos } from '../test/chaos.js'

describe.each(await availableDialects())(
  'publishing survives a worker killed mid-flight on %s',
  (dialect) => {
    it('puts every post on the PDS exactly once', { timeout: 180_000 }, async () => {
      const result = await publishChaos({ dialect, posts: 12, kills: 3 })
      expect(result).toMatchObject({ recordsOnPds: 12, duplicates: 0, missing: 0, published: 12 })
    })
  },
)
