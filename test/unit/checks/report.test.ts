import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CheckMessage, ERROR, Error, Warning, Critical } from '../../../src/checks/messages.js';
import { formatCheckReport } from '../../../src/checks/report.js';

describe('CheckMessage', () => {
  it('renders obj, id, message and hint like Django', () => {
    assert.equal(new CheckMessage(ERROR, 'Message', { hint: 'Hint', obj: 'obj', id: 'ID' }).toString(), 'obj: (ID) Message\n\tHINT: Hint');
    assert.equal(new CheckMessage(ERROR, 'Message', { hint: 'Hint' }).toString(), '?: Message\n\tHINT: Hint');
  });

  it('rejects a non-integer level', () => {
    assert.throws(() => new CheckMessage(Number.NaN, 'x'), /The first argument should be level\./);
  });
});

describe('formatCheckReport', () => {
  it('prints only the footer to stdout when nothing is visible', () => {
    const report = formatCheckReport([], { silenced: [], displayNumErrors: true });
    assert.deepEqual(report, { text: 'System check identified no issues (0 silenced).\n', stream: 'stdout', failed: false });
  });

  it('groups by level, sorts within a group and counts silenced messages', () => {
    const messages = [
      Warning('b warning', { id: 'x.W002' }),
      Warning('a warning', { id: 'x.W001' }),
      Warning('silenced', { id: 'x.W003' }),
    ];
    const report = formatCheckReport(messages, { silenced: ['x.W003'], displayNumErrors: true });
    assert.equal(
      report.text,
      'System check identified some issues:\n\nWARNINGS:\n?: (x.W001) a warning\n?: (x.W002) b warning\n\nSystem check identified 2 issues (1 silenced).\n',
    );
    assert.equal(report.stream, 'stderr');
    assert.equal(report.failed, false);
  });

  it('fails with the SystemCheckError text at the fail level, criticals first', () => {
    const report = formatCheckReport([Error('err', { id: 'e.E001' }), Critical('crit', { id: 'c.C001' })], { silenced: [], displayNumErrors: true });
    assert.equal(report.failed, true);
    assert.equal(
      report.text,
      'SystemCheckError: System check identified some issues:\n\nCRITICALS:\n?: (c.C001) crit\n\nERRORS:\n?: (e.E001) err\n\nSystem check identified 2 issues (0 silenced).\n',
    );
  });

  it('honours --fail-level WARNING', () => {
    assert.equal(formatCheckReport([Warning('w')], { silenced: [], failLevel: 30 }).failed, true);
  });
});
