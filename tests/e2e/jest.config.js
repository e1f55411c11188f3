// The fault tests kill their own Redis and MariaDB servers mid-run; under load an ioredis client of
// a closed app can still be between two reconnect attempts when the last test ends, which once
// kept this run alive after every test had passed (CI would then hang until its time limit).
// forceExit ends the run once the results are in; jest still prints any handle left open.
module.exports = require('../../jest.preset.js')({ testTimeout: 120_000, forceExit: true });
