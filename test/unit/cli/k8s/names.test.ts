import { strict as assert } from 'node:assert';
import { isDnsLabel, isDnsSubdomain, jobName, MAX_SLUG_LENGTH, nameSlug, NAME_SUFFIXES } from '../../../../src/cli/k8s/names';
import { runStamp } from '../../../../src/engine/run/runStamp';

const NOW = new Date('2025-03-04T05:06:07.890Z');

describe('k8s names', () => {
  it('derives a lower-case RFC 1123 slug from the config name', () => {
    assert.equal(nameSlug('quickstart'), 'quickstart');
    assert.equal(nameSlug('CLI test'), 'cli-test');
    assert.equal(nameSlug('  MVTec bottle: Cut&Paste v2!  '), 'mvtec-bottle-cut-paste-v2');
    assert.equal(nameSlug('Études à Zürich'), 'etudes-a-zurich');
    assert.equal(nameSlug('2024_study'), '2024-study');
    assert.equal(nameSlug('ねこ'), 'ssad');
    assert.equal(nameSlug('---'), 'ssad');
  });

  it('bounds the slug so that the job name with any suffix, or a pod index up to 99999, stays within 63 characters', () => {
    assert.equal(MAX_SLUG_LENGTH, 40);
    const long = nameSlug(`${'a'.repeat(39)}-${'b'.repeat(30)}`);
    assert.equal(long, 'a'.repeat(39), 'no dash is left at the end after cutting');
    const job = jobName('x'.repeat(200), NOW);
    assert.equal(job.length, 56);
    for (const suffix of [...Object.values(NAME_SUFFIXES), '-99999']) assert.ok(isDnsLabel(`${job}${suffix}`), `${job}${suffix}`);
  });

  it('stamps the name in UTC, as run ids are', () => {
    assert.equal(runStamp(NOW), '20250304-050607');
    assert.equal(jobName('Quickstart', NOW), 'quickstart-20250304-050607');
  });

  it('tells RFC 1123 labels and subdomains from other names', () => {
    for (const good of ['a', 'ssad-runs', '0abc', 'a'.repeat(63)]) assert.ok(isDnsLabel(good), good);
    for (const bad of ['', 'A', '-a', 'a-', 'a_b', 'a.b', 'a'.repeat(64), 'ねこ']) assert.ok(!isDnsLabel(bad), bad);
    for (const good of ['ssad-runs', 'runs.team-a', 'a'.repeat(253)]) assert.ok(isDnsSubdomain(good), good);
    for (const bad of ['Runs', 'a..b', '.a', 'a.', 'a/b', 'a'.repeat(254)]) assert.ok(!isDnsSubdomain(bad), bad);
  });
});
