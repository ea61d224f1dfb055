import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveMedia } from '../../core/archive/entry.js'
import { newId } from '../security/tokens.js'
import { type EntryDraft, appendEntries } from '../services/archive/chain.js'
import { type TestDatabase, availableDialects, createTestDatabase } from '../test/databases.js'
import type { ArchiveFilter } from './archive-repo.js'
import { searchPostgres } from './archive-search.js'
import { type Store, createStore } from './index.js'

const ODD = [
  '"',
  '""',
  "'",
  "'; drop table archive_entries; --",
  '*',
  'bibliotek*',
  '"bibliotek',
  'AND',
  'OR NOT',
  'NEAR(bibliotek hund)',
  'body:hund',
  'library : x',
  '^hund',
  '(hund',
  ')',
  '-',
  '--',
  '!',
  '& | ! <->',
  "'hund':*",
  '\\',
  "\\\\'",
  '%',
  '_',
  '{body}: x',
  '\u0000',
  '😀',
  '\u200b',
  'a'.repeat(200),
  'ä ö å é ü',
  'o\u0308ppet',
  '1 2 3 4 5 6 7 8 9 10 11 12',
]

describe.each(await availableDialects())('searching the archive on %s', (dialect) => {
  let database: TestDatabase
  let store: Store
  const libraryId = newId()
  const otherLibrary = newId()
  const channel = newId()
  const otherChannel = newId()
  const thirdChannel = newId()
  let n = 0

  function draft(
    text: string,
    at: string,
    fields: Partial<EntryDraft> & { handle?: string; name?: string; media?: ArchiveMedia[] } = {},
  ): EntryDraft {
    const i = ++n
    const person = {
      remoteId: `did:plc:${i}`,
      handle: fields.handle ?? `person${i}.test`,
      name: fields.name ?? 'Någon',
    }
    return {
      kind: 'item_received',
      subject: `item:${i}`,
      captureKey: String(i),
      refersTo: null,
      channelId: channel,
      network: 'bluesky',
      remoteId: `at://x/${i}`,
      url: null,
      threadRoot: null,
      occurredAt: at,
      person,
      content: {
        kind: 'item_received',
        interactionId: String(i),
        itemKind: 'reply',
        text,
        author: person,
        subjectRemoteId: null,
        rootRemoteId: null,
        parentRemoteId: null,
        media: fields.media ?? [],
      },
      ...fields,
    }
  }

  const append = (library: string, drafts: EntryDraft[]) =>
    store.transaction((repos) => appendEntries(repos, library, drafts, new Date().toISOString()))
  const search = async (q: string, filter: ArchiveFilter = {}, library = libraryId) =>
    (await store.repos.archive.list(library, { ...filter, q }, 500)).map(
      (r) => (JSON.parse(r.content!) as { text: string }).text,
    )

  beforeAll(async () => {
    database = await createTestDatabase(dialect)
    store = createStore(database.db)
    const now = new Date().toISOString()
    for (const id of [libraryId, otherLibrary])
      await store.repos.libraries.insert({
        id,
        name: 'B',
        timeZone: 'Europe/Stockholm',
        locale: 'sv',
        now,
      })
    await append(libraryId, [
      draft('Välkommen till biblioteket på lördag!', '2025-03-01T10:00:00.000Z'),
      draft('Biblioteken i Malmö har öppet på söndag', '2025-03-02T10:00:00.000Z'),
      draft('Bibliotekarien tipsar om deckare', '2025-03-03T10:00:00.000Z'),
      draft('Får man ta med hunden?', '2025-03-04T10:00:00.000Z', { channelId: otherChannel }),
      draft('Min far läser högt för barnen', '2025-03-05T10:00:00.000Z'),
      draft('مرحبا بكم في المكتبة العامة', '2025-03-06T10:00:00.000Z'),
      draft('Tack för sagostunden', '2025-03-07T10:00:00.000Z', {
        handle: 'karin.example',
        name: 'Karin Åberg',
      }),
      draft('Jag fick en påminnelse om boken', '2025-03-09T10:00:00.000Z'),
      draft('Hur lånar man e-böcker?', '2025-03-10T10:00:00.000Z'),
      draft('Se bilden', '2025-03-08T10:00:00.000Z', {
        media: [
          {
            sha256: 'a'.repeat(64),
            mimeType: 'image/png',
            byteSize: 1,
            alt: 'Barn läser serietidningar',
          },
        ],
      }),
    ])
    await append(otherLibrary, [draft('Biblioteket i grannkommunen', '2025-03-01T11:00:00.000Z')])
  })
  afterAll(async () => database?.drop())

  it('finds Swedish words in their other forms, newest first, and only in the library asked', async () => {
    const all = [
      'Bibliotekarien tipsar om deckare',
      'Biblioteken i Malmö har öppet på söndag',
      'Välkommen till biblioteket på lördag!',
    ]
    expect(await search('bibliotek')).toEqual(all)
    expect(await search('BIBLIOTEKEN')).toEqual(expect.arrayContaining(all.slice(1)))
    expect(await search('biblioteket')).toEqual(expect.arrayContaining(all.slice(1)))
    expect(await search('sagostund')).toEqual(['Tack för sagostunden'])
    // Stemmed here and again by PostgreSQL's Snowball, it was once longer than the word's own stem.
    expect(await search('påminnelse')).toEqual(['Jag fick en påminnelse om boken'])
    expect(await search('påminnelser')).toEqual(['Jag fick en påminnelse om boken'])
    expect(await search('biblioteket lördag')).toEqual(['Välkommen till biblioteket på lördag!'])
    expect(await search('biblioteket', {}, otherLibrary)).toEqual(['Biblioteket i grannkommunen'])
  })

  it('keeps å, ä and ö letters of their own, and finds Arabic, alt texts, handles and names', async () => {
    expect(await search('får')).toEqual(['Får man ta med hunden?'])
    expect(await search('far')).toEqual(['Min far läser högt för barnen'])
    expect(await search('öppet')).toEqual(['Biblioteken i Malmö har öppet på söndag'])
    expect(await search('oppet')).toEqual([])
    // A decomposed ö (o + combining diaeresis) is the same letter.
    expect(await search('o\u0308ppet')).toEqual(['Biblioteken i Malmö har öppet på söndag'])
    expect(await search('المكتبة')).toEqual(['مرحبا بكم في المكتبة العامة'])
    expect(await search('serietidningar')).toEqual(['Se bilden'])
    expect(await search('karin')).toEqual(['Tack för sagostunden'])
    expect(await search('åberg')).toEqual(['Tack för sagostunden'])
    // A lone letter is a word of its own, not the start of every word beginning with it.
    expect(await search('e-böcker')).toEqual(['Hur lånar man e-böcker?'])
    expect(await search('e')).toEqual(['Hur lånar man e-böcker?'])
  })

  it('combines words with the other filters', async () => {
    expect(await search('hunden', { channelId: otherChannel })).toEqual(['Får man ta med hunden?'])
    expect(await search('hunden', { channelId: channel })).toEqual([])
    expect(
      await search('bibliotek', {
        from: '2025-03-02T00:00:00.000Z',
        to: '2025-03-03T00:00:00.000Z',
      }),
    ).toEqual(['Biblioteken i Malmö har öppet på söndag'])
    expect(await search('bibliotek', { kind: 'post_published' })).toEqual([])
    expect(await search('sagostund', { person: 'karin.example' })).toEqual(['Tack för sagostunden'])
  })

  it('narrows words to a person by handle or network id, newest first', async () => {
    const karin = { handle: 'karin.example', name: 'Karin Åberg' }
    await append(libraryId, [
      draft('Tack för boktipset!', '2025-04-01T10:00:00.000Z', karin),
      draft('Tack för boktipset, igen', '2025-04-02T10:00:00.000Z', karin),
      draft('Tack för boktipset', '2025-04-03T10:00:00.000Z', { handle: 'annan.example' }),
      draft('Tack för boktipset från Karin', '2025-04-04T10:00:00.000Z', {
        handle: 'karin.example',
        channelId: thirdChannel,
      }),
    ])
    expect(await search('boktips', { person: 'karin.example' })).toEqual([
      'Tack för boktipset från Karin',
      'Tack för boktipset, igen',
      'Tack för boktipset!',
    ])
    expect(await search('boktips igen', { person: 'karin.example' })).toEqual([
      'Tack för boktipset, igen',
    ])
    expect(await search('boktips', { person: 'karin.example', channelId: thirdChannel })).toEqual([
      'Tack för boktipset från Karin',
    ])
    // The network id names the same person; a handle that only starts the same is someone else.
    const [first] = await store.repos.archive.list(
      libraryId,
      { q: 'boktips', person: 'annan.example' },
      10,
    )
    expect(await search('boktips', { person: first!.person_remote_id! })).toEqual([
      'Tack för boktipset',
    ])
    expect(await search('boktips', { person: 'karin' })).toEqual([])
    // A value that is one entry's network id and another's handle names both.
    await append(libraryId, [
      draft('Boktips från en namne', '2025-04-05T10:00:00.000Z', {
        handle: first!.person_remote_id!,
      }),
    ])
    expect(await search('boktips', { person: first!.person_remote_id! })).toEqual([
      'Boktips från en namne',
      'Tack för boktipset',
    ])
    // Without words too, newest first; nobody's entries for a person never seen.
    const listed = async (person: string) =>
      (await store.repos.archive.list(libraryId, { person }, 10)).map(
        (r) => (JSON.parse(r.content!) as { text: string }).text,
      )
    expect(await listed(first!.person_remote_id!)).toEqual([
      'Boktips från en namne',
      'Tack för boktipset',
    ])
    expect((await listed('karin.example')).slice(0, 2)).toEqual([
      'Tack för boktipset från Karin',
      'Tack för boktipset, igen',
    ])
    expect(await listed('ingen.example')).toEqual([])
    expect(await search('deckare', { person: 'karin.example' })).toEqual([])
    expect(await search('boktips', { person: 'karin.example' }, otherLibrary)).toEqual([])
  })

  it('finds a word that starts many indexed words, and never the filters themselves', async () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      draft(`Kodord${i} i texten`, new Date(Date.UTC(2024, 5, 1, 0, i)).toISOString()),
    )
    await append(libraryId, many)
    const found = await search('kodord')
    expect(found).toHaveLength(40)
    expect(found[0]).toBe('Kodord39 i texten')
    expect(await search('kodord1')).toHaveLength(11)
    expect(await search('kodord39')).toEqual(['Kodord39 i texten'])
    // The index's tokens for the library and channel: no text a member types reaches them.
    for (const value of [libraryId, channel, 'item_received', 'karin.example'])
      for (const letter of ['', 'l', 'c', 'k', 'h', '\u{E000}l', '\u{E000}h']) {
        const hex = `${letter}${Buffer.from(value).toString('hex')}`
        expect(await search(hex), hex).toEqual([])
        expect(await search(hex.slice(0, 6)), hex).toEqual([])
      }
  })

  it('pages through a period, its first and last instants included and excluded as asked', async () => {
    const drafts = Array.from({ length: 30 }, (_, i) =>
      draft(
        `Sommarboken del ${i}`,
        new Date(Date.UTC(2023, 6, 1) + Math.floor(i / 3) * 86_400_000).toISOString(),
      ),
    )
    await append(libraryId, drafts)
    const period = { from: '2023-07-02T00:00:00.000Z', to: '2023-07-09T00:00:00.000Z' }
    const seen: string[] = []
    let before: ArchiveFilter['before']
    for (let page = 0; page < 10; page++) {
      const rows = await store.repos.archive.list(
        libraryId,
        { q: 'sommarbok', ...period, before },
        4,
      )
      seen.push(...rows.map((r) => (JSON.parse(r.content!) as { text: string }).text))
      if (rows.length < 4) break
      before = { at: rows.at(-1)!.occurred_at, id: rows.at(-1)!.id }
    }
    // Days 1 to 7 of the ten, three entries each.
    const numbers = seen.map((t) => Number(t.split(' ').at(-1)))
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 21 }, (_, i) => i + 3))
    expect(numbers.map((n) => Math.floor(n / 3))).toEqual(
      [...numbers.map((n) => Math.floor(n / 3))].sort((a, b) => b - a),
    )
  })

  it('never fails on odd search texts', async () => {
    for (const q of ODD) await expect(search(q), q).resolves.toBeInstanceOf(Array)
    // Random strings drawn from the characters query languages treat as syntax.
    const alphabet = [
      '"',
      "'",
      '*',
      '(',
      ')',
      ':',
      '^',
      '-',
      '+',
      '&',
      '|',
      '!',
      '<',
      '>',
      '\\',
      ' ',
      'a',
      'ö',
      'OR',
      'NEAR',
      '{',
      '}',
      ',',
      '.',
      '%',
    ]
    let seed = 1
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    for (let i = 0; i < 300; i++) {
      const q = Array.from(
        { length: 1 + Math.floor(random() * 12) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('')
      await expect(search(q), JSON.stringify(q)).resolves.toBeInstanceOf(Array)
    }
    expect(await search('"bibliotek*')).toHaveLength(3)
    expect(await search('NOT hunden')).toEqual([])
  })

  it('pages through many matches, including ones at the same instant, each once and in order', async () => {
    const drafts = Array.from({ length: 250 }, (_, i) =>
      // Groups of five at the same millisecond.
      draft(
        `Läsecirkel nummer ${i}`,
        new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 5) * 60_000).toISOString(),
      ),
    )
    await append(libraryId, drafts)
    const seen: { id: string; at: string }[] = []
    let before: ArchiveFilter['before']
    for (let page = 0; page < 10; page++) {
      const rows = await store.repos.archive.list(libraryId, { q: 'läsecirkel', before }, 40)
      seen.push(...rows.map((r) => ({ id: r.id, at: new Date(r.occurred_at).toISOString() })))
      if (rows.length < 40) break
      const last = rows.at(-1)!
      before = { at: new Date(last.occurred_at).toISOString(), id: last.id }
    }
    expect(seen).toHaveLength(250)
    expect(new Set(seen.map((s) => s.id)).size).toBe(250)
    const times = seen.map((s) => s.at)
    expect(times).toEqual([...times].sort().reverse())
  })

  it('forgets an entry’s words when asked, and lists it still', async () => {
    const [row] = await store.repos.archive.list(libraryId, { q: 'hunden' }, 10)
    await store.repos.archive.forgetSearchText(libraryId, [row!.id])
    expect(await search('hunden')).toEqual([])
    expect(await search('man')).not.toContain('Får man ta med hunden?')
    const listed = await store.repos.archive.list(libraryId, { channelId: otherChannel }, 10)
    expect(listed.map((r) => r.id)).toEqual([row!.id])
  })

  it.runIf(dialect === 'postgres')(
    'finds the same entries whether the newest rows or the index answer (PostgreSQL)',
    async () => {
      // Matches among others, some at the same instant, so a window ends anywhere in a page.
      await append(
        libraryId,
        Array.from({ length: 60 }, (_, i) =>
          draft(
            i % 3 === 0 ? `Annat ärende ${i}` : `Läsklubben träffas, gång ${i}`,
            new Date(Date.UTC(2023, 5, 1) + Math.floor(i / 4) * 60_000).toISOString(),
            i % 2 ? { channelId: otherChannel } : {},
          ),
        ),
      )
      // Texts with more words than the time indexes hold (migration 043): checked in the table.
      const long = (i: number) =>
        Array.from({ length: 600 }, (_, w) => `ordet${i}x${w}`).join(' ') +
        (i % 2 ? ' Läsklubben ses igen' : ' inget här')
      await append(
        libraryId,
        Array.from({ length: 8 }, (_, i) =>
          draft(long(i), new Date(Date.UTC(2023, 5, 1) + i * 2 * 60_000 + 30_000).toISOString()),
        ),
      )
      // A word every 45 days over three years: the index is asked period by period (migration 053).
      await append(
        libraryId,
        Array.from({ length: 48 }, (_, i) =>
          draft(
            i % 2 ? `Bokbussen stannar vid skolan, tur ${i}` : `Annan tur ${i}`,
            new Date(Date.UTC(2021, 0, 1) + i * 22.5 * 86_400_000).toISOString(),
            i % 4 === 1 ? { channelId: otherChannel } : {},
          ),
        ),
      )
      const heads = await sql<{ n: number }>`select count(*)::int as n from archive_entries
        where library_id = ${libraryId} and search_head is null`.execute(database.db)
      expect(heads.rows[0]!.n).toBe(8)
      const ids = async (words: string[], filter: ArchiveFilter, limit: number, window: number) =>
        (await searchPostgres(database.db, libraryId, words, filter, limit, window)).map(
          (r) => r.id,
        )
      const cases: [string[], ArchiveFilter][] = [
        [['läsklubben'], {}],
        [['läsklubb', 'gång'], { channelId: otherChannel }],
        [['ärende'], { from: '2023-06-01T00:05:00.000Z', to: '2023-06-01T00:12:00.000Z' }],
        [['biblioteket'], {}],
        [['finnsinte'], {}],
        [['bokbussen'], {}],
        [['bokbussen', 'tur'], { channelId: otherChannel }],
        [['bokbussen'], { from: '2021-08-01T00:00:00.000Z', to: '2023-01-01T00:00:00.000Z' }],
      ]
      for (const [words, filter] of cases)
        for (const limit of [1, 4, 25, 500]) {
          const all = await ids(words, filter, limit, 100_000)
          // Windows whose first part ends before, within and after the page: all three ways.
          for (const window of [1, 2, 3, 7, 16, 40, 100])
            expect(await ids(words, filter, limit, window), `${words} ${window} ${limit}`).toEqual(
              all,
            )
        }
      const first = await ids(['läsklubben'], {}, 500, 100_000)
      expect(first).toHaveLength(44)
      // Page by page through a window smaller than a page.
      const paged: string[] = []
      let before: ArchiveFilter['before']
      for (;;) {
        const rows = await searchPostgres(database.db, libraryId, ['läsklubben'], { before }, 6, 4)
        paged.push(...rows.map((r) => r.id))
        if (rows.length < 6) break
        before = { at: rows.at(-1)!.occurred_at, id: rows.at(-1)!.id }
      }
      expect(paged).toEqual(first)
    },
  )
})
