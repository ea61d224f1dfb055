import { z } from 'zod'
import { ChannelError } from '../channels/channel-adapter.js'
import { memoryRateBudget } from '../channels/rate-budget.js'
import type { GuardedFetch } from '../../net/guarded-client.js'
import { graph, readAs, type GraphTarget } from './graph.js'
import type { MetaSettings } from './settings.js'

// Facebook Login for Business, manual flow:
// developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow;
// long-lived tokens: …/facebook-login/guides/access-tokens/get-long-lived;
// Pages and their linked Instagram accounts: …/graph-api/reference/user/accounts and
// …/instagram-platform/instagram-api-with-facebook-login (instagram_business_account).
// Threads: developers.facebook.com/docs/threads/get-started/get-access-tokens-and-permissions.

/** What Torget asks of a Page and its Instagram account (docs/meta.md explains each). */
export const FACEBOOK_SCOPES = [
  'pages_show_list',
  'pages_manage_posts',
  'pages_read_engagement',
  'pages_manage_engagement',
  'read_insights',
  'pages_read_user_content',
  'business_management',
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_comments',
  'instagram_manage_insights',
] as const
/**
 * Subscribing a Page to the app's webhooks (POST /{page-id}/subscribed_apps) takes
 * pages_manage_metadata (developers.facebook.com/docs/graph-api/reference/page/subscribed_apps);
 * Instagram's comments webhooks need it too, through the linked Page
 * (developers.facebook.com/documentation/instagram-platform/webhooks/fields). Asked for only
 * where the installation has set webhooks up.
 */
const WEBHOOK_SCOPE = 'pages_manage_metadata'

/** What reading and moderating comments takes, per network (docs/meta.md, "The permissions"). */
export const COMMENT_SCOPES = {
  facebook: ['pages_read_engagement', 'pages_read_user_content', 'pages_manage_engagement'],
  instagram: ['instagram_manage_comments'],
} as const

/** Without these nothing can be published; the rest only limit the inbox and statistics. */
const REQUIRED_FACEBOOK = ['pages_show_list', 'pages_manage_posts', 'instagram_content_publish']

export const THREADS_SCOPES = [
  'threads_basic',
  'threads_content_publish',
  'threads_manage_replies',
  'threads_read_replies',
  'threads_manage_insights',
] as const

export interface MetaPage {
  pageId: string
  name: string
  pageToken: string
  instagram?: { id: string; username?: string }
}

export interface FacebookGrant {
  userToken: string
  /** The permissions the person granted (debug_token). */
  scopes: string[]
  /** The earliest of the token's expiry and its data-access expiry; undefined when neither is given. */
  expiresAt?: string
  pages: MetaPage[]
}

const tokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().optional(),
})
const debugSchema = z.object({
  data: z.object({
    is_valid: z.boolean().optional(),
    expires_at: z.coerce.number().optional(),
    data_access_expires_at: z.coerce.number().optional(),
    scopes: z.array(z.string()).optional(),
  }),
})
const accountsSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      access_token: z.string(),
      instagram_business_account: z
        .object({ id: z.string(), username: z.string().optional() })
        .optional(),
    }),
  ),
})
const threadsTokenSchema = z.object({
  access_token: z.string().min(1),
  user_id: z.coerce.string().optional(),
})

