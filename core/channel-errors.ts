import type { Locale } from './locale.js'
import type { Network } from './schemas/channel.js'

type Message = { sv: string; en: string }

/** What each network problem means for the person, and what to do about it. */
export const CHANNEL_ERROR_MESSAGES: Record<string, Message> = {
  auth_failed: {
    sv: 'Nätverket godtog inte inloggningen. Kontrollera uppgifterna och försök igen.',
    en: 'The network did not accept the sign-in. Check the details and try again.',
  },
  auth_revoked: {
    sv: 'Nätverket godtar inte längre inloggningen: anslut kanalen på nytt.',
    en: 'The network no longer accepts the sign-in: reconnect the channel.',
  },
  instagram_not_linked: {
    sv: 'Sidan har inget Instagramkonto kopplat, eller så är kontot ett privat konto. Gör Instagramkontot till ett professionellt konto (företag eller kreatör) och koppla det till Facebooksidan i Metas inställningar, och anslut sedan igen.',
    en: "The Page has no Instagram account linked, or the account is a personal one. Make the Instagram account a professional account (business or creator), link it to the Facebook Page in Meta's settings, then connect again.",
  },
  permission_missing: {
    sv: 'Meta gav inte Torget alla behörigheter som behövs, eller så har någon tagit bort en. Anslut igen och godkänn alla behörigheter på Metas sida.',
    en: "Meta did not give Torget every permission it needs, or one was removed. Connect again and allow every permission on Meta's page.",
  },
  not_publicly_reachable: {
    sv: 'Meta hämtar bilderna från Torgets adress, men Torget går inte att nå från internet (TORGET_PUBLIC_URL). Be den som driftar Torget att ge det en publik adress.',
    en: "Meta fetches images from Torget's address, but Torget cannot be reached from the internet (TORGET_PUBLIC_URL). Ask whoever runs Torget to give it a public address.",
  },
  not_configured: {
    sv: 'Den här installationen av Torget har ingen Meta-app. Den som driftar Torget ställer in META_APP_ID och META_APP_SECRET (se docs/meta.md).',
    en: 'This installation of Torget has no Meta app. Whoever runs Torget sets META_APP_ID and META_APP_SECRET (see docs/meta.md).',
  },
  publishing_limit: {
    sv: 'Kontot har nått nätverkets gräns för antal inlägg per dygn. Välj en senare tid.',
    en: "The account has reached the network's limit of posts per day. Choose a later time.",
  },
  temporarily_blocked: {
    sv: 'Meta har tillfälligt spärrat kontot från att publicera, efter ett brott mot Metas regler. Torget försöker igen varje timme i upp till sex timmar. Läs Metas meddelande i Meta Business Suite.',
    en: "Meta has blocked the account from publishing for a while, after a breach of Meta's rules. Torget tries again every hour for up to six hours. Read Meta's message in Meta Business Suite.",
  },
  account_gone: {
    sv: 'Kontot finns inte längre på nätverket.',
    en: 'The account no longer exists on the network.',
  },
  rate_limited: {
    sv: 'Nätverket ber oss vänta en stund. Torget försöker igen automatiskt.',
    en: 'The network asks us to wait a while. Torget retries automatically.',
  },
  network_unreachable: {
    sv: 'Nätverket gick inte att nå. Kontrollera adressen, eller vänta: Torget försöker igen.',
    en: 'The network could not be reached. Check the address, or wait: Torget retries.',
  },
  server_error: {
    sv: 'Nätverket hade ett tillfälligt fel. Torget försöker igen automatiskt.',
    en: 'The network had a temporary error. Torget retries automatically.',
  },
  timeout: {
    sv: 'Nätverket svarade inte i tid. Torget kontrollerar om inlägget kom fram innan något görs om.',
    en: 'The network did not answer in time. Torget checks whether the post arrived before retrying.',
  },
  invalid_post: {
    sv: 'Nätverket tog inte emot inlägget som det ser ut nu.',
    en: 'The network refused the post as it is.',
  },
  text_too_long: {
    sv: 'Texten är för lång för nätverket.',
    en: 'The text is too long for the network.',
  },
  media_rejected: {
    sv: 'Nätverket tog inte emot en av bilderna.',
    en: 'The network refused one of the images.',
  },
  not_found: { sv: 'Inlägget finns inte på nätverket.', en: 'The post is not on the network.' },
  bad_response: {
    sv: 'Nätverket svarade med något Torget inte förstår. Försök igen senare.',
    en: 'The network answered with something Torget does not understand. Try again later.',
  },
  channel_removed: {
    sv: 'Kanalen togs bort innan inlägget hann publiceras.',
    en: 'The channel was removed before the post was published.',
  },
  blocked_address: {
    sv: 'Adressen pekar på ett internt nätverk, och dit skickar Torget inget. Använd serverns offentliga adress, eller be den som driftar Torget att tillåta nätet med TORGET_FETCH_ALLOW_PRIVATE.',
    en: "The address points into an internal network, where Torget sends nothing. Use the server's public address, or ask whoever runs Torget to allow that network with TORGET_FETCH_ALLOW_PRIVATE.",
  },
  media_dropped: {
    sv: 'Servern gjorde inlägget utan alla bilder, så Torget tog bort det igen. Servern tar kanske inte emot bilder som Mastodon gör: publicera utan bilder, eller fråga serverns administratör.',
    en: "The server made the post without all of its images, so Torget removed it again. The server may not take images as Mastodon does: publish without images, or ask the server's administrator.",
  },
  remote_id_taken: {
    sv: 'Inlägget Torget hittade på nätverket hör till ett annat av bibliotekets inlägg, så det räknas inte som det här.',
    en: "The post Torget found on the network belongs to another of the library's posts, so it does not count as this one.",
  },
  not_supported: {
    sv: 'Nätverket kan inte göra det här. Blockera i stället kontot, anmäl inlägget till nätverkets moderatorer eller be den som skrev det att ta bort det.',
    en: "The network cannot do this. Instead, block the account, report the post to the network's moderators, or ask its author to remove it.",
  },
  reply_not_allowed: {
    sv: 'Det går inte att svara i den här tråden: dess författare har blockerat biblioteket, eller så tillåter tråden inte svar från biblioteket.',
    en: 'The library cannot answer in this thread: its author has blocked the library, or the thread does not allow replies from it.',
  },
  gave_up: {
    sv: 'Torget har försökt i flera timmar utan att lyckas. Kontrollera kanalen och publicera igen.',
    en: 'Torget tried for hours without success. Check the channel and publish again.',
  },
}

