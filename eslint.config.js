import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const dirsIn = (path) =>
  readdirSync(new URL(path, import.meta.url), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

/** Imports the web app never makes, whatever the file. */
const WEB_FORBIDDEN = { group: ['@lifeboat/bff*', '@lifeboat/upstreams*', '@lifeboat/veeam-sim*'] };

/**
 * Web features never import each other: from features/<f>/…, a relative path that climbs out of
 * <f> into features/ is refused (one block per depth, since the number of `../` differs).
 */
const featureIsolation = [1, 2, 3].map((depth) => ({
  files: [`apps/web/src/features/*/${'*/'.repeat(depth - 1)}*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          WEB_FORBIDDEN,
          {
            regex: `^(\\.\\./){${depth}}(?!\\.\\./)`,
            message:
              'Features never import each other; compose them in src/app or share through src/components or src/lib.',
          },
        ],
      },
    ],
  },
}));

/**
 * One upstream folder never imports another (shared code lives in http/ and in the files beside the
 * folders, such as connector.ts; shared test helpers in testing/).
 */
const upstreamFolders = dirsIn('packages/upstreams/src/').filter((d) => d !== 'http' && d !== 'testing');
const upstreamIsolation = upstreamFolders.map((folder) => ({
  files: [`packages/upstreams/src/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['@lifeboat/bff*', '@lifeboat/web*'] },
          ...upstreamFolders
            .filter((other) => other !== folder)
            .map((other) => ({
              regex: `(^|/)${other}/`,
              message: 'One upstream folder never imports another.',
            })),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', '.tmp/**', '**/fixtures/**', '**/*.d.mts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{js,mjs}', '*.config.ts', '**/vitest.config.ts', '**/vite.config.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Vitest's asymmetric matchers (expect.any, expect.stringMatching) are typed `any`.
    files: ['**/*.test.ts', '**/*.spec.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Upstream text is untrusted: it is rendered only as text (SEC-22).
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Render text, never HTML.',
        },
        {
          selector: "JSXAttribute[name.name='style']",
          message: 'Inline styles break the strict CSP; use classes.',
        },
      ],
      'no-restricted-imports': ['error', { patterns: [WEB_FORBIDDEN] }],
    },
  },
  ...featureIsolation,
  {
    files: ['packages/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@lifeboat/*', 'node:*'] }],
    },
  },
  ...upstreamIsolation,
  {
    // Routes call actions; only the inventory's pollers talk to connectors.
    files: ['apps/bff/src/http/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@lifeboat/upstreams*'], message: 'Routes never import a connector.' }] },
      ],
    },
  },
  {
    // process.env is read in one file (apps/bff/src/env.ts), so config has one way in.
    files: ['apps/bff/src/**/*.ts', 'packages/**/*.ts', 'apps/web/src/**/*.{ts,tsx}'],
    ignores: ['apps/bff/src/env.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read the environment in apps/bff/src/env.ts only.' },
      ],
    },
  },
  {
    files: ['apps/veeam-sim/**/*.ts'],
    rules: {
      // The simulator is the independent check of the connectors.
      'no-restricted-imports': ['error', { patterns: ['@lifeboat/upstreams*', '@lifeboat/bff*'] }],
    },
  },
);
