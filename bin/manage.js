#!/usr/bin/env node
// The `manage` executable: all logic lives in dist/cli/main.js.
import { main } from '../dist/cli/main.js';
main(process.argv.slice(2), { prog: 'manage' });
