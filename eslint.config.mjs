// ESLint flat config. Beyond the recommended type-aware rules, it enforces the architecture:
// the engine and the rules never touch the editor, the file system, child processes or `process`,
// and rules reach the engine only through ruleApi.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const forbiddenModules = [
  { group: ['vscode', 'vscode-*', 'vscode-*/**'], message: 'The engine and rules never import the editor or LSP libraries; adapters do.' },
  { group: ['fs', 'node:fs', 'fs/*', 'node:fs/*'], message: 'The engine and rules read only through FileSource.' },
  { group: ['child_process', 'node:child_process'], message: 'Kamae never executes anything.' },
  { group: ['process', 'node:process'], message: 'Adapters own the process: argv, env, exit codes, clock.' },
];
const pureGlobals = [{ name: 'process', message: 'Adapters own the process: pass what you need in AnalyzeOptions.' }, { name: 'require', message: 'Use imports.' }];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.e2e-tools/', '.bench/', 'artifacts/', '**/fixtures/**', 'rules/index.generated.ts', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Parsers hand back loosely typed trees; narrowing is done with guards where it matters.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    files: ['server/src/engine/**/*.ts', 'rules/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: forbiddenModules }],
      'no-restricted-globals': ['error', ...pureGlobals],
    },
  },
  {
    files: ['rules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbiddenModules,
            {
              regex: '/server/src/(?!engine/ruleApi$)',
              message: 'Rules import the engine only through server/src/engine/ruleApi.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only the LSP adapter speaks LSP; nothing on the server side touches the editor's API.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/engine/**', 'server/src/lsp/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'Only server/src/lsp imports vscode-languageserver; the client side owns vscode.' }] }],
    },
  },
  {
    files: ['server/src/lsp/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'The language server runs outside the editor.' }] }],
    },
  },
  {
    // The client knows nothing about rules: it reaches the server only through protocol.ts.
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode-languageserver', 'vscode-languageserver/*'], message: 'The client uses vscode-languageclient.' },
            { regex: '/(server/src/(?!protocol$)|rules/)', message: 'The client imports only server/src/protocol (the shared contract).' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { console: 'readonly', process: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
  },
);
