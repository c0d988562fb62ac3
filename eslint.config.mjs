// `npm run lint` (part of `npm test`, zero warnings allowed): typescript-eslint's type-checked
// recommended rules over everything, and the project's architecture and security rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { restrictions } from './eslint.restrictions.mjs';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'python/mrnet_viewer/labextension/**',
      'node_modules/**',
      'test-results/**',
      'sample-data/**',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    // `const { slice: _slice, ...rest } = state` drops a key on purpose.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }] },
  },
  // Short functions a newcomer can read at once (blank lines and comments aside).
  {
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  ...restrictions,
);
