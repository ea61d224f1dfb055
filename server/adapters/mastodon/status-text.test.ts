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

  it('does not match a different text', () => {
    expect(contentMatches('<p>Sagostund kl. 11</p>', 'Sagostund kl. 13')).toBe(false)
    expect(contentMatches('<p>Sagostund</p><p>kl. 11</p>', 'Sagostundkl. 11')).toBe(false)
  })
})
