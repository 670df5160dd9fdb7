/** The path as shown in messages: relative to the config's folder, forward slashes, no leading `./`. */
export function displayPath(written: string): string {
  return written.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}
