import { listAugmentations } from '../engine/cliApi';
import { EXIT } from './exitCodes';

/** The catalogue, as the registry has it: the same source the schema and the UI read. */
export function augmentationsCommand(): number {
  const lines: string[] = [];
  for (const a of listAugmentations()) {
    const params = Object.entries(a.params)
      .map(([name, spec]) => `${name}=${JSON.stringify(spec.default)}${a.shorthand === name ? ' (shorthand)' : ''}`)
      .join(', ');
    lines.push(`${a.name.padEnd(10)} ${a.category.padEnd(11)} ${a.description}`);
    if (params) lines.push(`${''.padEnd(22)}params: ${params}`);
    if (a.shorthand) lines.push(`${''.padEnd(22)}shorthand: "${a.name}-<${a.shorthand}>", e.g. "${a.name}-${shorthandExample(a.params[a.shorthand])}"`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

/** A value worth showing in an example name: the default, unless it is an "unset" zero. */
function shorthandExample(spec: { default: unknown; min?: number; max?: number }): string {
  if (typeof spec.default === 'number' && spec.default !== 0) return String(spec.default);
  const lo = spec.min ?? 0;
  const hi = spec.max ?? 1;
  return String(Number((lo + (hi - lo) * 0.2).toPrecision(2)));
}
