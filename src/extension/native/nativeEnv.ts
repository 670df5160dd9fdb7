/**
 * Which native TensorFlow the training processes of this window use: the `ssad.nativeBackendPath`
 * setting when set, else the install that `SSAD: Install Native Backend` made in the extension's
 * global storage, else whatever a training process finds by itself (node_modules, the per-user
 * install of `ssad backend install`). No vscode here, so it is unit-tested in plain Node.
 */
import * as path from 'node:path';
import { expandHome, hasActiveNativeInstall, NATIVE_BACKEND_ENV, NATIVE_BACKEND_FROM_ENV } from '../../engine/api';

export const NATIVE_BACKEND_SETTING = 'nativeBackendPath';
/** How the setting is named in run details and messages. */
export const SETTING_SOURCE = 'the ssad.nativeBackendPath setting';
export const INSTALL_SOURCE = 'SSAD: Install Native Backend';

/** The install root of `SSAD: Install Native Backend` inside the extension's global storage. */
export function nativeInstallRoot(globalStoragePath: string): string {
  return path.join(globalStoragePath, 'native-backend');
}

/** Environment variables for the training children (empty: they look for themselves). */
export function nativeBackendEnv(setting: unknown, installRoot: string): Record<string, string> {
  if (typeof setting === 'string' && setting.trim() !== '') {
    return { [NATIVE_BACKEND_ENV]: expandHome(setting), [NATIVE_BACKEND_FROM_ENV]: SETTING_SOURCE };
  }
  if (hasActiveNativeInstall(installRoot)) return { [NATIVE_BACKEND_ENV]: installRoot, [NATIVE_BACKEND_FROM_ENV]: INSTALL_SOURCE };
  return {};
}
