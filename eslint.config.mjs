// Lint config: typescript-eslint's recommended rules, plus the layer boundaries of ARCHITECTURE.md
// (the engine and the CLI never import `vscode`; the webview never imports node, vscode or tfjs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = {
  process: 'readonly', console: 'readonly', Buffer: 'readonly', __dirname: 'readonly', __filename: 'readonly',
  setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
  setImmediate: 'readonly', URL: 'readonly', require: 'readonly', module: 'writable', performance: 'readonly',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'out/**', 'screenshots/**', 'bench/results/**', '.ssad/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: nodeGlobals },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The engine and shared types never import vscode (ARCHITECTURE.md, Layers).' }] }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The CLI never imports vscode (ARCHITECTURE.md, Layers).' }],
        patterns: [
          {
            group: ['**/engine/*', '**/engine/**', '!**/engine/api', '!**/engine/cliApi'],
            message: 'The CLI uses the engine only through src/engine/cliApi.ts (or src/engine/api.ts, for code the extension shares) (ARCHITECTURE.md, Layers).',
          },
        ],
      }],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@tensorflow/*'], message: 'The extension host never loads tfjs: training runs in child processes (ARCHITECTURE.md, Layers).' },
          { group: ['**/engine/*', '**/engine/**', '!**/engine/api'], message: 'The extension host uses the engine only through src/engine/api.ts (ARCHITECTURE.md, Layers).' },
        ],
      }],
    },
  },
  {
    files: ['webview/**/*.ts'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', console: 'readonly' } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The webview talks to the host only through src/shared/protocol.ts.' }],
        patterns: [
          { group: ['node:*', 'fs', 'path', 'child_process'], message: 'The webview runs in a browser.' },
          { group: ['@tensorflow/*'], message: 'The webview never loads tfjs.' },
          { group: ['**/src/engine/**', '**/src/extension/**'], message: 'The webview imports only src/shared (ARCHITECTURE.md, Layers).' },
        ],
      }],
    },
  },
  {
    // UI checks pass functions to Playwright that run inside the page.
    files: ['test/vscode/ui/**/*.mjs'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', getComputedStyle: 'readonly' } },
  },
);
