/**
 * The queries GraphiQL opens with: `Catalog` lists everything of every vendor, newest first; the
 * live tab follows an export job over SSE; `Browse` starts from nothing (no ids) and follows each
 * vendor's lists to signed download links; `CrossVendor` looks up ids that exist in the sandbox
 * fixtures.
 * Each vendor module gives its part (`example()`, loaded lazily: it reads sandbox fixtures).
 */
import type { AnyVendorModule } from '../vendors/types.js';

export interface ExampleQueries {
  /** GraphiQL's first tab: everything of every vendor, newest first, with download buttons. */
  catalog: string;
  /** A live subscription (GraphQL over SSE) that runs as it is. */
  subscription: string | undefined;
  /** GraphiQL's first tab: one question to every vendor. */
  crossVendor: string;
  /** GraphiQL's second tab: no ids needed; every list follows to a signed download link. */
  browse: string;
}

export async function exampleQueries(modules: readonly AnyVendorModule[]): Promise<ExampleQueries> {
  const parts = await Promise.all(modules.map(async (m) => (m.example ? await m.example() : {})));
  const labels = modules.map((m) => m.name);
  const browse = `# Browse: start from nothing and discover what each vendor has. Page on with after: endCursor.
${parts.flatMap((p) => (p.browseNote ? [`# ${p.browseNote}\n`] : [])).join('')}query Browse {
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
  const catalog = `# Everything in the integration estate, newest first, in one list: all ${numberWord(modules.length)} vendors
# (${labels.join(', ')}) through the CatalogItem interface. Press ▶ to run it against the sandbox.
# Page on with after: endCursor; narrow with vendors:, kinds:, text:, updatedSince:. A vendor that
# fails shows up in errors and the page still fills from the others. Download links are signed URLs.
query Catalog {
  catalog(first: 20) {
    totalCount
    errors { vendor kind code message }
    edges {
      node {
        id
        vendor
        kind
        name
        description
        updatedAt
        download(expiresIn: 600) { url }
        ... on RomaApp { exportInput { appIds } }
        ... on IntegrationVersion { state }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;
  const subscription = parts.map((p) => p.subscription).find((s) => s !== undefined);
  return { catalog, subscription, crossVendor, browse };
}

function numberWord(n: number): string {
  return ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'][n] ?? String(n);
}
