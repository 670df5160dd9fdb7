// The SSAD Lab › Runs view of an empty workspace shows its welcome content: a "Run Quickstart"
// button when the workspace is trusted, the reason and "Manage Workspace Trust" in Restricted Mode.
export const title = 'runs view: empty state with Run Quickstart (trust note in Restricted Mode)';

export default async function check({ page, ui, assert }) {
  await ui.runCommand('SSAD Lab: Focus on Runs View');
  const welcome = page.locator('.welcome-view-content').filter({ hasText: 'No runs yet' }).first();
  await welcome.waitFor({ state: 'visible', timeout: 30_000 });
  const restricted = await page.locator('.statusbar-item').filter({ hasText: 'Restricted Mode' }).count();
  const button = restricted ? 'Manage Workspace Trust' : 'Run Quickstart';
  await welcome.getByRole('button', { name: button }).waitFor({ state: 'visible', timeout: 10_000 });
  const text = await welcome.innerText();
  if (restricted) assert.match(text, /needs a trusted workspace/);
  else assert.doesNotMatch(text, /trusted workspace/);
}
