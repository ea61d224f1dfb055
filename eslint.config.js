import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  { files: ['scripts/**/*.js', 'bin/**/*.js', '*.js'], languageOptions: { globals: globals.node } },
  {
    files: ['**/*.test.ts', 'server/test/**', 'e2e/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // The arrows of docs/ARCHITECTURE.md, enforced.
  {
    files: ['core/**'],
    rules: restrict([
      {
        group: [
          'node:*',
          'pg',
          'better-sqlite3',
          'kysely',
          'hono',
          '@hono/*',
          'react',
          'react-dom',
        ],
        message: 'core is pure: no I/O, no Node-only or DOM-only imports.',
      },
      { group: ['**/server/**', '**/web/**'], message: 'core depends on nothing else in Torget.' },
    ]),
  },
  {
    files: ['web/**'],
    ignores: ['web/**/*.test.ts'],
    rules: restrict([
      {
        group: ['**/server/**', 'node:*'],
        message: 'The web app talks to the server over HTTP only.',
      },
    ]),
  },
  {
    // A test runs in Node (it may read the built app's files), but still never reaches into the server.
    files: ['web/**/*.test.ts'],
    rules: restrict([
      { group: ['**/server/**'], message: 'The web app talks to the server over HTTP only.' },
    ]),
  },
  {
    files: ['server/http/**'],
    ignores: ['**/*.test.ts'],
    rules: restrict([
      {
        group: ['**/repos/**', '**/adapters/**', '**/db/**', 'kysely'],
        message: 'Routes call services; they never touch repositories, adapters or SQL.',
      },
      {
        group: ['**/jobs/**', '**/net/**', '**/ics/**', '**/media/**', '**/documents/**'],
        message:
          'Routes call services; queues, outbound requests, calendar files, images and documents sit behind them.',
      },
    ]),
  },
  {
    files: ['server/repos/**'],
    ignores: ['**/*.test.ts'],
    rules: restrict([
      {
        group: ['**/services/**', '**/http/**', '**/adapters/**', '**/jobs/**'],
        message:
          'Repositories hold SQL and nothing else; the rules and the outside world call them.',
      },
    ]),
  },
  {
    files: ['server/jobs/**'],
    ignores: ['**/*.test.ts'],
    rules: restrict([
      {
        group: ['hono', 'hono/*', '@hono/*', '**/http/**'],
        message: 'Jobs run without a request: they call services, never routes.',
      },
    ]),
  },
  {
    files: ['server/services/**'],
    rules: restrict([
      {
        group: ['hono', 'hono/*', '@hono/*', '**/http/**'],
        message: 'Services know nothing of HTTP: throw DomainError.',
      },
    ]),
  },
  {
    files: ['server/adapters/**'],
    rules: restrict([
      {
        group: [
          '**/services/**',
          '**/repos/**',
          '**/db/**',
          'kysely',
          '**/http/**',
          'hono',
          'hono/*',
          '@hono/*',
        ],
        message: 'Adapters talk to the outside world only: no database, no HTTP routes.',
      },
    ]),
  },
)