/** Where a remedy differs by network, it names that network's own way of signing in. */
const NETWORK_MESSAGES: Record<Network, Record<string, Message>> = {
  bluesky: {
    auth_failed: {
      sv: 'Bluesky godtog inte användarnamnet och applösenordet. Kontrollera båda; ett applösenord skapar du i Bluesky under Inställningar → Integritet och säkerhet → Applösenord.',
      en: 'Bluesky did not accept the handle and app password. Check both; an app password is made in Bluesky under Settings → Privacy and security → App passwords.',
    },
    auth_revoked: {
      sv: 'Bluesky godtar inte längre applösenordet, som kan ha återkallats: anslut kanalen på nytt med ett nytt applösenord.',
      en: 'Bluesky no longer accepts the app password, which may have been revoked: reconnect the channel with a new app password.',
    },
  },
  mastodon: {
    auth_failed: {
      sv: 'Mastodon godtog inte åtkomsttoken eller inloggningen. Kontrollera serverns adress och logga in via Mastodons egen sida, eller skapa en ny åtkomsttoken under Inställningar → Utveckling.',
      en: "Mastodon did not accept the access token or the sign-in. Check the server address and sign in through Mastodon's own page, or create a new access token under Preferences → Development.",
    },
    auth_revoked: {
      sv: 'Mastodon godtar inte längre åtkomsttoken: anslut kanalen på nytt via Mastodons inloggning.',
      en: "Mastodon no longer accepts the access token: reconnect the channel through Mastodon's sign-in.",
    },
    not_supported: {
      sv: 'Mastodon kan inte dölja ett svar under bibliotekets inlägg eller koppla loss ett citat. Blockera i stället kontot, anmäl inlägget till serverns moderatorer eller be den som skrev det att ta bort det.',
      en: "Mastodon cannot hide a reply under the library's post or detach a quote. Instead, block the account, report the post to the server's moderators, or ask its author to remove it.",
    },
  },
  facebook: {
    auth_failed: {
      sv: 'Meta godtog inte inloggningen. Försök igen via Anslut och godkänn alla behörigheter på Metas sida.',
      en: "Meta did not accept the sign-in. Try again through Connect and allow every permission on Meta's page.",
    },
    auth_revoked: {
      sv: 'Metas åtkomst har gått ut eller återkallats: anslut kanalen på nytt (ett klick under Kanaler).',
      en: "Meta's access has expired or been revoked: reconnect the channel (one click under Channels).",
    },
  },
  instagram: {
    auth_failed: {
      sv: 'Meta godtog inte inloggningen. Försök igen via Anslut och godkänn alla behörigheter på Metas sida.',
      en: "Meta did not accept the sign-in. Try again through Connect and allow every permission on Meta's page.",
    },
    auth_revoked: {
      sv: 'Metas åtkomst har gått ut eller återkallats: anslut kanalen på nytt (ett klick under Kanaler).',
      en: "Meta's access has expired or been revoked: reconnect the channel (one click under Channels).",
    },
  },
  threads: {
    auth_failed: {
      sv: 'Meta godtog inte inloggningen. Försök igen via Anslut och godkänn alla behörigheter på Metas sida.',
      en: "Meta did not accept the sign-in. Try again through Connect and allow every permission on Meta's page.",
    },
    auth_revoked: {
      sv: 'Metas åtkomst har gått ut eller återkallats: anslut kanalen på nytt (ett klick under Kanaler).',
      en: "Meta's access has expired or been revoked: reconnect the channel (one click under Channels).",
    },
  },
  practice: {},
}

/** A problem as the API and the Mastodon callback carry it: "mastodon.auth_failed". */
export function channelErrorReason(network: Network, code: string): string {
  return `${network}.${code}`
}

/**
 * The message for a problem `code` on `network`, in `locale`. `code` may carry
 * its network itself (channelErrorReason); unknown codes read as bad_response.
 */
export function channelErrorMessage(
  code: string | null | undefined,
  locale: Locale,
  network?: Network,
): string {
  const [qualifier, bare] = code?.includes('.') ? code.split('.', 2) : [undefined, code]
  const on = network ?? (qualifier as Network | undefined)
  const own = on && bare ? NETWORK_MESSAGES[on]?.[bare] : undefined
  return (
    own?.[locale] ??
    ((bare && CHANNEL_ERROR_MESSAGES[bare]?.[locale]) ||
      CHANNEL_ERROR_MESSAGES.bad_response![locale])
  )
}
