/** Colours of the current VS Code theme, read from the CSS variables VS Code sets on the webview. */
export interface ThemeColours {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  border: string;
  highContrast: boolean;
  fontFamily: string;
}

export function themeColours(): ThemeColours {
  const style = getComputedStyle(document.body);
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const highContrast = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  const foreground = v('--vscode-foreground', '#cccccc');
  return {
    foreground,
    muted: v('--vscode-descriptionForeground', foreground),
    grid: highContrast ? v('--vscode-contrastBorder', foreground) : v('--vscode-editorWidget-border', v('--vscode-widget-border', 'rgba(128,128,128,0.35)')),
    background: v('--vscode-editor-background', '#1e1e1e'),
    border: v('--vscode-contrastBorder', v('--vscode-focusBorder', foreground)),
    highContrast,
    fontFamily: v('--vscode-font-family', 'sans-serif'),
  };
}
