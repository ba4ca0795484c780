module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // The benchmark (never shipped, never run in CI) measures the module
      // inside the backend plugin's snapshot, so it reaches into the backend's
      // sources and the repository's own dependencies.
      files: ['bench/**'],
      rules: {
        '@backstage/no-relative-monorepo-imports': 'off',
        '@backstage/no-undeclared-imports': 'off',
      },
    },
  ],
});
