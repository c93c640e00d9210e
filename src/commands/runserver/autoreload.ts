/**
 * runserver with the auto-reloader: this process becomes the supervisor. It binds the socket
 * (so a bind error is reported once, in Django's words) and never loads settings or user code;
 * the app runs in children it restarts when files change.
 */
import { performance } from 'node:perf_hooks';
import { childCommand } from '../../reloader/child-command.js';
import { takeOverInspector } from '../../reloader/inspector.js';
import { bindSharedSocket, BindError } from '../../reloader/socket.js';
import { Supervisor } from '../../reloader/supervisor.js';
import { createTrace } from '../../reloader/trace.js';
import type { CommandContext } from '../command.js';
import { ListenError } from '../../http/listen-errors.js';
import type { RunserverOptions } from './inner-run.js';

export interface ReloaderFlags {
  /** --poll: stat files instead of inotify (network drives, some containers and VMs). */
  poll: boolean;
  /** false with --no-shortcuts; shortcuts are read only from a terminal anyway. */
  shortcuts: boolean;
}

export async function autoreload(context: CommandContext, options: RunserverOptions, flags: ReloaderFlags): Promise<void> {
  const { address } = options;
  const trace = createTrace(context.env, 'supervisor');
  trace(`process started ${performance.now().toFixed(0)} ms ago`);
  const socket = await bindSharedSocket(address.host, address.port, { ipv6: address.ipv6 }).catch((error: unknown) => {
    throw new ListenError(error);
  });
  const supervisor = new Supervisor({
    socket,
    displayHost: address.display,
    child: childCommand(process, takeOverInspector(process.execArgv, process.env.NODE_OPTIONS)),
    firstChild: context.firstChild,
    root: context.cwd,
    poll: flags.poll,
    shortcuts: flags.shortcuts && context.stdin.isTTY ? context.stdin : undefined,
    stderr: context.stderr,
    signals: context.signals,
    trace,
  });
  await supervisor.run().catch((error: unknown) => {
    throw error instanceof BindError ? new ListenError(error) : error;
  });
}
