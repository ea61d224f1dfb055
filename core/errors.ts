import type { Locale } from './locale.js'

/**
 * Every error the API can answer with: a stable code, its HTTP status, and a
 * message in each language. Services throw DomainError with one of these
 * codes; the HTTP layer turns it into the one error shape.
 */
export const ERRORS = {
  validation_failed: {
    status: 400,
    sv: 'Några uppgifter behöver rättas.',
    en: 'Some fields need correcting.',
  },
  malformed_json: {
    status: 400,
    sv: 'Begäran gick inte att läsa (ogiltig JSON).',
    en: 'The request could not be read (invalid JSON).',
  },
  payload_too_large: {
    status: 413,
    sv: 'Begäran är för stor.',
    en: 'The request is too large.',
  },
  unsupported_media_type: {
    status: 415,
    sv: 'Skicka uppgifterna som JSON.',
    en: 'Send the data as JSON.',
  },
  report_recipient_exists: {
    status: 409,
    sv: 'Adressen får redan rapporten.',
    en: 'That address already gets the report.',
  },
  report_recipient_not_found: {
    status: 404,
    sv: 'Mottagaren finns inte (längre).',
    en: 'The recipient does not exist (any more).',
  },
  report_month_not_over: {
    status: 400,
    sv: 'Det går bara att ta fram rapporten för en månad som har börjat.',
    en: 'A report can only be made for a month that has begun.',
  },
  instance_report_forbidden: {
    status: 403,
    sv: 'Bara den som administrerar Torget kan se och skicka rapporten för hela installationen.',
    en: "Only a Torget administrator can see and send the installation's report.",
  },
  email_not_configured: {
    status: 409,
    sv: 'Servern kan inte skicka e-post: ingen SMTP-server är inställd. Be den som driftar Torget att ställa in SMTP_URL.',
    en: 'The server cannot send e-mail: no SMTP server is set. Ask whoever runs Torget to set SMTP_URL.',
  },
  archive_entry_not_found: {
    status: 404,
    sv: 'Posten finns inte i arkivet.',
    en: 'The entry is not in the archive.',
  },
  ladder_member_not_found: {
    status: 404,
    sv: 'Personen finns inte i Stegen (kanske borttagen efter lagringstiden).',
    en: 'The person is not on the ladder (perhaps removed after the retention time).',
  },
  inbox_item_not_found: {
    status: 404,
    sv: 'Ärendet finns inte i inkorgen.',
    en: 'The item is not in the inbox.',
  },
  inbox_item_changed: {
    status: 409,
    sv: 'En kollega ändrade eller besvarade ärendet nyss. Se vad som hänt innan du skickar.',
    en: 'A colleague just changed or answered this item. See what happened before you send.',
  },
  inbox_reply_not_possible: {
    status: 422,
    sv: 'Det går inte att svara på det här i tråden (kanalen är borttagen eller saknar stöd för svar).',
    en: 'This cannot be answered in its thread (the channel is removed or cannot reply).',
  },
  unknown_placeholder: {
    status: 422,
    sv: 'Svaret innehåller platshållare som inte finns. Rätta dem innan du sparar eller skickar.',
    en: 'The reply has placeholders that do not exist. Correct them before saving or sending.',
  },
  moderation_not_allowed: {
    status: 422,
    sv: 'Nätverket tillåter inte den åtgärden på det här inlägget.',
    en: 'The network does not allow that action on this post.',
  },
  moderation_reason_unknown: {
    status: 400,
    sv: 'Välj ett skäl ur listan.',
    en: 'Choose a reason from the list.',
  },
  moderation_not_found: {
    status: 404,
    sv: 'Modereringen finns inte på det här ärendet.',
    en: 'That moderation is not on this item.',
  },
  moderation_not_undoable: {
    status: 422,
    sv: 'Det här går inte att ångra: det är redan ångrat, misslyckades, eller så kan nätverket inte ta tillbaka det (en borttagen kommentar är borta).',
    en: 'This cannot be undone: it is undone already, it failed, or the network cannot take it back (a deleted comment is gone).',
  },
  moderation_undo_failed: {
    status: 502,
    sv: 'Nätverket ångrade inte åtgärden.',
    en: 'The network did not undo the action.',
  },
  webhook_signature_invalid: {
    status: 401,
    sv: 'Signaturen stämmer inte.',
    en: 'The signature does not match.',
  },
  webhook_verification_failed: {
    status: 403,
    sv: 'Verifieringen stämmer inte.',
    en: 'The verification does not match.',
  },
  tag_exists: {
    status: 409,
    sv: 'Det finns redan en tagg med det namnet.',
    en: 'A tag with that name already exists.',
  },
  tag_not_found: { status: 404, sv: 'Taggen finns inte.', en: 'The tag does not exist.' },
  saved_reply_not_found: {
    status: 404,
    sv: 'Det sparade svaret finns inte.',
    en: 'The saved reply does not exist.',
  },
  rule_not_found: { status: 404, sv: 'Regeln finns inte.', en: 'The rule does not exist.' },
  too_many_rules: {
    status: 422,
    sv: 'Ett bibliotek kan ha högst 50 regler.',
    en: 'A library can have at most 50 rules.',
  },
  rule_order_stale: {
    status: 409,
    sv: 'Reglerna har ändrats sedan du började. Ladda om och ordna dem igen.',
    en: 'The rules changed since you started. Reload and order them again.',
  },
  activity_not_undoable: {
    status: 409,
    sv: 'Den här automatiska åtgärden går inte längre att ångra.',
    en: 'This automatic action can no longer be undone.',
  },
  not_found: { status: 404, sv: 'Sidan eller resursen finns inte.', en: 'Not found.' },
  method_not_allowed: { status: 405, sv: 'Metoden stöds inte här.', en: 'Method not allowed.' },
  unauthenticated: {
    status: 401,
    sv: 'Du behöver logga in.',
    en: 'Please sign in.',
  },
  csrf_failed: {
    status: 403,
    sv: 'Begäran saknar giltig säkerhetstoken. Ladda om sidan och försök igen.',
    en: 'The request lacks a valid security token. Reload the page and try again.',
  },
  forbidden: {
    status: 403,
    sv: 'Din roll i biblioteket tillåter inte det här.',
    en: 'Your role in this library does not allow this.',
  },
  library_not_found: {
    status: 404,
    sv: 'Biblioteket finns inte, eller så är du inte medlem i det.',
    en: 'The library does not exist, or you are not a member of it.',
  },
  invalid_credentials: {
    status: 401,
    sv: 'Fel e-postadress eller lösenord.',
    en: 'Wrong email address or password.',
  },
  too_many_attempts: {
    status: 429,
    sv: 'För många försök.',
    en: 'Too many attempts.',
  },
  server_busy: {
    status: 503,
    sv: 'Torget kontrollerar många lösenord just nu.',
    en: 'Torget is checking many passwords right now.',
  },
  setup_code_invalid: {
    status: 403,
    sv: 'Installationskoden stämmer inte. Den skrevs ut när Torget startade, och kommandot torget doctor visar den igen.',
    en: 'The setup code is wrong. It was printed when Torget started, and the command torget doctor shows it again.',
  },
  email_confirmation_invalid: {
    status: 400,
    sv: 'Bekräftelselänken fungerar inte längre: den är använd, för gammal eller hör till en annan inbjudan. Öppna inbjudan igen och be om en ny.',
    en: 'The confirmation link no longer works: it has been used, is too old or belongs to another invitation. Open the invitation again and ask for a new one.',
  },
  email_taken: {
    status: 409,
    sv: 'Det finns redan ett konto med den e-postadressen. Logga in i stället.',
    en: 'An account with that email address already exists. Sign in instead.',
  },
  setup_done: {
    status: 409,
    sv: 'Torget är redan installerat. Logga in.',
    en: 'Torget is already set up. Please sign in.',
  },
  invitation_not_found: {
    status: 404,
    sv: 'Inbjudan finns inte. Kontrollera länken eller be om en ny.',
    en: 'The invitation does not exist. Check the link or ask for a new one.',
  },
  invitation_expired: {
    status: 410,
    sv: 'Inbjudan har gått ut. Be den som bjöd in dig om en ny länk.',
    en: 'The invitation has expired. Ask whoever invited you for a new link.',
  },
  invitation_used: {
    status: 410,
    sv: 'Inbjudan har redan använts.',
    en: 'The invitation has already been used.',
  },
  invitation_revoked: {
    status: 410,
    sv: 'Inbjudan har dragits tillbaka.',
    en: 'The invitation has been withdrawn.',
  },
  invitation_wrong_email: {
    status: 403,
    sv: 'Inbjudan gäller en annan e-postadress.',
    en: 'The invitation is for another email address.',
  },
  already_member: {
    status: 409,
    sv: 'Du är redan medlem i det här biblioteket.',
    en: 'You are already a member of this library.',
  },
  reset_token_invalid: {
    status: 400,
    sv: 'Länken för att byta lösenord är ogiltig eller har gått ut. Begär en ny.',
    en: 'The password reset link is invalid or has expired. Request a new one.',
  },
  last_admin: {
    status: 409,
    sv: 'Biblioteket måste ha minst en Ansvarig.',
    en: 'The library must keep at least one Manager.',
  },
  member_not_found: {
    status: 404,
    sv: 'Personen är inte medlem i biblioteket.',
    en: 'That person is not a member of this library.',
  },
  instance_admin_required: {
    status: 403,
    sv: 'Bara den som administrerar Torget kan skapa bibliotek.',
    en: 'Only a Torget administrator can create libraries.',
  },
  instance_audit_forbidden: {
    status: 403,
    sv: 'Bara den som administrerar Torget kan läsa installationens granskningslogg.',
    en: "Only a Torget administrator can read the installation's audit log.",
  },
  post_not_found: { status: 404, sv: 'Inlägget finns inte.', en: 'The post does not exist.' },
  channel_not_found: { status: 404, sv: 'Kanalen finns inte.', en: 'The channel does not exist.' },
  image_not_found: { status: 404, sv: 'Bilden finns inte.', en: 'The image does not exist.' },
  version_conflict: {
    status: 409,
    sv: 'Någon annan har ändrat inlägget under tiden. Ladda om för att se ändringarna; inget skrevs över.',
    en: 'Someone else changed the post meanwhile. Reload to see their changes; nothing was overwritten.',
  },
  assignee_not_member: {
    status: 400,
    sv: 'Den du valde är inte medlem i biblioteket. Välj någon ur listan.',
    en: 'The person you chose is not a member of the library. Choose someone from the list.',
  },
  post_not_approved: {
    status: 409,
    sv: 'Inlägget behöver godkännas av en Redaktör eller Ansvarig innan det kan schemaläggas eller publiceras.',
    en: 'The post must be approved by an Editor or Manager before it can be scheduled or published.',
  },
  self_approval_not_allowed: {
    status: 403,
    sv: 'Biblioteket vill att någon annan än den som skrev inlägget godkänner det. Be en kollega granska det.',
    en: "The library wants someone other than the post's author to approve it. Ask a colleague to review it.",
  },
  reply_self_approval_not_allowed: {
    status: 403,
    sv: 'Ett svar som väntar på godkännande granskas av en kollega, inte av den som skrev det. Be någon annan godkänna det.',
    en: 'A reply awaiting approval is reviewed by a colleague, not by the person who wrote it. Ask someone else to approve it.',
  },
  own_edit_approval_not_allowed: {
    status: 403,
    sv: 'Du har ändrat inlägget sedan det senast godkändes, och biblioteket vill att någon annan än den som skrev eller ändrade det godkänner det. Be en kollega granska det.',
    en: 'You have changed this post since it was last approved, and the library wants someone other than those who wrote or changed it to approve it. Ask a colleague to review it.',
  },
  post_not_yours: {
    status: 403,
    sv: 'Du kan bara ändra inlägg som du själv har skrivit eller fått i uppdrag. Be en Redaktör eller den som skrev det.',
    en: 'You can only change posts you wrote or were given. Ask an Editor or the person who wrote it.',
  },
  post_wrong_state: {
    status: 409,
    sv: 'Inlägget är inte längre där det gick att göra så. Ladda om sidan för att se var det står nu.',
    en: 'The post is no longer where that can be done. Reload the page to see where it stands.',
  },
  post_not_editable: {
    status: 409,
    sv: 'Inlägget är redan publicerat eller på väg ut och kan inte ändras här.',
    en: 'The post is already published or on its way out and cannot be changed here.',
  },
  schedule_in_past: {
    status: 400,
    sv: 'Tiden har redan passerat. Välj en tid framåt, eller publicera direkt.',
    en: 'That time has passed. Choose a later time, or publish now.',
  },
  no_channels: { status: 400, sv: 'Välj minst en kanal.', en: 'Choose at least one channel.' },
  alt_text_missing: {
    status: 400,
    sv: 'Alla bilder behöver en alt-text (en kort beskrivning för den som inte ser bilden).',
    en: 'Every image needs alt text (a short description for people who cannot see it).',
  },
  text_too_long: {
    status: 400,
    sv: 'Texten är för lång för minst en av kanalerna. Korta den eller skriv en egen version för kanalen.',
    en: 'The text is too long for at least one channel. Shorten it or write a version for that channel.',
  },
  post_blocked_by_policy: {
    status: 400,
    sv: 'Bibliotekets riktlinjer stoppar inlägget. Åtgärda det som står under Stoppar publicering och försök igen; utkastet finns kvar som det var.',
    en: "The library's guidelines stop this post. Fix what is listed under Stops publishing and try again; the draft is kept as it was.",
  },
  text_empty: {
    status: 400,
    sv: 'Skriv något i inlägget först.',
    en: 'Write something in the post first.',
  },
  too_many_images: {
    status: 400,
    sv: 'Inlägget har fler bilder än en av kanalerna tar emot.',
    en: 'The post has more images than one of the channels accepts.',
  },
  daily_post_limit: {
    status: 409,
    sv: 'Kontot når nätverkets gräns för antal inlägg per dygn vid den tiden (Instagram: 25 på 24 timmar). Välj en annan tid.',
    en: "The account reaches the network's limit of posts per day at that time (Instagram: 25 in 24 hours). Choose another time.",
  },
  image_required: {
    status: 400,
    sv: 'Instagram kräver minst en bild i inlägget.',
    en: 'Instagram needs at least one image in the post.',
  },
  too_many_hashtags: {
    status: 400,
    sv: 'Inlägget har fler hashtaggar än en av kanalerna tar emot (Instagram: 30).',
    en: 'The post has more hashtags than one of the channels accepts (Instagram: 30).',
  },
  too_many_mentions: {
    status: 400,
    sv: 'Inlägget nämner fler konton än en av kanalerna tar emot (Instagram: 20).',
    en: 'The post mentions more accounts than one of the channels accepts (Instagram: 20).',
  },
  image_aspect_ratio: {
    status: 400,
    sv: 'En bild har ett format som Instagram inte tar emot (mellan 4:5 stående och 1,91:1 liggande). Beskär bilden eller lägg till kanter.',
    en: 'An image has a shape Instagram does not accept (between 4:5 portrait and 1.91:1 landscape). Crop the image or pad it.',
  },
  image_shape_fits: {
    status: 409,
    sv: 'Bilden har redan ett format som alla valda kanaler tar emot.',
    en: 'The image already has a shape every chosen channel accepts.',
  },
  image_invalid: {
    status: 415,
    sv: 'Filen är ingen bild som går att läsa. Använd JPEG, PNG eller WebP.',
    en: 'The file is not a readable image. Use JPEG, PNG or WebP.',
  },
  image_format_refused: {
    status: 415,
    sv: 'Torget tar bara emot bilder i JPEG, PNG eller WebP. Spara bilden i något av dem och försök igen (GIF, HEIC, SVG, TIFF och AVIF tas inte emot).',
    en: 'Torget accepts only JPEG, PNG or WebP images. Save the image in one of them and try again (GIF, HEIC, SVG, TIFF and AVIF are not accepted).',
  },
  image_too_large: {
    status: 413,
    sv: 'Bilden är för stor. Största storlek är 20 MB.',
    en: 'The image is too large. The maximum is 20 MB.',
  },
  image_too_many_pixels: {
    status: 413,
    sv: 'Bilden har för många bildpunkter (högst 50 miljoner). Förminska den och försök igen.',
    en: 'The image has too many pixels (50 million at most). Make it smaller and try again.',
  },
  channel_unusable: {
    status: 409,
    sv: 'En av kanalerna behöver anslutas på nytt innan något kan publiceras där.',
    en: 'One of the channels must be reconnected before anything can be published there.',
  },
  fetch_invalid_url: {
    status: 400,
    sv: 'Adressen går inte att hämta. Använd en webbadress som börjar med https:// eller http://.',
    en: 'That address cannot be fetched. Use a web address starting with https:// or http://.',
  },
  fetch_blocked_address: {
    status: 400,
    sv: 'Adressen pekar på ett internt nätverk, och dit hämtar Torget inget. Använd en offentlig adress.',
    en: 'The address points into an internal network, which Torget does not fetch from. Use a public address.',
  },
  fetch_too_large: {
    status: 422,
    sv: 'Filen på adressen är för stor för att hämtas.',
    en: 'The file at that address is too large to fetch.',
  },
  fetch_timeout: {
    status: 504,
    sv: 'Servern på adressen svarade inte i tid. Försök igen senare.',
    en: 'The server at that address did not answer in time. Try again later.',
  },
  fetch_http_status: {
    status: 502,
    sv: 'Servern på adressen svarade med ett fel. Kontrollera att adressen stämmer.',
    en: 'The server at that address answered with an error. Check that the address is right.',
  },
  fetch_too_many_redirects: {
    status: 502,
    sv: 'Adressen skickar vidare för många gånger.',
    en: 'The address redirects too many times.',
  },
  fetch_network: {
    status: 502,
    sv: 'Servern på adressen gick inte att nå.',
    en: 'The server at that address could not be reached.',
  },
  ics_too_large: {
    status: 413,
    sv: 'Kalenderfilen är för stor. Största storlek är 5 MB.',
    en: 'The calendar file is too large. The maximum is 5 MB.',
  },
  ics_malformed: {
    status: 422,
    sv: 'Filen är ingen kalender som går att läsa (iCalendar, .ics).',
    en: 'The file is not a readable calendar (iCalendar, .ics).',
  },
  ics_too_complex: {
    status: 422,
    sv: 'Kalendern är för krånglig att läsa in. Dela upp den eller korta upprepningarna.',
    en: 'The calendar is too complex to import. Split it or shorten its recurrences.',
  },
  ics_too_many_events: {
    status: 422,
    sv: 'Kalenderfilen har fler än 10 000 händelser. Be om en fil med bara kommande evenemang, eller dela upp den.',
    en: 'The calendar file has more than 10,000 events. Ask for a file with only coming events, or split it.',
  },
  ics_too_many_time_zones: {
    status: 422,
    sv: 'Kalenderfilen anger fler än 100 tidszoner, vilket ingen vanlig kalender gör. Den läses inte in.',
    en: 'The calendar file defines more than 100 time zones, which no ordinary calendar does. It is not imported.',
  },
  event_source_not_found: {
    status: 404,
    sv: 'Kalendern finns inte bland bibliotekets evenemangskällor.',
    en: "That calendar is not among the library's event sources.",
  },
  event_source_exists: {
    status: 409,
    sv: 'Den kalenderadressen finns redan bland evenemangskällorna.',
    en: 'That calendar address is already among the event sources.',
  },
  event_source_not_file: {
    status: 409,
    sv: 'Den här kalendern hämtas från en adress. Ladda upp en fil som en egen källa i stället.',
    en: 'This calendar is fetched from an address. Upload a file as a source of its own instead.',
  },
  event_source_not_url: {
    status: 409,
    sv: 'Den här kalendern är en uppladdad fil. Ladda upp filen igen för att uppdatera den.',
    en: 'This calendar is an uploaded file. Upload the file again to update it.',
  },
  event_not_found: {
    status: 404,
    sv: 'Evenemanget finns inte, eller så har det tagits bort ur kalendern.',
    en: 'The event does not exist, or it was removed from the calendar.',
  },
  campaign_not_found: {
    status: 404,
    sv: 'Kampanjen finns inte i biblioteket.',
    en: 'The campaign does not exist in this library.',
  },
  campaign_peak_past: {
    status: 400,
    sv: 'Toppen ligger redan bakåt i tiden. Välj en dag och tid som inte har passerat.',
    en: 'The peak is already in the past. Choose a day and time still ahead.',
  },
  audience_unknown: {
    status: 400,
    sv: 'Målgruppen finns inte i bibliotekets policy. Välj en ur listan.',
    en: "That target group is not in the library's policy. Choose one from the list.",
  },
  plan_template_not_found: {
    status: 404,
    sv: 'Planmallen finns inte i biblioteket.',
    en: 'The plan template does not exist in this library.',
  },
  recurring_slot_not_found: {
    status: 404,
    sv: 'Den återkommande postningen finns inte i biblioteket.',
    en: 'The recurring post does not exist in this library.',
  },
  channel_connect_failed: {
    status: 400,
    sv: 'Det gick inte att ansluta kanalen.',
    en: 'The channel could not be connected.',
  },
  strategy_version_conflict: {
    status: 409,
    sv: 'Någon annan har sparat strategin under tiden. Ladda om för att se ändringarna; inget skrevs över.',
    en: 'Someone else saved the strategy meanwhile. Reload to see their changes; nothing was overwritten.',
  },
  strategy_version_not_found: {
    status: 404,
    sv: 'Versionen av strategin finns inte.',
    en: 'That version of the strategy does not exist.',
  },
  strategy_not_saved: {
    status: 409,
    sv: 'Spara strategin innan du gör en version av den.',
    en: 'Save the strategy before making a version of it.',
  },
  policy_not_approved: {
    status: 404,
    sv: 'Det finns ingen godkänd policy än.',
    en: 'There is no approved policy yet.',
  },
  practice_script_not_found: {
    status: 404,
    sv: 'Övningsrepliken finns inte längre.',
    en: 'The practice line no longer exists.',
  },
  practice_only: {
    status: 403,
    sv: 'Du kan publicera och svara själv bara i Övningskanalen. Be en kollega godkänna inlägg till de riktiga kanalerna.',
    en: 'You can publish and answer yourself only on the practice channel. Ask a colleague to approve posts for the real channels.',
  },
  policy_outdated: {
    status: 409,
    sv: 'Policyn har fått en ny version sedan du öppnade den. Läs den nya versionen och bekräfta den.',
    en: 'The policy has a new version since you opened it. Read the new version and confirm it.',
  },
  public_policy_not_found: {
    status: 404,
    sv: 'Policyn finns inte här, eller så har biblioteket slutat visa den offentligt.',
    en: 'The policy is not here, or the library no longer shows it publicly.',
  },
  stats_period_invalid: {
    status: 400,
    sv: 'Perioden går inte att visa: ange start- och slutdatum som ÅÅÅÅ-MM-DD, slutet samma dag som starten eller senare.',
    en: 'The period cannot be shown: give the start and end dates as YYYY-MM-DD, the end on or after the start.',
  },
  stats_period_too_long: {
    status: 400,
    sv: 'Statistiken visar högst tjugo år åt gången. Välj en kortare period.',
    en: 'Statistics show at most twenty years at a time. Choose a shorter period.',
  },
  calendar_range_invalid: {
    status: 400,
    sv: 'Perioden går inte att visa: slutdatumet ligger före startdatumet.',
    en: 'The period cannot be shown: the end date is before the start date.',
  },
  calendar_range_too_long: {
    status: 400,
    sv: 'Kalendern visar högst sex veckor åt gången. Välj en kortare period.',
    en: 'The calendar shows at most six weeks at a time. Choose a shorter period.',
  },
  calendar_export_range_too_long: {
    status: 400,
    sv: 'En export kan omfatta högst 400 dagar. Välj en kortare period.',
    en: 'An export can cover at most 400 days. Choose a shorter period.',
  },
  calendar_feed_not_found: {
    status: 404,
    sv: 'Kalenderflödet finns inte, eller så har det stängts av.',
    en: 'The calendar feed does not exist, or it has been turned off.',
  },
  archive_rule_not_found: {
    status: 404,
    sv: 'Gallringsregeln finns inte, eller har tagits ur bruk.',
    en: 'The retention rule does not exist, or has been retired.',
  },
  archive_rule_target_unknown: {
    status: 400,
    sv: 'Kanalen eller etiketten som regeln eller spärren avgränsas till finns inte i biblioteket.',
    en: 'The channel or tag the rule or hold is narrowed to does not exist in the library.',
  },
  archive_hold_not_found: {
    status: 404,
    sv: 'Spärren finns inte, eller är redan hävd.',
    en: 'The hold does not exist, or has already been lifted.',
  },
  archive_decision_not_found: {
    status: 404,
    sv: 'Gallringsbeslutet finns inte.',
    en: 'The weeding decision does not exist.',
  },
  archive_decision_empty: {
    status: 422,
    sv: 'Beslutet skulle inte gallra något: inga poster i perioden omfattas av reglerna och får gallras nu. Förhandsgranska för att se varför.',
    en: 'The decision would weed nothing: no entries in the period are covered by the rules and may be weeded now. Preview it to see why.',
  },
  archive_decision_reference_taken: {
    status: 409,
    sv: 'Det finns redan ett gallringsbeslut med det diarienumret.',
    en: 'A weeding decision with that reference already exists.',
  },
  personal_data_subject_missing: {
    status: 400,
    sv: 'Ange kontots id eller användarnamn på nätverket.',
    en: "Give the account's id or handle on the network.",
  },
  archive_export_failed: {
    status: 500,
    sv: 'Arkivpaketet kunde inte skrivas. Inget halvfärdigt paket sparades och arkivet är orört; försök igen, och kvarstår felet, kontakta den som driftar Torget.',
    en: 'The archive package could not be written. No partial package was kept and the archive is untouched; try again, and if it persists, contact whoever runs Torget.',
  },
  archive_period_invalid: {
    status: 400,
    sv: 'Perioden går inte att använda: ange start- och slutdatum som ÅÅÅÅ-MM-DD, med slutdatumet på eller efter startdatumet.',
    en: 'The period cannot be used: give the start and end dates as YYYY-MM-DD, the end on or after the start.',
  },
  archive_export_exists: {
    status: 409,
    sv: 'Det finns redan en fil med det namnet. Välj ett annat filnamn; den befintliga filen lämnades orörd.',
    en: 'A file of that name already exists. Choose another file name; the existing file was left untouched.',
  },
  archive_request_not_found: {
    status: 404,
    sv: 'Begäran om utlämnande finns inte.',
    en: 'The request for public records does not exist.',
  },
  archive_request_exists: {
    status: 409,
    sv: 'Det finns redan en begäran med det diarienumret.',
    en: 'A request with that registry number already exists.',
  },
  archive_request_not_open: {
    status: 409,
    sv: 'Begäran är inte längre öppen. Det som lämnats ut kan inte ändras; registrera en ny begäran om mer behövs.',
    en: 'The request is no longer open. What was released cannot change; register a new request if more is needed.',
  },
  archive_request_finished: {
    status: 409,
    sv: 'Begäran är avslutad. Inget mer kan lämnas ut under den.',
    en: 'The request is finished. Nothing more can be released under it.',
  },
  archive_request_empty: {
    status: 422,
    sv: 'Lägg till minst en handling i begäran innan du lämnar ut.',
    en: 'Add at least one record to the request before releasing it.',
  },
  archive_entry_not_in_request: {
    status: 422,
    sv: 'Handlingen ingår inte i begäran. Lägg till den först.',
    en: 'The record is not part of the request. Add it first.',
  },
  archive_mask_invalid: {
    status: 422,
    sv: 'Det som ska maskeras finns inte i handlingen. Välj text ur handlingen igen.',
    en: 'What is to be masked is not in the record. Choose text from the record again.',
  },
  archive_mask_not_found: {
    status: 404,
    sv: 'Maskeringen finns inte.',
    en: 'The mask does not exist.',
  },
  unavailable: {
    status: 503,
    sv: 'Torget når inte sin databas just nu. Försök igen om en stund.',
    en: 'Torget cannot reach its database right now. Try again shortly.',
  },
  storage_full: {
    status: 507,
    sv: 'Servern har slut på diskutrymme. Inget sparades; kontakta den som driftar Torget.',
    en: 'The server is out of disk space. Nothing was saved; contact whoever runs Torget.',
  },
  idea_not_found: {
    status: 404,
    sv: 'Idén finns inte (längre).',
    en: 'The idea does not exist (any more).',
  },
  idea_not_yours: {
    status: 403,
    sv: 'Bara den som hade idén kan ändra eller ta bort den.',
    en: 'Only the person who had the idea can change or remove it.',
  },
  internal: {
    status: 500,
    sv: 'Något gick fel hos oss. Försök igen; kvarstår felet, kontakta den som driftar Torget.',
    en: 'Something went wrong on our side. Try again; if it persists, contact whoever runs Torget.',
  },
} as const satisfies Record<string, { status: number; sv: string; en: string }>

