/**
 * The queries GraphiQL opens with: `Browse` starts from nothing (no ids) and follows each vendor's
 * lists to signed download links; `CrossVendor` looks up ids that exist in the sandbox fixtures.
 * Each vendor module gives its part (`example()`, loaded lazily: it reads sandbox fixtures).
 */
import type { AnyVendorModule } from './vendors/types.js';

export interface ExampleQueries {
  /** GraphiQL's first tab: one question to every vendor. */
  crossVendor: string;
  /** GraphiQL's second tab: no ids needed; every list follows to a signed download link. */
  browse: string;
}

export async function exampleQueries(modules: readonly AnyVendorModule[]): Promise<ExampleQueries> {
  const parts = await Promise.all(modules.map(async (m) => (m.example ? await m.example() : {})));
  const labels = parts.map((p, i) => p.name ?? modules[i]?.label);
  const browse = `# Browse: start from nothing and discover what each vendor has. Page on with after: endCursor.
# ROMA's files come from an export job: pass a listed app's exportInput to exportAssets.
query Browse {
${parts.map((p) => p.browse ?? '').join('')}}
`;
  const crossVendor = `# One question, all ${numberWord(modules.length)} vendors (${labels.join(', ')}). Press ▶ to run it
# against the sandbox. Download links in the result are signed URLs: Ctrl+click (Cmd+click on a
# Mac) one to open it and save the file. The Browse tab starts from nothing (no ids) and lists
# what each vendor has.
query CrossVendor {
  vendors {
    vendor
    mode
  }
${parts.map((p) => p.crossVendor ?? '').join('')}}
`;
  return { crossVendor, browse };
}

function numberWord(n: number): string {
  return ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'][n] ?? String(n);
}
