#!/usr/bin/env node
// The `managets` executable (Django's django-admin): project-independent commands. runserver's
// first app child is started before the CLI is imported, as in bin/manage.js.
import { prespawnRunserver } from '../dist/commands/runserver/prespawn.js';

const argv = process.argv.slice(2);
const firstChild = prespawnRunserver(argv);
const { main } = await import('../dist/cli/main.js');
main(argv, { prog: 'managets', firstChild });
