// Types of scripts/vsixReadme.mjs for the TypeScript tests.
export interface Picture {
  light: string;
  dark: string;
  alt: string;
  start: number;
  end: number;
}
export function pictures(markdown: string): Picture[];
export function relativeLinks(markdown: string): string[];
export function vsixReadme(markdown: string, readImage: (path: string) => Buffer, options?: { theme?: 'light' | 'dark' }): string;
