import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { InboxItemDetail } from '../../../core/schemas/inbox.js'
import { isApiError } from '../../api/client.js'
import {
  inboxItemQuery,
  patchInboxItem,
  refreshInboxItem,
  type InboxPatch,
} from '../../api/inbox.js'
import { snapshot, type Snapshot } from './changes.js'

/** A colleague changed the item first; `before` is what the person saw, to show what differs. */
export class ItemChangedError extends Error {
  readonly before: Snapshot
  constructor(before: Snapshot, cause: unknown) {
    super('inbox_item_changed', { cause })
    this.name = 'ItemChangedError'
    this.before = before
  }
}

export function isItemChanged(error: unknown): boolean {
  return isApiError(error, 'inbox_item_changed') || (isApiError(error) && error.status === 409)
}

/**
 * Changes the item as the person last saw it (its version): a colleague's
 * newer change is never overwritten, and is shown instead.
 */
export function usePatchItem(libraryId: string, itemId: string) {
  const queryClient = useQueryClient()
  const key = inboxItemQuery(libraryId, itemId).queryKey
  return useMutation({
    mutationFn: async (change: Omit<InboxPatch, 'version'>) => {
      const detail = queryClient.getQueryData<InboxItemDetail>(key)
      if (!detail) throw new Error('The item is not loaded')
      try {
        return await patchInboxItem(libraryId, itemId, { version: detail.item.version, ...change })
      } catch (error) {
        throw isItemChanged(error) ? new ItemChangedError(snapshot(detail), error) : error
      }
    },
    onSuccess: (item) =>
      queryClient.setQueryData<InboxItemDetail>(key, (old) => (old ? { ...old, item } : old)),
    onSettled: () => refreshInboxItem(queryClient, libraryId, itemId),
  })
}
