import type { Db } from '../db/database.js'

/** The images Meta fetches, and the containers made for publications (migration 027). */
export function metaRepo(db: Db) {
  return {
    async putMedia(row: {
      token_hash: string
      mime_type: string
      data: Uint8Array
      expires_at: string
    }) {
      await db.insertInto('meta_media').values(row).execute()
    },
    findMedia(tokenHash: string, now: string) {
      return db
        .selectFrom('meta_media')
        .select(['mime_type', 'data'])
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', now)
        .executeTakeFirst()
    },
    async purgeMedia(now: string) {
      await db.deleteFrom('meta_media').where('expires_at', '<=', now).execute()
    },
    async findContainer(publicationId: string) {
      const row = await db
        .selectFrom('meta_containers')
        .select('container_id')
        .where('publication_id', '=', publicationId)
        .executeTakeFirst()
      return row?.container_id
    },
    /** Keeps the first container recorded for a publication; a second writer learns which one it is. */
    async putContainer(publicationId: string, containerId: string, now: string): Promise<string> {
      await db
        .insertInto('meta_containers')
        .values({ publication_id: publicationId, container_id: containerId, created_at: now })
        .onConflict((oc) => oc.column('publication_id').doNothing())
        .execute()
      return (await this.findContainer(publicationId)) ?? containerId
    },
    async dropContainer(publicationId: string) {
      await db.deleteFrom('meta_containers').where('publication_id', '=', publicationId).execute()
    },
  }
}
export type MetaRepo = ReturnType<typeof metaRepo>
