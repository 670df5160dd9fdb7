import { EXIT } from './exitCodes';
import { readConfigFile } from './configFile';
import { checkModules } from './checkModules';

export function validateCommand(file: string): number {
  const result = readConfigFile(file);
  if (result.report) (result.ok ? process.stdout : process.stderr).write(`${result.report}\n`);
  if (!result.ok) return EXIT.usage;
  const c = result.config;
  const problems = checkModules(c, result.baseDir, process.argv[1]);
  if (problems.length > 0) {
    process.stderr.write(`${file}: invalid — ${problems.length} custom module problem(s):\n${problems.map((p) => `  ${p.message}`).join('\n')}\n`);
    return EXIT.usage;
  }
  process.stdout.write(
    `${file}: valid — ${c.augmentations.length} augmentation(s) × ${c.seeds.length} seed(s), ` +
      `detector ${c.detector.type}, dataset ${c.dataset.source}, testbed ${c.testbed.type}\n`,
  );
  return EXIT.ok;
}
