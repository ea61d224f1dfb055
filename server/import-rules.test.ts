import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The arrows of docs/ARCHITECTURE.md are ESLint rules (eslint.config.js): each import below,
// written into a file of that folder, must be refused; the allowed one must pass.

const root = path.resolve(import.meta.dirname, '..')
// Only the import rule runs, so no type information (and no TypeScript program) is needed.
const eslint = new ESLint({
  cwd: root,
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
})

async function refusals(file: string, source: string) {
  const [result] = await eslint.lintText(`${source}\nexport const probe = imported\n`, {
    filePath: path.join(root, file),
  })
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports')
}

describe('the import rules between the layers', () => {
  it.each([
    ['a route', 'server/http/routes/calendar-routes.ts', "from '../../jobs/queue.js'"],
    ['a route', 'server/http/routes/calendar-routes.ts', "from '../../net/guarded-fetch.js'"],
    ['a route', 'server/http/routes/calendar-routes.ts', "from '../../ics/index.js'"],
    ['a route', 'server/http/routes/calendar-routes.ts', "from '../../media/images.js'"],
    ['a route', 'server/http/routes/calendar-routes.ts', "from '../../documents/policy-pdf.js'"],
    ['a route', 'server/http/routes/calendar-routes.ts', "from '../../repos/index.js'"],
    ['an adapter', 'server/adapters/mail/mailer.ts', "from '../../db/database.js'"],
    ['an adapter', 'server/adapters/mail/mailer.ts', "from '../../http/app.js'"],
    ['a repository', 'server/repos/posts-repo.ts', "from '../services/access.js'"],
    ['a repository', 'server/repos/posts-repo.ts', "from '../http/app.js'"],
    ['a repository', 'server/repos/posts-repo.ts', "from '../adapters/mail/mailer.js'"],
    ['a repository', 'server/repos/posts-repo.ts', "from '../jobs/queue.js'"],
    ['a job', 'server/jobs/send-email.ts', "from '../http/app.js'"],
    ['a job', 'server/jobs/send-email.ts', "from '../http/routes/post-routes.js'"],
    ['a service', 'server/services/post-service.ts', "from '../http/app.js'"],
  ])('refuses %s in %s importing %s', async (_who, file, from) => {
    expect(await refusals(file, `import * as imported ${from}`)).toHaveLength(1)
  })

  it('lets a route call a service and a repository use the database', async () => {
    expect(
      await refusals(
        'server/http/routes/calendar-routes.ts',
        "import * as imported from '../../services/calendar-service.js'",
      ),
    ).toEqual([])
    expect(
      await refusals('server/repos/posts-repo.ts', "import * as imported from '../db/database.js'"),
    ).toEqual([])
  })
})
