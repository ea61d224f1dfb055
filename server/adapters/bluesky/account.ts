import type { Agent } from '@atproto/api'
import { type ChannelAccount, ChannelError } from '../channels/channel-adapter.js'
import { isRecordNotFound } from './errors.js'

/**
 * The account as Bluesky shows it. The display name comes from the profile
 * record on the PDS rather than from the AppView, so this works on any PDS.
 */
export async function readAccount({
  agent,
  did,
}: {
  agent: Agent
  did: string
}): Promise<ChannelAccount> {
  const [session, profile] = await Promise.allSettled([
    agent.com.atproto.server.getSession(),
    agent.com.atproto.repo
      .getRecord({ repo: did, collection: 'app.bsky.actor.profile', rkey: 'self' })
      .then(({ data }) => data.value.displayName)
      .catch((error: unknown) => (isRecordNotFound(error) ? undefined : Promise.reject(error))),
  ])
  if (session.status === 'rejected') throw session.reason
  const { handle, active, status } = session.value.data
  // Judged first: the PDS hands reads of an inactive repo to the AppView, which may fail otherwise.
  if (active === false) {
    throw new ChannelError(
      'permanent',
      'account_gone',
      `The Bluesky account ${handle} is ${status ?? 'inactive'}`,
    )
  }
  if (profile.status === 'rejected') throw profile.reason
  const displayName = profile.value
  return {
    remoteId: did,
    handle,
    displayName: typeof displayName === 'string' && displayName.trim() ? displayName : handle,
    profileUrl: `https://bsky.app/profile/${handle}`,
  }
}
