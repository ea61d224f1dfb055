import fc from 'fast-check'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { ADMIN_PG_URL, availableDialects } from '../test/databases.js'
import { openDatabase, timestamptzToIso } from './database.js'

// Timestamps read from PostgreSQL must be the same ISO strings SQLite stores, whichever way
// they are parsed.
const onPostgres = (await availableDialects()).includes('postgres')

describe('timestamps from PostgreSQL', () => {
  it('reads the UTC text form as Date would, to the millisecond', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 6 }),
        (date, micros, digits) => {
          if (Number.isNaN(date.getTime())) return
          const base = date.toISOString().slice(0, 19).replace('T', ' ')
          const fraction =
            digits === 0
              ? ''
              : `.${String(date.getUTCMilliseconds() * 1000 + micros)
                  .padStart(6, '0')
                  .slice(0, digits)}`
          const text = `${base}${fraction}+00`
          expect(timestamptzToIso(text)).toBe(new Date(text).toISOString())
        },
      ),
    )
  })

  it('leaves other offsets to Date', () => {
    expect(timestamptzToIso('2027-03-27 10:00:00+01')).toBe('2027-03-27T09:00:00.000Z')
    expect(timestamptzToIso('2027-03-27 10:00:00.25+05:30')).toBe('2027-03-27T04:30:00.250Z')
  })

  it.runIf(onPostgres)(
    'gives the same instant in a UTC session and in a Stockholm one',
    async () => {
      const handle = openDatabase({ url: ADMIN_PG_URL, sqlitePath: '' })
      try {
        const read = async (zone: string) =>
          handle.db.connection().execute(async (db) => {
            await sql`select set_config('TimeZone', ${zone}, false)`.execute(db)
            const { rows } = await sql<{
              at: string
            }>`select '2027-03-27 09:00:00.123456+00'::timestamptz as at`.execute(db)
            return rows[0]!.at
          })
        expect(await read('UTC')).toBe('2027-03-27T09:00:00.123Z')
        expect(await read('Europe/Stockholm')).toBe('2027-03-27T09:00:00.123Z')
      } finally {
        await handle.close()
      }
    },
  )
})
