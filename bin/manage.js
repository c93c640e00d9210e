#!/usr/bin/env node
// The `manage` executable: all logic lives in dist/cli/main.js. runserver's first app child is
// started before that is even imported, so node boots it while this process loads the CLI.
import { prespawnRunserver } from '../dist/commands/runserver/prespawn.js';

const argv = process.argv.slice(2);
const firstChild = prespawnRunserver(argv);
const { main } = await import('../dist/cli/main.js');
main(argv, { prog: 'manage', firstChild });
