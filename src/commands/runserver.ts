/**
 * `manage runserver [addrport]`: Django's development server. The addrport is parsed before
 * anything is loaded, so a typo fails at once; the serving itself is `innerRun` (runserver/).
 *
 * Without --noreload this is where the reloader's supervisor takes over; until it lands,
 * runserver serves in this process as with --noreload.
 */
import { parseAddrPort } from '../http/address.js';
import { defineCommand } from './command.js';
import { innerRun, type RunserverOptions } from './runserver/inner-run.js';

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
      .option('--skip-checks', 'Skip system checks.');
  },
  async handle(context, args, options) {
    await innerRun(context, runserverOptions(args, options));
  },
});
