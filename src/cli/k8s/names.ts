/**
 * Kubernetes object names for `ssad k8s`, derived from the config's name. Every object of one
 * submission shares the job name `<slug>-<yyyymmdd>-<hhmmss>` (UTC), so a second submission of
 * the same config never collides with the first (a Job's spec cannot be changed once applied).
 */

/** RFC 1123 label: what Kubernetes requires of label values, pod host names and Job names in practice. */
import { runStamp } from '../../engine/api';

export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain: what Kubernetes requires of most object names (PersistentVolumeClaims, ConfigMaps). */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const MAX_LABEL_LENGTH = 63;
export const MAX_SUBDOMAIN_LENGTH = 253;

/** The suffixes this generator appends to the job name; the longest one bounds the slug. */
export const NAME_SUFFIXES = { config: '-config', merge: '-merge', files: '-files' } as const;

/**
 * An Indexed Job's pods are named and host-named `<job>-<index>`: with up to 100,000 completions
 * (Kubernetes' cap for Indexed Jobs) the index takes 5 digits, and the host name must stay a label.
 */
const INDEX_ROOM = '-99999'.length;
const STAMP_LENGTH = '-20250101-120000'.length;
const LONGEST_SUFFIX = Math.max(INDEX_ROOM, ...Object.values(NAME_SUFFIXES).map((s) => s.length));
export const MAX_SLUG_LENGTH = MAX_LABEL_LENGTH - STAMP_LENGTH - LONGEST_SUFFIX;

/** What a name made only of characters Kubernetes refuses becomes. */
const FALLBACK_SLUG = 'ssad';

export function isDnsLabel(name: string): boolean {
  return name.length <= MAX_LABEL_LENGTH && DNS_LABEL.test(name);
}

export function isDnsSubdomain(name: string): boolean {
  return name.length <= MAX_SUBDOMAIN_LENGTH && DNS_SUBDOMAIN.test(name);
}

/** The config name as a label fragment: lower case, accents dropped, anything else a dash, at most MAX_SLUG_LENGTH. */
export function nameSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
  return slug === '' ? FALLBACK_SLUG : slug;
}

/** The job name every object of one submission is named after. */
export function jobName(configName: string, now: Date): string {
  return `${nameSlug(configName)}-${runStamp(now)}`;
}
