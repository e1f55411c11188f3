// Every process, tests included, keeps Apollo from reaching outside addresses (STACK-NOTES.md).
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
require('reflect-metadata');
