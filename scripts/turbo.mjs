#!/usr/bin/env node
// `node scripts/turbo.mjs <turbo arguments>`: turbo with telemetry off, for the root package.json
// scripts. A `VAR=1 turbo` prefix would not run in Windows shells, and turbo reads no setting from
// the repository that could turn it off for every user.
import { turbo } from './lib.mjs';

process.exit(turbo(process.argv.slice(2), { allowFailure: true }));
