import { describe, expect, it } from 'vitest'
import { contentMatches, htmlToPlainText } from './status-text.js'

describe('matching a status by its text', () => {
  it('reads paragraphs, line breaks, split links and entities back as typed', () => {
    const html =
      '<p>Öppet &amp; gratis &#8211; se <a href="https://bibliotek.example/a/b"><span class="invisible">https://</span><span class="ellipsis">bibliotek.example/a</span><span class="invisible">/b</span></a></p><p>Rad ett<br />rad två &quot;citat&quot; &#x1F4DA;</p>'
    expect(htmlToPlainText(html)).toBe(
      'Öppet & gratis – se https://bibliotek.example/a/b\n\nRad ett\nrad två "citat" 📚\n\n',
    )
    expect(
      contentMatches(
        html,
        'Öppet & gratis – se https://bibliotek.example/a/b\n\nRad ett\nrad två "citat" 📚',
      ),
    ).toBe(true)
  })

  it('matches a remote mention the way Mastodon shows it', () => {
    const html =
      '<p>Tack <span class="h-card"><a href="https://other.example/@forfattare" class="u-url mention">@<span>forfattare</span></a></span>!</p>'
    expect(contentMatches(html, 'Tack @forfattare@other.example!')).toBe(true)
  })

  it('matches what a server that renders Markdown makes of the text', () => {
    const text =
      'Läs **boktipset** på https://bibliotek.example/tips och [anmäl dig](https://bibliotek.example/anmal)!\n\n' +
      '- Sagostund\n- Bokcirkel _varje_ tisdag\n\n#lästips @forfattare@other.example'
    const html =
      '<p>Läs <strong>boktipset</strong> på <a href="https://bibliotek.example/tips" rel="nofollow noreferrer noopener" target="_blank">https://bibliotek.example/tips</a> och <a href="https://bibliotek.example/anmal" rel="nofollow noreferrer noopener">anmäl dig</a>!</p>' +
      '<ul><li>Sagostund</li><li>Bokcirkel <em>varje</em> tisdag</li></ul>' +
      '<p><a href="https://social.example/tags/l%C3%A4stips" class="mention hashtag" rel="tag">#<span>lästips</span></a> ' +
      '<span class="h-card"><a href="https://other.example/@forfattare" class="u-url mention">@<span>forfattare</span></a></span></p>'
    expect(contentMatches(html, text)).toBe(true)
    expect(contentMatches(html, text.replace('tisdag', 'onsdag'))).toBe(false)
  })

  it('reads a link by its address when the server shortens what it shows, and an emoji by its code', () => {
    const html =
      '<p>Program: <a href="https://bibliotek.example/program/hosten-2025?utm=x&amp;a=1">bibliotek.example/program/hos…</a> <img class="custom-emoji" alt=":bok:" src="https://social.example/e.png" /></p>'
    expect(
      contentMatches(
        html,
        'Program: https://bibliotek.example/program/hosten-2025?utm=x&a=1 :bok:',
      ),
    ).toBe(true)
    expect(
      contentMatches(html, 'Program: https://bibliotek.example/program/varen-2026 :bok:'),
    ).toBe(false)
  })

  it('does not match a different text', () => {
    expect(contentMatches('<p>Sagostund kl. 11</p>', 'Sagostund kl. 13')).toBe(false)
    expect(contentMatches('<p>Sagostund</p><p>kl. 11</p>', 'Sagostundkl. 11')).toBe(false)
  })
})
