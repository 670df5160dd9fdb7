/**
 * The version `ssad --version` prints: the package's own, taken from package.json when the CLI
 * is bundled (esbuild inlines only this field), so that an installed CLI never has to find its
 * manifest on disk to say what it is.
 */
import { version } from '../../package.json';

export const SSAD_VERSION: string = version;
