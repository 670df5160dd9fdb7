/** Why a run command refuses in Restricted Mode (the manifest disables them too; this is the second lock). */
export const RESTRICTED_MODE_MESSAGE =
  'SSAD Lab does not run experiments in Restricted Mode: training runs code from this workspace (custom augmentations). Trust the workspace to run.';

/** The refusal message when the workspace is not trusted; undefined when running is allowed. */
export function refuseUntrusted(isTrusted: boolean): string | undefined {
  return isTrusted ? undefined : RESTRICTED_MODE_MESSAGE;
}
