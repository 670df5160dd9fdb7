/** Root hooks of the fault suite: the figures are printed once every case has run. */
import { report } from './tally';

export const mochaHooks = {
  afterAll(): void {
    process.stdout.write(report());
  },
};
