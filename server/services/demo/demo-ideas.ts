import type { Role } from '../../../core/roles.js'
import type { DemoContext } from './demo-context.js'

const IDEAS: {
  by: Role
  text: string
  book?: string
  supportedBy: Role[]
  comment?: [Role, string]
}[] = [
  {
    by: 'reader',
    text: 'En låntagare frågade om vi kan tipsa om lättlästa deckare. Kanske en bildserie?',
    supportedBy: ['writer', 'responder'],
    comment: ['writer', 'Bra! Jag kan fota hyllan i veckan.'],
  },
  {
    by: 'responder',
    text: 'Bokcirkeln läser Kerstin Ekmans Händelser vid vatten i januari – värt ett inlägg?',
    book: 'Händelser vid vatten, Kerstin Ekman',
    supportedBy: ['editor'],
  },
  {
    by: 'writer',
    text: 'Visa hur man lånar e-böcker i appen, steg för steg, inför jullovet.',
    supportedBy: ['reader', 'admin', 'responder'],
  },
]

/** The idea board with the staff's catches: a patron's question, a book tip, a how-to. */
export async function seedIdeas(ctx: DemoContext): Promise<void> {
  const { ideas } = ctx.services
  for (const idea of IDEAS) {
    const made = await ideas.create(await ctx.as(idea.by, 'ideas.contribute'), {
      text: idea.text,
      book: idea.book ?? null,
      eventId: null,
      link: null,
    })
    for (const role of idea.supportedBy)
      await ideas.support(await ctx.as(role, 'ideas.contribute'), made.id, true)
    if (idea.comment)
      await ideas.comment(
        await ctx.as(idea.comment[0], 'ideas.contribute'),
        made.id,
        idea.comment[1],
      )
  }
}
