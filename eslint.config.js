// One lint config for the whole repository. Its main job beyond hygiene is to hold the
// dependency direction: simulation/ is a pure kernel shared by client and server, and the
// client and the server never import each other.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'net',
  'child_process',
  'worker_threads',
  'stream',
  'zlib',
  'url',
  'events',
  'buffer',
  'util',
]

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-output/**', 'assets/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': 'off',
    },
  },
  {
    files: ['simulation/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Node built-ins by exact module name (a pattern like 'events' would also match our own events/ folder).
          paths: nodeBuiltins
            .filter((n) => n !== 'node:*')
            .map((name) => ({ name, message: 'simulation/ must run in the browser: no Node built-ins.' })),
          patterns: [
            {
              group: ['@server/*', '@client/*', '../../server/*', '../../client/*'],
              message: 'simulation/ is the pure kernel: it imports nothing of ours.',
            },
            { group: ['node:*'], message: 'simulation/ must run in the browser: no Node built-ins.' },
            {
              group: [
                'react',
                'react-dom',
                'three',
                '@react-three/*',
                'socket.io',
                'socket.io-client',
                'express',
                'redis',
                'better-sqlite3',
              ],
              message: 'simulation/ is pure: no UI, network or storage libraries.',
            },
          ],
        },
      ],
      // Determinism: time and randomness come from the injected Clock and Rng.
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'Use the seeded Rng (core/rng.ts).',
        },
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: 'Use the injected Clock (core/clock.ts).',
        },
      ],
    },
  },
  {
    files: ['client/**/*.ts', 'client/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@server/*', '**/server/src/*'],
              message: 'client/ never imports server/; share through simulation/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@client/*', '**/client/src/*'],
              message: 'server/ never imports client/; share through simulation/.',
            },
          ],
        },
      ],
    },
  },
)
