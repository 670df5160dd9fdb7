import { EXIT } from './exitCodes';
import { readConfigFile } from './configFile';

export function validateCommand(file: string): number {
  const result = readConfigFile(file);
  if (result.report) (result.ok ? process.stdout : process.stderr).write(`${result.report}\n`);
  if (!result.ok) return EXIT.usage;
  const c = result.config;
  process.stdout.write(
    `${file}: valid — ${c.augmentations.length} augmentation(s) × ${c.seeds.length} seed(s), ` +
      `detector ${c.detector.type}, dataset ${c.dataset.source}, testbed ${c.testbed.type}\n`,
  );
  return EXIT.ok;
}
