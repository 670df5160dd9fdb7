// From the command palette, "SSAD: Open Results" opens the results panel: its empty state is
// really rendered inside the webview's frame, with the theme's colours and a strict CSP.
export const title = 'the command palette opens the results panel: empty state rendered, themed, strict CSP';

export default async function check({ ui, assert }) {
  await ui.runCommand('SSAD: Open Results');
  const frame = ui.webviewFrame();
  await frame.getByText('No runs yet').first().waitFor({ state: 'visible', timeout: 30_000 });
  await frame.locator('vscode-button[data-command="ssad.runQuickstart"]').waitFor({ state: 'attached', timeout: 10_000 });

  const csp = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.ok(csp, 'the panel has a Content-Security-Policy meta tag');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-[A-Za-z0-9_-]{16,}'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);

  // The heading is drawn in the theme's foreground colour, not a hard-coded one.
  const colours = await frame.locator('h1').first().evaluate((h1) => ({
    text: getComputedStyle(h1).color,
    themed: getComputedStyle(document.documentElement).getPropertyValue('--vscode-foreground').trim(),
  }));
  assert.ok(colours.themed, 'VS Code theme variables reach the webview');
  const probe = await frame.locator('body').evaluate((body, colour) => {
    const el = document.createElement('span');
    el.style.color = colour;
    body.append(el);
    const rgb = getComputedStyle(el).color;
    el.remove();
    return rgb;
  }, colours.themed);
  assert.equal(colours.text, probe, 'the heading uses --vscode-foreground');
}
