/**
 * `manage runserver [addrport]`: Django's development server. The addrport is parsed before
 * anything is loaded, so a typo fails at once; the serving itself is `innerRun` (runserver/).
 *
 * Without --noreload this process supervises (runserver/autoreload.ts) and a child serves
 * (runserver/reloader-child.ts); the child is this same command line with MANAGE_RUN_MAIN=true.
 */
import { parseAddrPort } from '../http/address.js';
import { isReloaderChild } from '../reloader/child-command.js';
import { defineCommand } from './command.js';
import type { RunserverOptions } from './runserver/inner-run.js';

/** The command-line options as commander parsed them, in Django's terms. */
export function runserverOptions(args: readonly string[], options: Record<string, unknown>): RunserverOptions {
  return {
    address: parseAddrPort(args[0] ?? '', { ipv6: options.ipv6 === true }),
    threading: options.nothreading !== true,
    skipChecks: options.skipChecks === true,
    noStatic: options.nostatic === true,
    insecure: options.insecure === true,
  };
}

export default defineCommand({
  help: 'Starts a lightweight web server for development and also serves static files.',
  requiresSettings: false,
  configure(command) {
    command
      .argument('[addrport]', 'Optional port number, or ipaddr:port')
      .option('-6, --ipv6', 'Tells managets to use an IPv6 address.')
      .option('--nothreading', 'Tells managets to NOT use threading.')
      .option('--noreload', 'Tells managets to NOT use the auto-reloader.')
      .option('--nostatic', 'Tells managets to NOT automatically serve static files at STATIC_URL.')
      .option('--insecure', 'Allows serving static files even if DEBUG is False.')
      .option('--skip-checks', 'Skip system checks.')
      .option('--poll', 'Poll files for changes instead of waiting for events (network drives, some containers and VMs).')
      .option('--no-shortcuts', 'Do not read keyboard shortcuts (r, o, c, q, h) from the terminal.');
  },
  async handle(context, args, options) {
    const runserver = runserverOptions(args, options);
    // Each mode loads only what it runs: the supervisor never loads the app's graph.
    if (options.noreload === true) return (await import('./runserver/inner-run.js')).innerRun(context, runserver);
    if (isReloaderChild(context.env, process.channel !== undefined)) {
      const [{ runChild }, { reloaderChild }] = await Promise.all([import('../reloader/child.js'), import('./runserver/reloader-child.js')]);
      return runChild(reloaderChild(context, runserver), process);
    }
    const { autoreload } = await import('./runserver/autoreload.js');
    return autoreload(context, runserver, { poll: options.poll === true, shortcuts: options.shortcuts !== false });
  },
});
