/**
 * A run's notes and tags: what a researcher writes about a run, kept in a sidecar file of the run
 * folder (`notes.json`), never in the config or `results.json`, so editing them changes no
 * result and no config hash.
 */
export const RUN_NOTES_FILE = 'notes.json';

export interface RunNotes {
  note: string;
  tags: string[];
}

export const EMPTY_NOTES: RunNotes = { note: '', tags: [] };
export const MAX_NOTE_LENGTH = 10_000;
export const MAX_TAG_LENGTH = 40;

/** Tags from what a person types: comma- or whitespace-separated, trimmed, without duplicates, in order. */
export function parseTags(text: string): string[] {
  const tags: string[] = [];
  for (const raw of text.split(/[,\s]+/)) {
    const tag = raw.trim().replace(/^#/, '');
    if (tag && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/** Why notes cannot be stored (undefined when they can). */
export function notesProblem(notes: RunNotes): string | undefined {
  if (notes.note.length > MAX_NOTE_LENGTH) return `a note holds at most ${MAX_NOTE_LENGTH} characters (this one has ${notes.note.length})`;
  const long = notes.tags.find((t) => t.length > MAX_TAG_LENGTH);
  if (long) return `a tag holds at most ${MAX_TAG_LENGTH} characters: "${long.slice(0, 20)}…"`;
  const bad = notes.tags.find((t) => !/^[\p{L}\p{N}][\p{L}\p{N}._+:/-]*$/u.test(t));
  if (bad !== undefined) return `tag "${bad}" may hold letters, digits and . _ + : / - only, starting with a letter or digit`;
  return undefined;
}

/** Notes read from a parsed file, keeping what is usable of a hand-edited one. */
export function notesFrom(data: unknown): RunNotes {
  const o = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const note = typeof o.note === 'string' ? o.note : '';
  const tags = Array.isArray(o.tags) ? parseTags(o.tags.filter((t): t is string => typeof t === 'string').join(',')) : [];
  return { note, tags };
}
