// One jest setup for every package: SWC with decorator metadata (type-graphql reads it), and
// the ESM-only dependencies (jose, uuid, request-filtering-agent) transformed to CommonJS like our own code.
const esmOnly = ['jose', 'uuid', 'request-filtering-agent'];
module.exports = (overrides = {}) => ({
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'].filter((dir) => require('node:fs').existsSync(dir.replace('<rootDir>', process.cwd()))),
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(\\.pnpm/)?(${esmOnly.join('|')})[@/])`],
  setupFiles: [require.resolve('./jest.setup.js')],
  testTimeout: 60_000,
  reporters: ['default', require.resolve('./jest.exit-after-run.js')],
  ...overrides,
});
