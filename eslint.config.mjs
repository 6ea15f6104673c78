import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Code that crosses into the webview, or must run without VS Code, may not import `vscode`.
const noVscode = {
  'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'This folder must not depend on the VS Code API.' }] }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', '.vscode-test/**', '.start-profile/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', fetch: 'readonly', AbortController: 'readonly', Buffer: 'readonly', __dirname: 'readonly', globalThis: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  // Type-aware rules for the TypeScript sources. Each file is checked against its nearest tsconfig.json
  // (src: ./tsconfig.json; webview-ui/src, test and bench: their own); scripts/ are plain JS and stay untyped.
  {
    files: ['src/**/*.ts', 'webview-ui/src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    // ignoreVoid: false: `void` does not silence it; a promise nobody waits for needs a rejection handler
    // (`.catch(...)` that logs or reports), so a failure is never lost. VS Code's Thenables (notifications,
    // setContext, postMessage) are not checked: the rule's default, checkThenables: false.
    rules: { '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }] },
  },
  { files: ['src/shared/**', 'src/providers/**', 'webview-ui/**'], rules: noVscode },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['test/**'], languageOptions: { globals: { describe: 'readonly', it: 'readonly', before: 'readonly', after: 'readonly', beforeEach: 'readonly', afterEach: 'readonly' } } },
);
