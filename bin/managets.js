#!/usr/bin/env node
// The `managets` executable (Django's django-admin): project-independent commands.
import { main } from '../dist/cli/main.js';
main(process.argv.slice(2), { prog: 'managets' });
