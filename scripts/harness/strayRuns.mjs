// Runs started from the workbench train in detached processes that outlive the window on purpose,
// so a session's end does not stop them: this finds every run folder under the session's state
// (its owner.json names the process) and stops the run processes still there, with their children.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SKIP = new Set(['node_modules', 'chromium', 'chromium-xdg', 'extensions', 'CachedData', 'logs']);

function ownerFiles(dir, depth, out) {
  if (depth < 0) return out;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (entry.isDirectory() && !SKIP.has(entry.name)) ownerFiles(join(dir, entry.name), depth - 1, out);
    else if (entry.name === 'owner.json') out.push(join(dir, entry.name));
  }
  return out;
}

/** Stops the run hosts whose run folders lie under `stateDir`; returns how many it stopped. */
export function stopStrayRuns(stateDir) {
  let stopped = 0;
  for (const file of ownerFiles(stateDir, 8, [])) {
    let pid;
    try {
      pid = JSON.parse(readFileSync(file, 'utf8')).pid;
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('runHost')) continue;
    } catch {
      continue;
    }
    try {
      // The host leads its own process group, which its training children share.
      process.kill(-pid, 'SIGKILL');
      stopped++;
    } catch {
      // Gone meanwhile.
    }
  }
  return stopped;
}
