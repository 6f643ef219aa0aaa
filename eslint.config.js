// ESLint (flat config): typescript-eslint's recommended rules without type information (fast), and, for what we ship
// (src/), a ban on every way of turning a string into HTML or code. `npm run lint` also runs `web-ext lint` on the
// Firefox build. The build has its own check on the bundled output (vite.config.ts, margin:no-html-from-strings).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Each way a string becomes markup or code, with what to use instead. */
const NO_HTML_OR_CODE_FROM_STRINGS = {
  properties: [
    ['insertAdjacentHTML', 'Use insertAdjacentElement or insertAdjacentText.'],
    ['write', 'document.write parses a string as HTML: build nodes instead.', 'document'],
    ['writeln', 'document.writeln parses a string as HTML: build nodes instead.', 'document'],
    ['createContextualFragment', 'Range#createContextualFragment parses a string as HTML: build nodes instead.'],
    ['parseFromString', 'DOMParser parses a string as HTML: build nodes, or read text without a parser.'],
    ['setHTMLUnsafe', 'Build nodes instead of parsing a string as HTML.'],
  ],
  syntax: [
    // Writing innerHTML/outerHTML parses HTML; reading them only serialises (Readability's video check reads an
    // <object>'s innerHTML), so writes are banned, reads are not.
    {
      selector: "AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]",
      message: 'No innerHTML/outerHTML writes: build nodes (document.createElement, textContent, Preact).',
    },
    {
      selector: "AssignmentExpression > MemberExpression.left[computed=true][property.value=/^(innerHTML|outerHTML)$/]",
      message: 'No innerHTML/outerHTML writes: build nodes (document.createElement, textContent, Preact).',
    },
    { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No dangerouslySetInnerHTML: the build replaces its sink with a throw.' },
    // no-implied-eval misses these in TypeScript files (it needs setTimeout declared as a global, and no-undef is off).
    {
      selector: "CallExpression[callee.name=/^(setTimeout|setInterval)$/][arguments.0.type=/^(Literal|TemplateLiteral|BinaryExpression)$/]",
      message: 'Pass a function to setTimeout/setInterval, never a string of code.',
    },
    {
      selector: "CallExpression[callee.property.name=/^(setTimeout|setInterval)$/][arguments.0.type=/^(Literal|TemplateLiteral|BinaryExpression)$/]",
      message: 'Pass a function to setTimeout/setInterval, never a string of code.',
    },
  ],
};

export default tseslint.config(
  {
    // Built output, installed packages, scratch files, and the fixture pages (they stand for other people's sites).
    ignores: ['dist/**', 'node_modules/**', 'artifacts/**', '.scratch/**', 'bench/.build/**', 'test/fixtures/**', 'test/e2e/harness/probe-extension/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' }],
      // `for (let node = this; node; node = node.parent)` walks up a tree; it is not a `self = this` for a closure.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['node'] }],
    },
  },
  {
    // TypeScript checks names itself (typescript-eslint's advice: no-undef off for TS).
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    rules: { 'no-undef': 'off' },
  },
  {
    // Node scripts and config files in plain JavaScript.
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
  {
    // What we ship: no string ever becomes HTML or code.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-properties': [
        'error',
        ...NO_HTML_OR_CODE_FROM_STRINGS.properties.map(([property, message, object]) => (object ? { object, property, message } : { property, message })),
      ],
      'no-restricted-syntax': ['error', ...NO_HTML_OR_CODE_FROM_STRINGS.syntax],
    },
  },
  {
    // Error reports replace control and bidi-override characters on purpose: the regex names them.
    files: ['src/core/report-text.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // Tests reach into untyped driver internals and page globals; terse helpers (a CSV reader) use comma expressions.
    files: ['test/**/*.ts'],
    // With no-explicit-any off here, the harness's own disable comment would be reported as unused.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
