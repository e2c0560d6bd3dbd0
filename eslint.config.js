// `npm run lint`: typescript-eslint's recommended rules, and Prettier for layout (eslint-config-
// prettier turns off the rules that would fight it). Import loops are refused by a test
// (test/architecture/import-loops.test.ts), which also counts type-only and dynamic imports.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'coverage/**', 'web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,cts,mts}'],
    rules: {
      // `_name` marks a value left out on purpose (a destructured field dropped from a copy).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  // Tests and benchmarks read JSON answers whose shape the assertions check.
  { files: ['test/**/*.ts', 'bench/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  // The agent's executable is CommonJS on purpose (start-up time): require is its import.
  { files: ['**/*.cts'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // Plain JavaScript here (build scripts, a benchmark's child) runs on Node.
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: globals.node } },
  prettier,
  // Lines within Prettier's width: Prettier does not break strings or comments, so this rule
  // catches those (template literals and regular expressions, which cannot be split without
  // changing how they read, may run over). After `prettier`, which would turn it off.
  {
    files: ['**/*.{ts,tsx,cts,mts,js,mjs}'],
    rules: { 'max-len': ['error', { code: 150, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }] },
  },
);
