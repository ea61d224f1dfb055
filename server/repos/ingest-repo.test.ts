import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BLUESKY_LIMITS } from '../../core/composer/limits.js'
import { newId } from '../security/tokens.js'
import { type TestDatabase, availableDialects, createTestDatabase } from '../test/databases.js'
import { createRepos } from './index.js'
import { type InteractionRow, remoteKey } from './ingest-repo.js'

describe.each(await availableDialects())('writing a read of interactions on %s', (dialect) => {
  let database: TestDatabase
  const libraryId = newId()
  const channelId = newId()
  const now = new Date().toISOString()

  beforeAll(async () => {
    database = await createTestDatabase(dialect)
    const repos = createRepos(database.db)
    const userId = newId()
    await repos.users.insert({
      id: userId,
      email: 'a@b.test',
      name: 'A',
      passwordHash: 'x',
      locale: 'sv',
      isInstanceAdmin: false,
      now,
    })
    await repos.libraries.insert({
      id: libraryId,
      name: 'Bibliotek',
      timeZone: 'Europe/Stockholm',
      locale: 'sv',
      now,
    })
    await repos.channels.insert({
      id: channelId,
      library_id: libraryId,
      network: 'bluesky',
      account_remote_id: 'did:x',
      handle: 'x.test',
      display_name: 'X',
      profile_url: '',
      credentials: 'sealed',
      limits: JSON.stringify(BLUESKY_LIMITS),
      health: 'ok',
      health_code: null,
      checked_at: now,
      created_by: userId,
      created_at: now,
      deleted_at: null,
    })
  })
  afterAll(async () => database?.drop())

  function row(remoteId: string, text = 'Har ni öppet på lördag?'): InteractionRow {
    return {
      id: newId(),
      library_id: libraryId,
      channel_id: channelId,
      kind: 'reply',
      remote_id: remoteId,
      author_remote_id: 'did:plc:someone',
      author_handle: 'someone.bsky.social',
      author_name: 'Någon',
      author_url: 'https://bsky.app/profile/someone.bsky.social',
      author_avatar: null,
      text,
      original_text: null,
      url: '',
      subject_remote_id: 'at://did:x/app.bsky.feed.post/1',
      parent_remote_id: null,
      root_remote_id: 'at://did:x/app.bsky.feed.post/1',
      reply_target: JSON.stringify({ uri: remoteId, cid: 'bafy' }),
      remote_created_at: now,
      received_at: now,
      edited_at: null,
      remote_deleted_at: null,
      unavailable_at: null,
      rechecked_at: null,
      remote_key: remoteKey(remoteId),
    }
  }

  it('keeps each interaction once, however often it is read, and names only the new ones', async () => {
    const repos = createRepos(database.db)
    // More than one statement's worth on SQLite (its parameter limit).
    const first = Array.from({ length: 1_500 }, (_, i) => row(`at://flood/${i}`))
    expect((await repos.ingest.insertInteractions(first)).size).toBe(1_500)

    const again = Array.from({ length: 1_510 }, (_, i) => row(`at://flood/${i}`))
    const inserted = await repos.ingest.insertInteractions(again)
    expect([...inserted].sort()).toEqual(
      again
        .slice(1_500)
        .map((r) => r.id)
        .sort(),
    )
    const { n } = await database.db
      .selectFrom('interactions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('remote_id', 'like', 'at://flood/%')
      .executeTakeFirstOrThrow()
    expect(Number(n)).toBe(1_510)
  })

  it('stores what people wrote as they wrote it', async () => {
    const repos = createRepos(database.db)
    const texts = [
      'Tack! 👏🏽 Öppet "lördag" kl. 10–14?',
      'C:\\böcker\\ and a literal \\u00e4 and \\n',
      'rad ett\nrad två\ttabb',
      '{"not": "json", "kind": "reply"}',
      "it's O'Brien; drop table interactions; --",
    ]
    const rows = texts.map((text, i) => row(`at://text/${i}`, text))
    // Broken text from a network (half an emoji, a NUL byte) is stored readable, not refused.
    rows.push(row('at://text/broken', 'halv \ud83d emoji och \u0000 NUL'))
    await repos.ingest.insertInteractions(rows)
    const stored = await database.db
      .selectFrom('interactions')
      .select(['remote_id', 'text', 'reply_target'])
      .where('remote_id', 'like', 'at://text/%')
      .execute()
    const byRemote = new Map(stored.map((r) => [r.remote_id, r]))
    texts.forEach((text, i) => expect(byRemote.get(`at://text/${i}`)?.text).toBe(text))
    expect(byRemote.get('at://text/broken')?.text.replaceAll('\0', '')).toBe(
      'halv \ufffd emoji och  NUL',
    )
    expect(JSON.parse(byRemote.get('at://text/0')!.reply_target!)).toEqual({
      uri: 'at://text/0',
      cid: 'bafy',
    })
  })

  it('writes items, tags (each once) and rule activity', async () => {
    const repos = createRepos(database.db)
    const rows = [row('at://items/1'), row('at://items/2')]
    await repos.ingest.insertInteractions(rows)
    await repos.ingest.insertItems(
      rows.map((r) => ({
        id: r.id,
        library_id: libraryId,
        channel_id: channelId,
        kind: 'reply',
        state: 'new',
        assignee_id: null,
        flagged: 1,
        has_question: 1,
        author_remote_id: r.author_remote_id,
        search_text: r.text.toLowerCase(),
        received_at: now,
        due_at: null,
        first_response_at: null,
        first_responder_id: null,
        closed_at: null,
        moderated_at: null,
        version: 1,
        updated_at: now,
      })),
    )
    const tagId = newId()
    await database.db
      .insertInto('inbox_tags')
      .values({
        id: tagId,
        library_id: libraryId,
        name: 'Evenemang',
        name_key: 'evenemang',
        position: 10,
        created_at: now,
      })
      .execute()
    const tag = { item_id: rows[0]!.id, tag_id: tagId, library_id: libraryId }
    await repos.ingest.insertItemTags([tag, tag])
    await repos.ingest.insertItemTags([tag])
    await repos.ingest.insertActivity([
      {
        id: newId(),
        library_id: libraryId,
        item_id: rows[0]!.id,
        action: 'tagged',
        actor_id: null,
        rule_id: 'rule-1',
        rule_name: 'Frågor',
        detail: JSON.stringify({ tagId }),
        at: now,
        undone_at: null,
      },
    ])

    const items = await database.db
      .selectFrom('inbox_items')
      .select(['id', 'flagged', 'state'])
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute()
    expect(items.map((i) => [i.flagged, i.state])).toEqual([
      [1, 'new'],
      [1, 'new'],
    ])
    const tags = await repos.inbox.tagsFor([rows[0]!.id])
    expect(tags.map((t) => t.name)).toEqual(['Evenemang'])
    const activity = await repos.inbox.activity(libraryId, rows[0]!.id)
    expect(activity.map((a) => [a.action, a.rule_name])).toEqual([['tagged', 'Frågor']])
  })
})
