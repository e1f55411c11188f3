module.exports = require('../../jest.preset.js')({
  testTimeout: 120_000,
  reporters: ['default', '<rootDir>/exit-after-run.js'],
});
