// Servers under test run in their own process group (so the whole tree is killed), optionally
// pinned to CPUs with taskset (which execs, so the pid is the server itself). /proc gives RSS,
// open descriptors and descendants. Linux only, like the numbers it produces.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let tasksetChecked;
function hasTaskset() {
  if (tasksetChecked === undefined) {
    try {
      execFileSync('taskset', ['--version'], { stdio: 'ignore' });
      tasksetChecked = true;
    } catch {
      tasksetChecked = false;
    }
  }
  return tasksetChecked;
}

/** Pins this process (all threads) to `cpus`; false when taskset is missing. */
export function pinSelf(cpus) {
  if (cpus === 'none' || !hasTaskset()) return false;
  execFileSync('taskset', ['-a', '-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' });
  return true;
}

/** Starts `argv` in its own process group, output to `logFile`; `exited` resolves on exit. */
export function startGroup(argv, { cwd, env, cpus, logFile }) {
  const pinned = cpus !== 'none' && hasTaskset();
  const [command, ...args] = pinned ? ['taskset', '-c', cpus, ...argv] : argv;
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return child;
}

/** SIGTERM to the group, SIGKILL after `graceMs`; waits for the leader's exit. */
export async function stopGroup(child, graceMs = 3000) {
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Gone already.
    }
  };
  const tree = [child.pid, ...descendants(child.pid)];
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
  // Reloader children live in process groups of their own: make sure none is left.
  for (const pid of tree) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Exited.
    }
  }
}

export function descendants(pid) {
  const parentOf = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Exited while listing.
    }
  }
  const found = [];
  const walk = (parent) => {
    for (const [candidate, ppid] of parentOf) {
      if (ppid === parent) {
        found.push(candidate);
        walk(candidate);
      }
    }
  };
  walk(pid);
  return found;
}

/** Resident memory of one process in MiB. */
export function rssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)[1]) / 1024;
}

/** Open file descriptors of one process. */
export function fdCount(pid) {
  return fs.readdirSync(`/proc/${pid}/fd`).length;
}
