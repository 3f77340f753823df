/**
 * The queries GraphiQL opens with: `Browse` starts from nothing (no ids) and follows each vendor's
 * lists to signed download links; `CrossVendor` looks up ids that exist in the sandbox fixtures.
 */

// Ids of the sandbox's seed objects, written out (as in the README's query) rather than imported:
// the emulators and their fixtures stay out of production code (ARCHITECTURE.md).
// test/production.test.ts runs CrossVendor against the sandbox and fails if one stops resolving.
const googleName =
  'projects/acme-prod/locations/us-central1/integrations/order-sync/versions/bc383e79-96ed-0a84-7ceb-9cae7b4145ef';
const SEED_LISTING = '2133526';
const SEED_PACKAGE = '3084832';
const SEED_APP_VERSION = '6CYql2jSyfK9vaGZrvNkb7Am.acmepaymentscorp';
const SEED_ARCHIVE = 'arc-5eed0a1b2c3d4e5f';

/** GraphiQL's second tab: no ids needed; every list follows to a signed download link. */
export const BROWSE_QUERY = `# Browse: start from nothing and discover what each vendor has. Page on with after: endCursor.
# ROMA's files come from an export job: pass a listed app's exportInput to exportAssets.
query Browse {
  integrations(first: 3, search: "") {
    totalCount
    typeIds { typeId count }
    edges { node { name typeId } }
  }
  googleIntegrations(first: 2) {
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        integration
        active
        versions(first: 2) { edges { node { version state updateTime download { url } } } }
      }
    }
  }
  oracleApplications(first: 2, status: ["PUBLISHED"]) {
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        listingVersionId
        name
        packages(first: 2) { edges { node { packageVersionId name version } } }
      }
    }
  }
  akanaApps(first: 2) {
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        appId
        name
        versions(first: 2) { edges { node { appVersionId name export { download { url } } } } }
      }
    }
  }
  romaApps(first: 3) { totalCount edges { node { appId name exportInput { appIds } } } }
  romaTasks(first: 3) { totalCount edges { node { taskId taskName exportInput { taskIds } } } }
}
`;

export const EXAMPLE_QUERY = `# One question, all five vendors (Torq, Google, Oracle, Akana, ROMA). Press ▶ to run it
# against the sandbox. Download links in the result are signed URLs: Ctrl+click (Cmd+click on a
# Mac) one to open it and save the file. The Browse tab starts from nothing (no ids) and lists
# what each vendor has.
query CrossVendor {
  vendors {
    vendor
    mode
  }
  integrations(first: 3) {
    edges {
      node {
        name
        displayName
        typeId
        webhookUrl
        sharing { direction }
      }
    }
  }
  integrationVersion(
    name: "${googleName}"
  ) {
    integration
    version
    state
    description
    triggers { label triggerType }
    download { url }
  }
  packageVersion(listingVersionId: "${SEED_LISTING}", packageVersionId: "${SEED_PACKAGE}") {
    name
    status
    actions {
      tag
      requestProperties { name value masked }
    }
  }
  appVersionExport(
    appVersionId: "${SEED_APP_VERSION}"
    options: { includeApiConnections: true }
  ) {
    fileName
    entries { path size }
    download(expiresIn: 300) { url expiresAt }
  }
  assetArchive(archiveId: "${SEED_ARCHIVE}") {
    fileName
    size
    sha256
    apps
    tasks { taskId }
    download(expiresIn: 600) { url }
  }
}
`;
