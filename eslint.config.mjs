// Lint rules that keep the layer map in the README true. Data flows one way:
// app/ and cron/ → lib/use-cases → lib/domain (decide) and lib/data (read/write) → db/.
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import drizzle from 'eslint-plugin-drizzle';
import tseslint from 'typescript-eslint';

/** Everything outside the pure domain: lib/domain may import none of it (db/ has a zone of its own). */
const impureForDomain = [
  './lib/data',
  './lib/use-cases',
  './lib/engine',
  './lib/auth',
  './lib/http',
  './lib/env.ts',
  './lib/log.ts',
  './lib/server-runtime.ts',
  './app',
  './cron',
  './scripts',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      '.data/**',
      '.tmp/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
      'db/migrations/**',
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', '*.mts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { drizzle },
    rules: {
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './lib/domain',
              from: impureForDomain,
              message: 'lib/domain is pure: no database, clock, environment or I/O.',
            },
            {
              // The enum values file is a dependency-free list of constants (no drizzle): the
              // domain derives TaskStatus, Role, Priority from it instead of re-typing them.
              target: './lib/domain',
              from: './db',
              except: ['./schema/enum-values.ts'],
              message: 'lib/domain is pure: no database, clock, environment or I/O.',
            },
            {
              // Client components import lib/schemas, so it may import nothing server-side.
              target: './lib/schemas',
              from: impureForDomain,
              message:
                'lib/schemas is shared with the browser: zod, lib/domain and enum values only.',
            },
            {
              target: './lib/schemas',
              from: './db',
              except: ['./schema/enum-values.ts'],
              message:
                'lib/schemas is shared with the browser: zod, lib/domain and enum values only.',
            },
            {
              target: './app',
              from: ['./db', './lib/data'],
              message: 'app/ reaches data only through lib/use-cases (pages use getPageContext()).',
            },
            {
              // The schema types its JSON columns with lib/domain's types (case definitions, rule
              // conditions, SLA specs); that those imports stay type-only is checked below.
              target: './db',
              from: './lib',
              except: ['./domain'],
              message:
                'db/ imports no runtime code from lib/ (the demo seed lives in scripts/seed).',
            },
            {
              target: './lib/data',
              from: ['./lib/use-cases', './app', './cron'],
              message: 'lib/data is below lib/use-cases; it never calls up.',
            },
          ],
        },
      ],
    },
  },
  {
    // Small files and small components: a file past 300 lines is usually two concepts. A file
    // that must be longer says why in an eslint-disable comment at its top.
    files: ['app/**/*.{ts,tsx}', 'lib/**/*.ts', 'db/**/*.ts', 'cron/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'max-lines': ['error', { max: 300 }] },
  },
  {
    files: ['app/**/*.tsx'],
    rules: { 'max-lines-per-function': ['error', { max: 120 }] },
  },
  {
    // db/ may name lib/domain's types (see the db zone above), never import its code.
    files: ['db/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/lib/**', '@/lib/**'],
              allowTypeImports: true,
              message: 'db/ imports no runtime code from lib/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The pure domain: time, randomness and configuration are parameters.
    files: ['lib/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'drizzle-orm',
                'drizzle-orm/*',
                'postgres',
                '@electric-sql/*',
                'next',
                'next/*',
                'next-auth',
                'next-auth/*',
                'node:*',
                'react',
                'react-dom',
              ],
              message: 'lib/domain is pure: no database, framework or I/O imports.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process']",
          message: 'lib/domain reads no process state; pass configuration in.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'lib/domain reads no clock; take `now` as a parameter.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'lib/domain reads no clock; take `now` as a parameter.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'lib/domain draws no randomness; take `random` as a parameter.',
        },
      ],
    },
  },
  {
    // Configuration is read and validated in one place.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['lib/env.ts', 'scripts/**', 'tests/**', '*.config.*', 'instrumentation.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through lib/env.ts (getEnv()).',
        },
      ],
    },
  },
  {
    // Tests read untyped JSON responses on purpose; their assertions check the shape.
    files: ['tests/**/*.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.mts'],
    ...tseslint.configs.disableTypeChecked,
  },
);
