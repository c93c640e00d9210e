/**
 * Which command lines spawn runserver's first app child before the CLI loads: only those that
 * certainly reach the supervisor. A wrong "yes" would start a child nobody adopts; a "no" only
 * costs the early start.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { supervisingRunserver, type LaunchFacts } from '../../../src/commands/runserver/prespawn.js';

const facts = (extra: Partial<LaunchFacts> = {}): LaunchFacts => ({ env: {}, execArgv: [], hasChannel: false, inspectorOpen: false, ...extra });
const decide = (line: string, extra: Partial<LaunchFacts> = {}) => supervisingRunserver(line === '' ? [] : line.split(' '), facts(extra));

describe('prespawn: is this a runserver that supervises', () => {
  it('says yes to runserver with the reloader on, whatever addrport and known options', () => {
    for (const line of [
      'runserver',
      'runserver 8000',
      'runserver 0:8000',
      'runserver -v 2 0:8000',
      'runserver -v2',
      'runserver --verbosity=3 127.0.0.1:9000',
      'runserver --settings blog.settings',
      'runserver --settings=blog.settings --pythonpath ../site 8000',
      'runserver -6 [::1]:8000',
      'runserver --ipv6 --nothreading --nostatic --insecure --skip-checks --poll --traceback',
      'runserver --no-color 8000',
      'runserver --force-color',
      // The value of an option is never mistaken for one (commander takes the next argument).
      'runserver --settings --noreload',
    ]) {
      assert.deepEqual(decide(line), { shortcuts: true }, line);
    }
  });

  it('turns shortcuts off with --no-shortcuts, as the supervisor does (the child then keeps stdin)', () => {
    assert.deepEqual(decide('runserver --no-shortcuts 8000'), { shortcuts: false });
    assert.deepEqual(decide('runserver --pythonpath --no-shortcuts'), { shortcuts: true });
  });

  it('says no to other commands, and to runserver that is not the command (the first argument is)', () => {
    for (const line of ['', 'check', 'help runserver', 'help', '--help', '--version', '--settings x runserver', '-v 2 runserver 0:8000', 'shell -c runserver']) {
      assert.equal(decide(line), undefined, line);
    }
  });

  it('says no without the reloader, for help, and whenever the options are not certain', () => {
    for (const line of [
      'runserver --noreload',
      'runserver 8000 --noreload',
      'runserver -h',
      'runserver --help',
      'runserver 8000 --help',
      'runserver -6h',
      'runserver -- 8000',
      'runserver --bogus',
      'runserver --noreload=1',
      'runserver --poll=1',
      'runserver -v=2',
      'runserver -v9',
      'runserver 8000 9000',
    ]) {
      assert.equal(decide(line), undefined, line);
    }
  });

  it('says no in a reloader child and whenever the inspector is involved', () => {
    assert.equal(decide('runserver', { env: { MANAGE_RUN_MAIN: 'true' }, hasChannel: true }), undefined);
    // MANAGE_RUN_MAIN alone (no IPC channel) is a supervisor, as runserver decides it.
    assert.deepEqual(decide('runserver', { env: { MANAGE_RUN_MAIN: 'true' } }), { shortcuts: true });
    assert.deepEqual(decide('runserver', { hasChannel: true }), { shortcuts: true });
    for (const execArgv of [['--inspect'], ['--inspect=127.0.0.1:0'], ['--inspect-brk'], ['--inspect-wait=9230'], ['--inspect-port', '9230'], ['--import', 'tsx', '--inspect']]) {
      assert.equal(decide('runserver', { execArgv }), undefined, execArgv.join(' '));
    }
    for (const NODE_OPTIONS of ['--inspect', '--max-old-space-size=512 --inspect-brk=0', ' --inspect-port=9230 ']) {
      assert.equal(decide('runserver', { env: { NODE_OPTIONS } }), undefined, NODE_OPTIONS);
    }
    assert.equal(decide('runserver', { inspectorOpen: true }), undefined);
    assert.deepEqual(decide('runserver', { execArgv: ['--import', 'tsx'], env: { NODE_OPTIONS: '--max-old-space-size=512' } }), { shortcuts: true });
  });
});
