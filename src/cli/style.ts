/**
 * Colour decisions and Django's output styles (ERROR, WARNING, NOTICE, SUCCESS). Colour is on for
 * a TTY unless --no-color, NO_COLOR or MANAGE_COLORS=nocolor; --force-color and FORCE_COLOR force it.
 */
import pc from 'picocolors';
import { COLORS_ENV } from '../conf/env.js';

export interface Style {
  readonly enabled: boolean;
  error(text: string): string;
  warning(text: string): string;
  notice(text: string): string;
  success(text: string): string;
  bold(text: string): string;
  /** Headings of migrate's output (Django's MIGRATE_HEADING). */
  migrateHeading(text: string): string;
}

export interface ColorFlags {
  noColor?: boolean;
  forceColor?: boolean;
}

export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, flags: ColorFlags = {}): boolean {
  if (flags.noColor) return false;
  if (flags.forceColor) return true;
  if (env[COLORS_ENV] === 'nocolor') return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return stream.isTTY === true;
}

export function createStyle(enabled: boolean): Style {
  const c = pc.createColors(enabled);
  return {
    enabled,
    error: (t) => c.bold(c.red(t)),
    warning: (t) => c.bold(c.yellow(t)),
    notice: (t) => c.red(t),
    success: (t) => c.bold(c.green(t)),
    bold: (t) => c.bold(t),
    migrateHeading: (t) => c.bold(c.cyan(t)),
  };
}