export type ErrorCode = keyof typeof ERRORS

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return ERRORS[code][locale]
}

/** "Try again in 8 seconds." – for a limit that lifts by itself. */
export function tryAgainIn(seconds: number, locale: Locale): string {
  const s = Math.max(1, Math.ceil(seconds))
  const m = Math.ceil(s / 60)
  if (locale === 'sv')
    return s < 60
      ? `Försök igen om ${s} ${s === 1 ? 'sekund' : 'sekunder'}.`
      : `Försök igen om ${m} ${m === 1 ? 'minut' : 'minuter'}.`
  return s < 60
    ? `Try again in ${s} ${s === 1 ? 'second' : 'seconds'}.`
    : `Try again in ${m} ${m === 1 ? 'minute' : 'minutes'}.`
}

/** A rule of the domain was broken. Thrown by services, shaped by HTTP. */
export class DomainError extends Error {
  readonly code: ErrorCode
  readonly details: unknown
  /** A finer reason, e.g. the network's error code when a channel cannot connect. */
  readonly reason: string | undefined
  constructor(code: ErrorCode, details?: unknown, reason?: string) {
    super(ERRORS[code].en)
    this.name = 'DomainError'
    this.code = code
    this.details = details
    this.reason = reason
  }
}

/** A limit was reached that lifts by itself: answered with Retry-After and when to try again. */
export class RetryLaterError extends DomainError {
  readonly retryAfterSeconds: number
  constructor(code: ErrorCode, retryAfterSeconds: number) {
    super(code)
    this.name = 'RetryLaterError'
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds))
  }
}
