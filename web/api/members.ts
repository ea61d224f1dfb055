import { queryOptions } from '@tanstack/react-query'
import type { z } from 'zod'
import type { Role } from '../../core/roles.js'
import type {
  Invitation,
  InvitationPreview,
  Member,
  SessionView,
  createdInvitationSchema,
} from '../../core/schemas/index.js'
import { api } from './client.js'

export type CreatedInvitation = z.infer<typeof createdInvitationSchema>

const base = (libraryId: string) => `/libraries/${encodeURIComponent(libraryId)}`

export const membersQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'members'],
    queryFn: () => api<Member[]>('GET', `${base(libraryId)}/members`),
  })

export const invitationsQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'invitations'],
    queryFn: () => api<Invitation[]>('GET', `${base(libraryId)}/invitations`),
  })

export function changeMemberRole(libraryId: string, userId: string, role: Role): Promise<Member> {
  return api<Member>('PATCH', `${base(libraryId)}/members/${encodeURIComponent(userId)}`, { role })
}

export function removeMember(libraryId: string, userId: string): Promise<void> {
  return api<void>('DELETE', `${base(libraryId)}/members/${encodeURIComponent(userId)}`)
}

export function createInvitation(
  libraryId: string,
  input: { role: Role; email?: string },
): Promise<CreatedInvitation> {
  return api<CreatedInvitation>('POST', `${base(libraryId)}/invitations`, input)
}

export function revokeInvitation(libraryId: string, invitationId: string): Promise<void> {
  return api<void>('DELETE', `${base(libraryId)}/invitations/${encodeURIComponent(invitationId)}`)
}

export const invitationPreviewQuery = (token: string) =>
  queryOptions({
    queryKey: ['invitation', token],
    queryFn: () => api<InvitationPreview>('GET', `/invitations/${encodeURIComponent(token)}`),
    retry: false,
  })

export type NewAccount = { name: string; email: string; password: string }

/** A link-only invitation, signed out: e-mails a link that proves the address; creates nothing. */
export function requestInvitationConfirmation(
  token: string,
  email: string,
): Promise<{ confirmationSentTo: string }> {
  return api('POST', `/invitations/${encodeURIComponent(token)}/accept`, { email })
}

export const invitationConfirmationQuery = (token: string, code: string) =>
  queryOptions({
    queryKey: ['invitation', token, 'confirmation', code],
    queryFn: () =>
      api<{ email: string }>(
        'GET',
        `/invitations/${encodeURIComponent(token)}/confirmations/${encodeURIComponent(code)}`,
      ),
    retry: false,
  })

/** Creates the account with the address the e-mailed link proved, joins and signs in. */
export function confirmInvitation(
  token: string,
  input: { code: string; name: string; password: string },
): Promise<SessionView> {
  return api<SessionView>('POST', `/invitations/${encodeURIComponent(token)}/confirm`, input)
}

/**
 * Signed in: joins with an empty body. Signed out, for an invitation e-mailed to an address:
 * creates the account and joins.
 */
export function acceptInvitation(token: string, account?: NewAccount): Promise<SessionView> {
  return api<SessionView>('POST', `/invitations/${encodeURIComponent(token)}/accept`, account ?? {})
}
