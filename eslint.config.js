import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
      'no-restricted-imports': [
        'error',
        { patterns: ['@lifeboat/bff*', '@lifeboat/upstreams*', '@lifeboat/veeam-sim*'] },
      ],
    },
  },
  {
    files: ['packages/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@lifeboat/*', 'node:*'] }],
    },
  },
  {
    files: ['packages/upstreams/src/**/*.ts', 'apps/veeam-sim/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@lifeboat/bff*', '@lifeboat/web*'] }],
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
