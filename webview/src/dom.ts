/** Small DOM builder: text goes in as text nodes, never as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** A VS Code button (the webview toolkit's element); disabled ones say why in their tooltip. */
export function button(label: string, onClick: () => void, attrs: Record<string, string> = {}, enabled = true, why = ''): HTMLElement {
  const b = document.createElement('vscode-button');
  b.textContent = label;
  for (const [k, v] of Object.entries(attrs)) b.setAttribute(k, v);
  if (!enabled) {
    b.setAttribute('disabled', '');
    b.title = why;
  }
  b.addEventListener('click', () => {
    if (enabled) onClick();
  });
  return b;
}
