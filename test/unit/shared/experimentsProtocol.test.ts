import { strict as assert } from 'node:assert';
import { EXPERIMENT_ACTIONS, isExperimentsWebviewToHost } from '../../../src/shared/experimentsProtocol';
import { EXPERIMENTS_TEXT_FORMATS } from '../../../src/shared/experiments/tableText';

describe('experiments protocol: messages from the webview', () => {
  const dirs = ['/runs/20261128-232858-shapes-fixture', '/runs/20261129-002729-quickstart'];
  const exportMessage = { type: 'export', runDirs: dirs, columns: ['name', 'auroc:all'], format: 'csv', clipboard: false };

  it('accepts ready', () => {
    assert.equal(isExperimentsWebviewToHost({ type: 'ready' }), true);
  });

  it('accepts every action on one or more run folders', () => {
    assert.deepEqual([...EXPERIMENT_ACTIONS], ['open', 'compare', 'delete', 'editNote', 'editTags', 'reveal']);
    for (const action of EXPERIMENT_ACTIONS) {
      assert.equal(isExperimentsWebviewToHost({ type: 'action', action, runDirs: dirs }), true, action);
      assert.equal(isExperimentsWebviewToHost({ type: 'action', action, runDirs: [dirs[0]] }), true, action);
    }
  });

  it('accepts an export in every format, to a file or the clipboard', () => {
    for (const format of EXPERIMENTS_TEXT_FORMATS) {
      for (const clipboard of [true, false]) assert.equal(isExperimentsWebviewToHost({ ...exportMessage, format, clipboard }), true, `${format} ${clipboard}`);
    }
    // The shown rows may be none (a filter that matches nothing): a table of only the header.
    assert.equal(isExperimentsWebviewToHost({ ...exportMessage, runDirs: [] }), true);
  });

  it('rejects what is not a message object', () => {
    for (const value of [null, undefined, 'ready', 42, true, [], [{ type: 'ready' }], {}]) {
      assert.equal(isExperimentsWebviewToHost(value), false, JSON.stringify(value));
    }
  });

  it('rejects unknown types', () => {
    for (const type of ['rows', 'Ready', 'run', '', undefined]) assert.equal(isExperimentsWebviewToHost({ type }), false, String(type));
  });

  it('rejects unknown actions and actions on no run', () => {
    for (const action of ['run', 'Delete', 'rm', '', undefined, 1]) {
      assert.equal(isExperimentsWebviewToHost({ type: 'action', action, runDirs: dirs }), false, String(action));
    }
    assert.equal(isExperimentsWebviewToHost({ type: 'action', action: 'delete', runDirs: [] }), false);
    assert.equal(isExperimentsWebviewToHost({ type: 'action', action: 'delete' }), false);
  });

  it('rejects run folders that are not non-empty strings, or too many', () => {
    for (const runDirs of [[1], [dirs[0], null], [''], [{}], 'a/b', { 0: 'a/b' }, ['x'.repeat(4096)]]) {
      assert.equal(isExperimentsWebviewToHost({ type: 'action', action: 'open', runDirs }), false, JSON.stringify(runDirs).slice(0, 40));
      assert.equal(isExperimentsWebviewToHost({ ...exportMessage, runDirs }), false, JSON.stringify(runDirs).slice(0, 40));
    }
    const many = Array.from({ length: 10_001 }, (_, i) => `/runs/${i}`);
    assert.equal(isExperimentsWebviewToHost({ type: 'action', action: 'compare', runDirs: many }), false);
    assert.equal(isExperimentsWebviewToHost({ type: 'action', action: 'compare', runDirs: many.slice(1) }), true);
  });

  it('rejects an export with an unknown format, a non-boolean clipboard or bad columns', () => {
    for (const format of ['tsv', 'CSV', 'json', '', undefined]) {
      assert.equal(isExperimentsWebviewToHost({ ...exportMessage, format }), false, String(format));
    }
    for (const clipboard of ['true', 1, 0, null, undefined]) {
      assert.equal(isExperimentsWebviewToHost({ ...exportMessage, clipboard }), false, String(clipboard));
    }
    for (const columns of ['name', [1], ['name', null], ['x'.repeat(200)], Array.from({ length: 201 }, (_, i) => `c${i}`), undefined]) {
      assert.equal(isExperimentsWebviewToHost({ ...exportMessage, columns }), false, JSON.stringify(columns)?.slice(0, 40));
    }
    const { runDirs: _omitted, ...withoutDirs } = exportMessage;
    assert.equal(isExperimentsWebviewToHost(withoutDirs), false);
  });
});
