import { strict as assert } from 'node:assert';
import { partOfGrid, scaleText } from '../../../../src/extension/results/runView';
import { renderReportHtml } from '../../../../src/extension/results/reportHtml';
import { fixtureResults } from '../../../helpers/resultsFixtures';

describe('the results header line: the scale, and whether the run is a shard or a merge of shards', () => {
  it('says nothing about shards for a run of the whole grid', () => {
    const results = fixtureResults();
    assert.equal(partOfGrid(results), undefined);
    assert.match(scaleText(results), /· 2 tasks per cell · backend /);
    assert.doesNotMatch(scaleText(results), /shard/);
  });

  it('says which shard a shard run is and how many cells it holds', () => {
    const results = { ...fixtureResults(), shard: { index: 1, count: 3, configHash: 'a'.repeat(64), cells: ['c1', 'c2'] } };
    assert.equal(partOfGrid(results), 'shard 1 of 3 (2 cells of the grid; merge the shards for the whole grid)');
    assert.match(scaleText(results), /2 tasks per cell · shard 1 of 3 \(2 cells/);
  });

  it('says a merged run was merged from n shards, in the panel and in the HTML report', () => {
    const results = { ...fixtureResults(), mergedFrom: [0, 1, 2].map((index) => ({ runId: `r-shard-${index}-of-3`, index })) };
    assert.equal(partOfGrid(results), 'merged from 3 shards');
    assert.match(scaleText(results), /2 tasks per cell · merged from 3 shards/);
    assert.match(renderReportHtml(results, {}), /merged from 3 shards/);
  });
});
