// The label-free selection and the pre-training diagnostic, checked inside the webview frame:
// the run's selection table shows every criterion with results.json's pick and τ (on the whole
// test set and, through the select, on normal + one anomaly type); SSAD: Diagnose Alignment on a
// config shows the table of ratios that `ssad diagnose --json` computes for it (trusted only).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installRun, openRun, workspaceOf } from './results.ui.mjs';

export const title = 'label-free selection table from results.json; a run note survives a reload; compare lists the config fields that differ; Diagnose Alignment shows the ratios ssad diagnose computes';

const FIXTURE_ID = '20261129-150033-selection-fixture';
const FIXTURE = fileURLToPath(new URL(`../workspace/fixtures/runs/${FIXTURE_ID}`, import.meta.url));
const OTHER_ID = '20261128-232858-shapes-fixture';
const OTHER = fileURLToPath(new URL(`../workspace/fixtures/runs/${OTHER_ID}`, import.meta.url));
const CLI = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));

const fixed = (x, digits) => (x === null ? '—' : x.toFixed(digits).replace(/^-/, '−'));

async function checkSelectionTable(ui, assert) {
  const results = JSON.parse(readFileSync(join(FIXTURE, 'results.json'), 'utf8'));
  const remove = installRun(ui.page, FIXTURE, FIXTURE_ID);
  try {
    await ui.page.waitForTimeout(1_000);
    await openRun(ui, 'selection-fixture');
    const frame = ui.webviewFrame();
    const table = frame.locator('[data-testid="selection-table"]');
    await table.waitFor({ state: 'attached', timeout: 30_000 });
    const check = async (testSet) => {
      for (const c of results.selection.criteria) {
        const row = table.locator(`tr[data-criterion="${c.name}"]`);
        assert.equal(await row.count(), 1, `a row for ${c.name}`);
        const a = c.agreement[testSet];
        assert.equal(await row.getAttribute('data-pick'), c.picks[testSet] ?? '—', `${c.name} pick on ${testSet}`);
        assert.equal(await row.getAttribute('data-tau'), fixed(a.tau.mean, 2), `${c.name} τ on ${testSet}`);
        assert.equal(await row.getAttribute('data-regret'), fixed(a.regret.mean, 3), `${c.name} regret on ${testSet}`);
        assert.equal(await row.getAttribute('data-random-regret'), fixed(a.randomRegret.mean, 3));
      }
    };
    await check('all');
    const headline = await frame.locator('[data-testid="selection-headline"]').textContent();
    const dsv = results.selection.criteria.find((c) => c.name === 'dsv');
    assert.match(headline ?? '', new RegExp(`DSV .*pick ${dsv.picks.all}`));
    const type = results.anomalyTypes[0];
    await frame.locator('[data-testid="selection-test-set"]').selectOption(type);
    await check(type);
    await frame.locator('[data-testid="selection"]').scrollIntoViewIfNeeded();
    await ui.screenshot('selection-table');

    // A note written through the palette shows in the header and survives a window reload.
    await ui.runCommand('SSAD: Edit Run Note');
    const pickRow = ui.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'selection-fixture' }).first();
    if (await pickRow.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false)) await pickRow.click();
    await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Edit Run Note' }).waitFor({ state: 'visible', timeout: 10_000 });
    await ui.page.locator('.quick-input-widget input.input').fill('baseline for the paper');
    await ui.page.keyboard.press('Enter');
    const note = () => ui.webviewFrame().locator('[data-testid="run-note"]', { hasText: 'baseline for the paper' });
    await note().waitFor({ state: 'attached', timeout: 15_000 });
    await ui.runCommand('Developer: Reload Window');
    await ui.waitForWorkbench();
    await note().waitFor({ state: 'attached', timeout: 30_000 });

    // Compare with the shapes fixture: the config fields that differ are listed.
    const removeOther = installRun(ui.page, OTHER, OTHER_ID);
    try {
      await ui.page.waitForTimeout(1_000);
      await ui.runCommand('SSAD: Compare Runs');
      await ui.pickMany(['shapes-fixture', 'selection-fixture']);
      const diff = ui.webviewFrame().locator('[data-testid="config-diff-table"]');
      await diff.waitFor({ state: 'attached', timeout: 30_000 });
      const other = JSON.parse(readFileSync(join(OTHER, 'results.json'), 'utf8'));
      for (const path of ['name', 'dataset.normalClasses', 'augmentations']) {
        const tr = diff.locator(`tr[data-path="${path}"]`);
        assert.equal(await tr.count(), 1, `${path} differs`);
        const key = path.split('.');
        const value = key.reduce((o, k) => o[k], other.config);
        assert.equal((await tr.locator('td').first().textContent()) ?? '', JSON.stringify(value));
      }
      assert.equal(await diff.locator('tr[data-path="detector.type"]').count(), 0, 'equal fields are not listed');
    } finally {
      removeOther();
    }
  } finally {
    remove();
  }
}

async function checkDiagnosis(ui, assert) {
  const dir = join(workspaceOf(ui.page), 'diagnose-ui');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'diagnose-ui.ssad.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'diagnose-ui',
      dataset: { source: 'shapes', normalClasses: [0], imageSize: 16, maxTrain: 64, maxTest: 24 },
      testbed: { type: 'synthetic', anomalies: ['flip', 'invert'] },
      detector: { type: 'dae', width: 4, depth: 2, codeSize: 8 },
      augmentations: ['none', 'flip', 'invert'],
      training: { epochs: 1, batchSize: 32, learningRate: 0.003, schedule: 'constant' },
      seeds: [0],
      runtime: { backend: 'wasm' },
    }),
  );
  try {
    const out = spawnSync(process.execPath, [CLI, 'diagnose', file, '--json'], { encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    const expected = JSON.parse(out.stdout);
    await ui.runCommand('SSAD: Diagnose Alignment');
    const row = ui.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'diagnose-ui.ssad.json' }).first();
    if (await row.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) {
      await ui.page.locator('.quick-input-widget input.input').fill('diagnose-ui');
      await row.waitFor({ state: 'visible', timeout: 5_000 });
      await ui.page.keyboard.press('Enter');
    }
    const frame = ui.webviewFrame();
    const table = frame.locator('[data-testid="diagnosis-table"]');
    await table.waitFor({ state: 'attached', timeout: 60_000 });
    for (const r of expected.rows) {
      const tr = table.locator(`tr[data-augmentation="${r.augmentation}"]`);
      assert.equal(await tr.getAttribute('data-rank'), String(r.rank));
      const cells = tr.locator('td');
      assert.equal(await cells.count(), 1 + expected.anomalyTypes.length);
      assert.equal(Number(await cells.nth(0).getAttribute('data-value')), r.ratio.mean, `${r.augmentation} label-free ratio`);
      for (const [k, t] of expected.anomalyTypes.entries()) {
        assert.equal(Number(await cells.nth(k + 1).getAttribute('data-value')), r.perType[t].mean, `${r.augmentation} on ${t}`);
      }
    }
    const pick = await frame.locator('[data-testid="diagnosis-pick"]').textContent();
    assert.match(pick ?? '', new RegExp(`label-free pick: ${expected.pick.augmentation}`));
    await ui.screenshot('diagnosis');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function check({ ui, assert }) {
  await checkSelectionTable(ui, assert);
  const restricted = await ui.page.locator('.statusbar-item').filter({ hasText: 'Restricted Mode' }).count();
  // In Restricted Mode the command is disabled: it loads the config's custom modules.
  if (!restricted) await checkDiagnosis(ui, assert);
}
