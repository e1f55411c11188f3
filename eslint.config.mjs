// Lint rules that encode the architecture (after n8n's base config): no import cycles, awaited
// promises, `return await` inside try, TypeORM kept out of the GraphQL layer, and the worker and
// gateway kept away from the subgraphs and the database.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/migrations/**', '**/*.js', '**/*.mjs', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.d.ts', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/return-await': ['error', 'error-handling-correctness-only'],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "Property[key.name='synchronize'][value.value=true]", message: 'Never synchronize: migrations are generated.' },
      ],
    },
  },
  {
    files: ['apps/*/src/**/*.resolver.ts', 'apps/*/src/**/*.type.ts', 'apps/*/src/**/*.inputs.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'typeorm', message: 'The GraphQL layer never touches TypeORM: go through a service or repository.' }] },
      ],
    },
  },
  {
    files: ['apps/worker/src/**/*.ts', 'apps/gateway/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['typeorm', 'mysql2', '@azukari/db', '@azukari/service-kit', 'type-graphql', '@apollo/subgraph'].map((name) => ({
            name,
            message: 'The worker and the gateway hold no database and build no subgraph schema.',
          })),
          patterns: [
            {
              group: ['@azukari/contracts', '@azukari/custody', '@azukari/personnel', '@azukari/incidents'],
              message: 'Never import a subgraph.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/contracts/src/**/*.ts', 'apps/custody/src/**/*.ts', 'apps/personnel/src/**/*.ts', 'apps/incidents/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@azukari/contracts',
                '@azukari/custody',
                '@azukari/personnel',
                '@azukari/incidents',
                '@azukari/worker',
                '@azukari/gateway',
              ],
              message: 'A subgraph never imports another app: ask its internal route.',
            },
          ],
        },
      ],
    },
  },
);
