/** A testbed that cannot be built from this config and data set; the message says why. */
export class TestbedError extends Error {
  override readonly name = 'TestbedError';
}
