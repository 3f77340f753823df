// ESLint flat config: typescript-eslint's recommended rules; formatting is Prettier's (npm run format).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'schema/', 'test/gql/', 'client/gql/', 'coverage/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Emulators close over `self` before it is assigned: that is intended.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      'no-control-regex': 'off', // control characters are matched on purpose (sanitizing names)
    },
  },
);
