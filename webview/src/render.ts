import type { PanelCommand, PanelState } from '../../src/shared/protocol';

export type CommandSink = (command: PanelCommand) => void;

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

function commandButton(label: string, command: PanelCommand, send: CommandSink, enabled: boolean, why: string): HTMLElement {
  const button = document.createElement('vscode-button');
  button.textContent = label;
  button.setAttribute('data-command', command);
  if (!enabled) {
    button.setAttribute('disabled', '');
    button.title = why;
  }
  button.addEventListener('click', () => {
    if (enabled) send(command);
  });
  return button;
}

export function renderState(root: HTMLElement, state: PanelState, send: CommandSink): void {
  root.replaceChildren();
  switch (state.kind) {
    case 'empty':
      root.append(
        el(
          'section',
          { class: 'empty-state', 'data-testid': 'empty-state' },
          el('h1', {}, 'No runs yet'),
          el(
            'p',
            {},
            'Run the quickstart to train a detector with each self-supervised augmentation on MNIST and see ' +
              'which ones align with which anomalies.',
          ),
          commandButton(
            'Run Quickstart',
            'ssad.runQuickstart',
            send,
            state.canRun,
            'Running experiments is not available yet in this build, or the workspace is not trusted.',
          ),
        ),
      );
      break;
    case 'message':
      root.append(el('section', { class: 'message' }, el('h1', {}, state.title), el('p', {}, state.detail)));
      break;
  }
}
