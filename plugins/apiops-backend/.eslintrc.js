module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // The benchmark (never shipped, never run in CI) measures the snapshot
      // with the lint module installed, so it reaches into the module's
      // sources (the module does not export its provider).
      files: ['bench/**'],
      rules: {
        '@backstage/no-relative-monorepo-imports': 'off',
      },
    },
  ],
});
