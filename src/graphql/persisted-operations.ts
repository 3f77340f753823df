/** The persisted-operations file (PERSISTED_OPERATIONS), read once at start-up. */
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';

/** Only the operations the file lists run; any other document is refused before parsing. */
export function usePersistedOperationsFile(file: string): Plugin {
  const persisted = loadPersistedOperations(file);
  return usePersistedOperations({
    getPersistedOperation: (hash) => persisted.get(hash) ?? null,
    allowArbitraryOperations: false,
  });
}

/** `PERSISTED_OPERATIONS`: a JSON object `{ "<sha256 of the document>": "<document>" }`. */
function loadPersistedOperations(file: string): Map<string, string> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return new Map(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
