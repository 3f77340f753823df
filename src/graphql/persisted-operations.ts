/** The persisted-operations file (PERSISTED_OPERATIONS), read once at start-up. */
import { readFileSync } from 'node:fs';

/** `PERSISTED_OPERATIONS`: a JSON object `{ "<sha256 of the document>": "<document>" }`. */
export function loadPersistedOperations(file: string): Map<string, string> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return new Map(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
