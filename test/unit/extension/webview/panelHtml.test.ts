import { strict as assert } from 'node:assert';
import { contentSecurityPolicy, renderPanelHtml } from '../../../../src/extension/webview/panelHtml';

describe('results panel HTML', () => {
  const input = {
    cspSource: 'https://example.vscode-cdn.net',
    nonce: 'abc123',
    scriptUri: 'https://example.vscode-cdn.net/dist/webview.js',
    styleUri: 'https://example.vscode-cdn.net/media/webview.css',
    title: 'SSAD <Results>',
  };

  it('has a strict CSP: nothing by default, scripts only by nonce, no unsafe-*', () => {
    const csp = contentSecurityPolicy(input.cspSource, input.nonce);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'/);
    assert.match(csp, /style-src https:\/\/example\.vscode-cdn\.net/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  });

  it('loads the one script with the nonce and has no inline script or style', () => {
    const html = renderPanelHtml(input);
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], /nonce="abc123"/);
    assert.match(scripts[0], /src="https:\/\/example\.vscode-cdn\.net\/dist\/webview\.js"/);
    assert.doesNotMatch(html, /<style|style="/);
    assert.match(html, /<title>SSAD &lt;Results><\/title>/);
  });
});
