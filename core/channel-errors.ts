import type { Locale } from './locale.js'

/** What each network problem means for the person, and what to do about it. */
export const CHANNEL_ERROR_MESSAGES: Record<string, { sv: string; en: string }> = {
  auth_failed: {
    sv: 'Fel användarnamn eller lösenord för kontot. Kontrollera uppgifterna (använd ett applösenord på Bluesky).',
    en: 'Wrong user name or password for the account. Check them (use an app password on Bluesky).',
  },
  auth_revoked: {
    sv: 'Nätverket godtar inte längre inloggningen: anslut kanalen på nytt.',
    en: 'The network no longer accepts the sign-in: reconnect the channel.',
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
  gave_up: {
    sv: 'Torget har försökt i flera timmar utan att lyckas. Kontrollera kanalen och publicera igen.',
    en: 'Torget tried for hours without success. Check the channel and publish again.',
  },
}

export function channelErrorMessage(code: string | null | undefined, locale: Locale): string {
  return (
    (code && CHANNEL_ERROR_MESSAGES[code]?.[locale]) || CHANNEL_ERROR_MESSAGES.bad_response![locale]
  )
}
