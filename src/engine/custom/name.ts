/**
 * The naming rule for a new custom augmentation: the registry's own rule (lower-case words joined
 * by hyphens, each starting with a letter, so `name-<number>` stays unambiguous), and not a
 * built-in's name.
 */
import { definitionProblems, isBuiltinAugmentation } from '../augment';
import type { AugmentationDefinition } from '../augment/types';

/** Why `name` cannot name a custom augmentation, or undefined when it can. */
export function augmentationNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'a name is required';
  if (isBuiltinAugmentation(name)) return `"${name}" is a built-in augmentation; choose another name`;
  // Ask the registry with a probe that differs from a valid definition only by its name.
  const probe: AugmentationDefinition = { name, category: 'custom', description: 'probe', params: {}, apply: (b) => b };
  const problem = definitionProblems(probe).find((p) => p.startsWith('name '));
  return problem ? `the ${problem}` : undefined;
}
