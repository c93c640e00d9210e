import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CommandError, ERROR_CODES, SystemCheckError, UserCodeError } from '../../../src/errors.js';
import { describeBootError, describeCrash, formatBootFailure, renderBootFailurePage } from '../../../src/reloader/boot-error.js';

describe('describeBootError', () => {
  it('shows a user code error with its location and frame, once', () => {
    const error = new UserCodeError('SyntaxError: Expected ";" but found "x"', {
      code: ERROR_CODES.MODULE_LOAD,
      location: '/p/blog/views.ts:3:7',
      frame: '> 3 | const a b\n    |       ^',
      original: undefined,
    });
    const failure = describeBootError(error);
    assert.equal(formatBootFailure(failure), '/p/blog/views.ts:3:7\nSyntaxError: Expected ";" but found "x"\n\n> 3 | const a b\n    |       ^\n');
    assert.equal(failure.title, 'Error loading /p/blog/views.ts:3:7');
  });

  it('does not repeat a frame the message already contains (settings errors)', () => {
    const frame = '> 1 | x';
    const error = new UserCodeError(`Settings module 'p.settings' could not be loaded (/p/settings.ts:1:1):\nboom\n\n${frame}`, {
      code: ERROR_CODES.SETTINGS_LOAD,
      location: '/p/settings.ts:1:1',
      frame,
      original: undefined,
    });
    const text = formatBootFailure(describeBootError(error));
    assert.equal(text.split(frame).length, 2);
    assert.equal(text.split('/p/settings.ts:1:1').length, 2);
  });

  it('prints command errors with their prefix and check reports as they are', () => {
    assert.equal(describeBootError(new CommandError('You must set settings.ALLOWED_HOSTS if DEBUG is False.')).message, 'CommandError: You must set settings.ALLOWED_HOSTS if DEBUG is False.');
    assert.equal(describeBootError(new SystemCheckError('SystemCheckError: System check identified some issues:')).message, 'SystemCheckError: System check identified some issues:');
    assert.match(describeBootError(new TypeError('x is not a function')).message, /^TypeError: x is not a function\n\s+at /);
    assert.equal(describeBootError('text').message, 'Non-error thrown: text');
  });

  it('describes a crash by exit code or signal', () => {
    assert.match(describeCrash({ code: 1, signal: null }).message, /exited with code 1/);
    assert.match(describeCrash({ code: null, signal: 'SIGSEGV' }).message, /was killed by SIGSEGV/);
  });
});

describe('renderBootFailurePage', () => {
  const failure = { title: 'Error <x>', message: 'a < b & "c"', location: '/p/v.ts:1:1', frame: '> 1 | <script>' };

  it('escapes everything and carries the live-reload snippet in DEBUG', () => {
    const html = renderBootFailurePage(failure, { debug: true, snippet: '<script src="/lr.js"></script>' });
    assert.match(html, /<title>Error &#60;x&#62;<\/title>/);
    assert.match(html, /a &#60; b &#38; &#34;c&#34;/);
    assert.match(html, /&#62; 1 \| &#60;script&#62;/);
    assert.match(html, /<script src="\/lr.js"><\/script>\n<\/body>/);
  });

  it('is Django\'s minimal page without DEBUG', () => {
    const html = renderBootFailurePage(failure, { debug: false, snippet: '' });
    assert.match(html, /<h1>Server Error \(500\)<\/h1>/);
    assert.doesNotMatch(html, /v\.ts/);
  });
});
