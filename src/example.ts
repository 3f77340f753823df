/** The cross-vendor query GraphiQL opens with; its ids exist in the sandbox fixtures. */
import { SEED_APP_VERSION } from './vendors/akana/fixtures.js';
import { googleFixtures } from './vendors/google/fixtures.js';
import { SEED_LISTING, SEED_PACKAGE } from './vendors/oracle/fixtures.js';
import { SEED_ARCHIVE } from './vendors/roma/sandbox.js';

const googleName = googleFixtures()[0]?.name ?? '';

export const EXAMPLE_QUERY = `# One question, all five vendors (Torq, Google, Oracle, Akana, ROMA). Press ▶ to run it
# against the sandbox. Download links in the result are signed URLs: Ctrl+click (Cmd+click on a
# Mac) one to open it and save the file.
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
