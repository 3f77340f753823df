/**
 * The queries GraphiQL opens with: `Browse` starts from nothing (no ids) and follows each vendor's
 * lists to signed download links; `CrossVendor` looks up ids that exist in the sandbox fixtures.
 */
import { SEED_APP_VERSION } from './vendors/akana/fixtures.js';
import { googleFixtures } from './vendors/google/fixtures.js';
import { SEED_LISTING, SEED_PACKAGE } from './vendors/oracle/fixtures.js';
import { SEED_ARCHIVE } from './vendors/roma/sandbox.js';

const googleName = googleFixtures()[0]?.name ?? '';

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
