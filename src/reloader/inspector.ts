/**
 * `node --inspect manage runserver`: the debugger belongs with the code being debugged, the
 * serving child, on the port the user asked for and across reloads (as with `node --watch`). The
 * supervisor gives up the inspector it was started with and strips the flags from the children's
 * command line (a warm spare would otherwise race the serving child for the port, and fail); the
 * child taking over opens it when it starts serving, once the stopping one has closed it.
 */
import inspector from 'node:inspector';

export interface InspectTarget {
  host: string;
  port: number;
  /** --inspect-brk / --inspect-wait: hold the serving child until a debugger attaches. */
  wait: boolean;
}

const FLAG = /^--(inspect|inspect-brk|inspect-wait|inspect-port|debug-port)(=.*)?$/;
const WAIT_FLAG = /^--inspect-(brk|wait)(=|$)/;

/** The node flags without the inspector's (`--inspect-port 9230` takes the next argument too). */
export function stripInspectFlags(flags: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i]!;
    if (!FLAG.test(flag)) kept.push(flag);
    else if (/^--(inspect|debug)-port$/.test(flag)) i += 1;
  }
  return kept;
}

/**
 * The supervisor's side: if this process runs an inspector (from its flags or NODE_OPTIONS),
 * close it and return where it listened, for the serving child to reopen.
 */
export function takeOverInspector(flags: readonly string[], nodeOptions: string | undefined): InspectTarget | undefined {
  const url = inspector.url();
  if (!url) return undefined;
  const { hostname, port } = new URL(url);
  inspector.close();
  const all = [...flags, ...(nodeOptions ?? '').split(/\s+/)];
  return { host: hostname.replace(/^\[|\]$/g, ''), port: Number(port), wait: all.some((flag) => WAIT_FLAG.test(flag)) };
}

/** Round trip through the child's environment. */
export function encodeInspectTarget(target: InspectTarget): string {
  return JSON.stringify(target);
}

export function decodeInspectTarget(value: string | undefined): InspectTarget | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value) as Partial<InspectTarget>;
    if (typeof parsed.host !== 'string' || typeof parsed.port !== 'number') return undefined;
    return { host: parsed.host, port: parsed.port, wait: parsed.wait === true };
  } catch {
    return undefined;
  }
}

/** A stopping child's port may take a moment to free (it was killed): retry for this long. */
const OPEN_RETRY_MS = 100;
const OPEN_ATTEMPTS = 20;

/** Opens the inspector (node prints "Debugger listening on ws://..."); a failure is reported, never fatal. */
export function openInspector(target: InspectTarget, report: (message: string) => void, attempt = 1): void {
  try {
    inspector.open(target.port, target.host, target.wait);
  } catch (error) {
    if (attempt < OPEN_ATTEMPTS) {
      setTimeout(() => openInspector(target, report, attempt + 1), OPEN_RETRY_MS).unref();
      return;
    }
    report(`Debugger not started on ${target.host}:${target.port}: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

export function closeInspector(): void {
  if (inspector.url()) inspector.close();
}