export function metaOAuth(settings: MetaSettings, fetch: GuardedFetch) {
  const deps = { fetch, budget: memoryRateBudget(), now: Date.now }
  const facebookTarget = (): GraphTarget => ({
    base: settings.graphUrl,
    version: settings.version,
    network: 'facebook',
    appSecret: app('facebook').appSecret,
  })
  const threadsTarget: GraphTarget = {
    base: settings.threadsGraphUrl,
    version: 'v1.0',
    network: 'threads',
  }
  const app = (kind: 'facebook' | 'threads') => {
    const configured = settings[kind]
    if (!configured)
      throw new ChannelError('permanent', 'not_configured', `${kind} has no app configured`)
    return configured
  }

  return {
    authorizeUrl(kind: 'facebook' | 'threads', redirectUri: string, state: string): string {
      const url =
        kind === 'facebook'
          ? new URL(`${settings.dialogUrl}/${settings.version}/dialog/oauth`)
          : new URL(`${settings.threadsDialogUrl}/oauth/authorize`)
      url.searchParams.set('client_id', app(kind).appId)
      url.searchParams.set('redirect_uri', redirectUri)
      url.searchParams.set('state', state)
      url.searchParams.set('response_type', 'code')
      const scopes: readonly string[] =
        kind === 'threads'
          ? THREADS_SCOPES
          : settings.webhooks
            ? [...FACEBOOK_SCOPES, WEBHOOK_SCOPE]
            : FACEBOOK_SCOPES
      url.searchParams.set('scope', scopes.join(','))
      return url.toString()
    },

    /** Code → short-lived token → long-lived token → granted scopes and expiry → Pages. */
    async facebook(code: string, redirectUri: string): Promise<FacebookGrant> {
      const { appId, appSecret } = app('facebook')
      const target = { ...facebookTarget(), appSecret: undefined }
      const short = readAs(
        tokenSchema,
        (
          await graph(deps, target, {
            method: 'GET',
            path: '/oauth/access_token',
            effect: 'read',
            params: { client_id: appId, client_secret: appSecret, redirect_uri: redirectUri, code },
          })
        ).body,
        'facebook',
        'the code exchange',
      )
      const long = readAs(
        tokenSchema,
        (
          await graph(deps, target, {
            method: 'GET',
            path: '/oauth/access_token',
            effect: 'read',
            params: {
              grant_type: 'fb_exchange_token',
              client_id: appId,
              client_secret: appSecret,
              fb_exchange_token: short.access_token,
            },
          })
        ).body,
        'facebook',
        'the long-lived token',
      )
      const debug = readAs(
        debugSchema,
        (
          await graph(deps, target, {
            method: 'GET',
            path: '/debug_token',
            effect: 'read',
            params: { input_token: long.access_token, access_token: `${appId}|${appSecret}` },
          })
        ).body,
        'facebook',
        'the token check',
      ).data
      const granted = new Set(debug.scopes ?? [])
      const missing = REQUIRED_FACEBOOK.filter((s) => !granted.has(s))
      if (missing.length > 0)
        throw new ChannelError(
          'permanent',
          'permission_missing',
          `Meta did not grant ${missing.join(', ')}`,
        )
      const ends = [debug.expires_at, debug.data_access_expires_at].filter((t): t is number =>
        Boolean(t && t > 0),
      )
      const accounts = readAs(
        accountsSchema,
        (
          await graph(deps, facebookTarget(), {
            method: 'GET',
            path: '/me/accounts',
            effect: 'read',
            token: long.access_token,
            params: { fields: 'id,name,access_token,instagram_business_account{id,username}' },
          })
        ).body,
        'facebook',
        'the Pages',
      )
      return {
        userToken: long.access_token,
        scopes: [...granted],
        ...(ends.length > 0 && { expiresAt: new Date(Math.min(...ends) * 1000).toISOString() }),
        pages: accounts.data.map((p) => ({
          pageId: p.id,
          name: p.name,
          pageToken: p.access_token,
          ...(p.instagram_business_account && { instagram: p.instagram_business_account }),
        })),
      }
    },

    /**
     * Subscribes the app to the Page's webhooks with the Page's token
     * (POST /{page-id}/subscribed_apps, subscribed_fields=feed; answers {success: true}),
     * so Meta tells Torget of new comments at once. Polling does not depend on it.
     */
    async subscribePage(pageId: string, pageToken: string): Promise<void> {
      const answer = readAs(
        z.object({ success: z.boolean() }),
        (
          await graph(deps, facebookTarget(), {
            method: 'POST',
            path: `/${pageId}/subscribed_apps`,
            effect: 'write',
            token: pageToken,
            params: { subscribed_fields: 'feed' },
          })
        ).body,
        'facebook',
        'the webhook subscription',
      )
      if (!answer.success)
        throw new ChannelError(
          'permanent',
          'permission_missing',
          'Meta did not subscribe the Page to webhooks',
        )
    },

    /** Threads: code → short-lived token (POST /oauth/access_token) → long-lived (th_exchange_token). */
    async threads(code: string, redirectUri: string) {
      const { appId, appSecret } = app('threads')
      const short = readAs(
        threadsTokenSchema,
        (
          await graph(deps, threadsTarget, {
            method: 'POST',
            path: '/oauth/access_token',
            effect: 'read',
            params: {
              client_id: appId,
              client_secret: appSecret,
              grant_type: 'authorization_code',
              redirect_uri: redirectUri,
              code,
            },
          })
        ).body,
        'threads',
        'the code exchange',
      )
      // The long-lived exchange has no version in its path.
      const long = readAs(
        tokenSchema,
        (
          await graph(
            deps,
            { ...threadsTarget, version: '' },
            {
              method: 'GET',
              path: 'access_token',
              effect: 'read',
              params: {
                grant_type: 'th_exchange_token',
                client_secret: appSecret,
                access_token: short.access_token,
              },
            },
          )
        ).body,
        'threads',
        'the long-lived token',
      )
      return {
        threadsUserId: short.user_id ?? 'me',
        token: long.access_token,
        ...(long.expires_in && {
          expiresAt: new Date(Date.now() + long.expires_in * 1000).toISOString(),
        }),
      }
    },
  }
}
export type MetaOAuth = ReturnType<typeof metaOAuth>
