/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Where a ROMA export job stands (`status`): `RUNNING|SUCCEEDED|FAILED` in the current reference, `Running|Success|Failed|Finished` in older editions (both read). */
export type AssetJobStatus =
  /** Failed: see `reasons`. */
  | 'FAILED'
  /** `Finished` (older ROMA editions): the package was already downloaded and ROMA no longer returns its `archive_id`. */
  | 'FINISHED'
  /** Still exporting. */
  | 'RUNNING'
  /** Done: `archive` is ready. */
  | 'SUCCEEDED'
  /** ROMA reported a status this gateway does not know. */
  | 'UNKNOWN';

/** The listable kinds of the five vendors, as the catalog names them. */
export type CatalogKind =
  /** An Akana app (`AkanaApp`). */
  | 'AKANA_APP'
  /** A Google Application Integration integration (`GoogleIntegration`). */
  | 'GOOGLE_INTEGRATION'
  /** A version of a Google integration (`IntegrationVersion`), with a download. */
  | 'GOOGLE_INTEGRATION_VERSION'
  /** An Oracle Cloud Marketplace application (`OracleApplication`). */
  | 'ORACLE_APPLICATION'
  /** A ROMA Connect integration application (`RomaApp`). */
  | 'ROMA_APP'
  /** A ROMA Connect data integration task (`RomaTask`). */
  | 'ROMA_TASK'
  /** A Torq integration (`Integration`). */
  | 'TORQ_INTEGRATION';

/** How the catalog is ordered. */
export type CatalogOrder =
  /** By `name`, case-insensitive; items without one last. */
  | 'NAME_ASC'
  /** Newest `updatedAt` first; items without one last. */
  | 'UPDATED_AT_DESC';

/** What to export from ROMA Connect (`POST …/assets/export`). */
export type ExportAssetsInput = {
  /** Application ids to export (sent as `apps: [{id}]`; at most 100 apps and tasks together). */
  appIds?: Array<string> | null | undefined;
  /** ROMA instance id (default ROMA_INSTANCE_ID). */
  instanceId?: string | null | undefined;
  /** ROMA project id (default ROMA_PROJECT_ID). */
  projectId?: string | null | undefined;
  /** Task ids to export (sent as `tasks: [{id}]`; at most 100 apps and tasks together). */
  taskIds?: Array<string> | null | undefined;
};

/** Where an integration version stands (`integrationVersion.state`). */
export type IntegrationVersionState =
  /** Published: the version that runs. */
  | 'ACTIVE'
  /** Unpublished and kept. */
  | 'ARCHIVED'
  /** Being edited. */
  | 'DRAFT'
  /** Google did not say. */
  | 'INTEGRATION_STATE_UNSPECIFIED'
  /** A snapshot of a published version. */
  | 'SNAPSHOT'
  /** A value this gateway does not know: see the vendor’s text. */
  | 'UNKNOWN';

/** Where an Oracle Marketplace application (listing version) stands (`status`). */
export type OracleApplicationStatus =
  /** Approved, not yet published. */
  | 'APPROVED'
  /** Created, not yet submitted. */
  | 'NEW'
  /** A value this gateway does not know: see the vendor’s text. */
  | 'OTHER'
  /** Submitted for Oracle’s approval. */
  | 'PENDING_APPROVAL'
  /** Listed on the Marketplace. */
  | 'PUBLISHED'
  /** Oracle refused it. */
  | 'REJECTED'
  /** Taken off the Marketplace. */
  | 'WITHDRAWN';

/** Where an Oracle package version stands (`status`, or `status.code`). */
export type PackageVersionStatus =
  /** Created, not yet validated. */
  | 'NEW'
  /** A value this gateway does not know: see the vendor’s text. */
  | 'OTHER'
  /** Published on the Marketplace. */
  | 'PUBLISHED'
  /** Validation failed. */
  | 'VALIDATION_FAILED'
  /** Oracle is validating the package. */
  | 'VALIDATION_IN_PROGRESS'
  /** Validated: ready to publish. */
  | 'VALIDATION_SUCCEEDED';

/** How a ROMA FDI task’s last run went (`execute_status`). */
export type RomaTaskExecuteStatus =
  /** The last run was cancelled. */
  | 'CANCELLED'
  /** The last run failed. */
  | 'ERROR'
  /** A value this gateway does not know: see the vendor’s text. */
  | 'OTHER'
  /** Running. */
  | 'RUNNING'
  /** The last run succeeded. */
  | 'SUCCESS'
  /** Never run. */
  | 'UNSTARTED'
  /** Waiting to run. */
  | 'WAITING';

/** Which way a Torq resource is shared (`sharing_data.direction`). */
export type SharingDirection =
  /** `incoming`: shared with this workspace by another one. */
  | 'INCOMING'
  /** `not_shared`: the resource isn't shared. */
  | 'NOT_SHARED'
  /** `outgoing`: shared from this workspace to others. */
  | 'OUTGOING';

/** The vendors behind the gateway. */
export type Vendor =
  /** Akana API Platform (app-version exports). */
  | 'AKANA_API_PLATFORM'
  /** Google Cloud Application Integration (integration versions). */
  | 'GOOGLE_APPLICATION_INTEGRATION'
  /** Huawei ROMA Connect (asset archives). */
  | 'HUAWEI_ROMA_CONNECT'
  /** Oracle Cloud Marketplace publisher API (package versions). */
  | 'ORACLE_CLOUD_MARKETPLACE'
  /** Torq public API (integrations). */
  | 'TORQ';

/** Where the gateway sends a vendor’s calls. */
export type VendorMode =
  /** The real vendor API, with the credentials in the gateway’s settings. */
  | 'LIVE'
  /** Neither: its fields fail with VENDOR_NOT_CONFIGURED. */
  | 'NOT_CONFIGURED'
  /** The built-in emulator on loopback (no credentials were set, SANDBOX=auto). */
  | 'SANDBOX';

export type BrowseQueryVariables = Exact<{ [key: string]: never; }>;


export type BrowseQuery = { integrations: { totalCount: number, typeIds: Array<{ typeId: string, count: number }>, edges: Array<{ node: { id: string, name: string | null, typeId: string | null } }> } | null, googleIntegrations: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { name: string, integration: string, active: boolean | null, versions: { edges: Array<{ node: { id: string, name: string, state: IntegrationVersionState | null, updatedAt: string | null, download: { url: string } } }> } | null } }> } | null, oracleApplications: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { listingVersionId: string, name: string | null, status: OracleApplicationStatus | null, packages: { edges: Array<{ node: { id: string, packageVersionId: string, name: string | null, version: string | null } }> } | null } }> } | null, akanaApps: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { appId: string, name: string | null, versions: { edges: Array<{ node: { appVersionId: string, name: string | null, export: { download: { url: string, expiresAt: string } } } }> } | null } }> } | null, romaApps: { totalCount: number | null, edges: Array<{ node: { appId: string, name: string | null, exportInput: { appIds: Array<string>, taskIds: Array<string> } } }> } | null, romaTasks: { totalCount: number | null, edges: Array<{ node: { taskId: string, taskName: string | null, executeStatus: RomaTaskExecuteStatus | null, exportInput: { appIds: Array<string>, taskIds: Array<string> } } }> } | null };

export type CatalogQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  vendors?: Array<Vendor> | Vendor | null | undefined;
  kinds?: Array<CatalogKind> | CatalogKind | null | undefined;
  text?: string | null | undefined;
  orderBy?: CatalogOrder | null | undefined;
}>;


export type CatalogQuery = { catalog: { totalCount: number, errors: Array<{ vendor: Vendor, kind: CatalogKind, code: string, message: string }>, edges: Array<{ cursor: string, node:
        | { id: string, vendor: Vendor, kind: CatalogKind, name: string | null, description: string | null, updatedAt: string | null, download: { url: string, expiresAt: string } | null }
        | { id: string, vendor: Vendor, kind: CatalogKind, name: string, description: string | null, updatedAt: string | null, download: { url: string, expiresAt: string } | null }
        | { id: string, vendor: Vendor, kind: CatalogKind, name: string | null, description: string | null, updatedAt: string | null, download: { url: string, expiresAt: string } | null }
        | { id: string, vendor: Vendor, kind: CatalogKind, name: string, description: string | null, updatedAt: string | null, download: { url: string, expiresAt: string } }
        | { id: string, vendor: Vendor, kind: CatalogKind, name: string | null, description: string | null, updatedAt: string | null, download: { url: string, expiresAt: string } | null }
        | { id: string, vendor: Vendor, kind: CatalogKind, name: string | null, description: string | null, updatedAt: string | null, exportInput: { appIds: Array<string>, taskIds: Array<string>, projectId: string, instanceId: string }, download: { url: string, expiresAt: string } | null }
        | { id: string, vendor: Vendor, kind: CatalogKind, name: string | null, description: string | null, updatedAt: string | null, exportInput: { appIds: Array<string>, taskIds: Array<string>, projectId: string, instanceId: string }, download: { url: string, expiresAt: string } | null }
       }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CrossVendorQueryVariables = Exact<{
  integrationVersion: string;
  appVersionId: string | number;
}>;


export type CrossVendorQuery = { vendors: Array<{ vendor: Vendor, mode: VendorMode }>, integrations: { edges: Array<{ node: { id: string, name: string | null, typeId: string | null, webhookUrl: string | null } }> } | null, integrationVersion: { integration: string, version: string, state: IntegrationVersionState | null, download: { url: string }, integrationFileDownload: { url: string } } | null, packageVersion: { name: string | null, status: PackageVersionStatus | null } | null, appVersionExport: { fileName: string, entries: Array<{ path: string, size: number }>, download: { url: string, expiresAt: string } } | null };

export type ExportAssetsMutationVariables = Exact<{
  input: ExportAssetsInput;
}>;


export type ExportAssetsMutation = { exportAssets: { jobId: string } };

export type AssetJobQueryVariables = Exact<{
  jobId: string;
}>;


export type AssetJobQuery = { assetJob: { type: string | null, status: AssetJobStatus, progress: number | null, progressPercent: number | null, startedAt: string | null, endedAt: string | null, reasons: Array<{ resourceType: string | null, resourceName: string | null, errorMsg: string | null }>, archive: { archiveId: string, size: number, sha256: string, download: { url: string } } | null } | null };

export type FollowExportSubscriptionVariables = Exact<{
  jobId: string;
  projectId?: string | null | undefined;
  instanceId?: string | null | undefined;
}>;


export type FollowExportSubscription = { assetJobProgress: { jobId: string, status: AssetJobStatus, vendorStatus: string | null, progress: number | null, startedAt: string | null, endedAt: string | null, archive: { archiveId: string, fileName: string | null, size: number, appIds: Array<string>, download: { url: string, expiresAt: string } } | null, reasons: Array<{ errorCode: string | null, errorMsg: string | null }> } | null };

export type TorqIntegrationsPageQueryVariables = Exact<{
  typeId?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type TorqIntegrationsPageQuery = { integrations: { edges: Array<{ cursor: string, node: { id: string, name: string | null, displayName: string | null, createdAt: string | null, sharing: { direction: SharingDirection, workspaceIds: Array<string> } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };


export const BrowseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Browse"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"integrations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"typeIds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"typeId"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"typeId"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"googleIntegrations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"2"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"integration"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"2"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"download"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"oracleApplications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"2"}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"PUBLISHED","block":false}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"listingVersionId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"packages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"2"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"packageVersionId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"akanaApps"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"2"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"2"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appVersionId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"export"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"download"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"romaApps"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"exportInput"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appIds"}},{"kind":"Field","name":{"kind":"Name","value":"taskIds"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"romaTasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskId"}},{"kind":"Field","name":{"kind":"Name","value":"taskName"}},{"kind":"Field","name":{"kind":"Name","value":"executeStatus"}},{"kind":"Field","name":{"kind":"Name","value":"exportInput"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appIds"}},{"kind":"Field","name":{"kind":"Name","value":"taskIds"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<BrowseQuery, BrowseQueryVariables>;
export const CatalogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Catalog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"vendors"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Vendor"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CatalogKind"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CatalogOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"catalog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"vendors"},"value":{"kind":"Variable","name":{"kind":"Name","value":"vendors"}}},{"kind":"Argument","name":{"kind":"Name","value":"kinds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}}},{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"download"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"expiresIn"},"value":{"kind":"IntValue","value":"600"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RomaApp"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportInput"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appIds"}},{"kind":"Field","name":{"kind":"Name","value":"taskIds"}},{"kind":"Field","name":{"kind":"Name","value":"projectId"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RomaTask"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportInput"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appIds"}},{"kind":"Field","name":{"kind":"Name","value":"taskIds"}},{"kind":"Field","name":{"kind":"Name","value":"projectId"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CatalogQuery, CatalogQueryVariables>;
export const CrossVendorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CrossVendor"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"integrationVersion"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"appVersionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"integrations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"typeId"}},{"kind":"Field","name":{"kind":"Name","value":"webhookUrl"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"integrationVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"integrationVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"integration"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"download"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"integrationFileDownload"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"packageVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"listingVersionId"},"value":{"kind":"StringValue","value":"2133526","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"packageVersionId"},"value":{"kind":"StringValue","value":"3084832","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"appVersionExport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"appVersionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"appVersionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"options"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"includeApiConnections"},"value":{"kind":"BooleanValue","value":true}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"size"}}]}},{"kind":"Field","name":{"kind":"Name","value":"download"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"expiresIn"},"value":{"kind":"IntValue","value":"300"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]} as unknown as DocumentNode<CrossVendorQuery, CrossVendorQueryVariables>;
export const ExportAssetsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ExportAssets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ExportAssetsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportAssets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jobId"}}]}}]}}]} as unknown as DocumentNode<ExportAssetsMutation, ExportAssetsMutationVariables>;
export const AssetJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AssetJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"jobId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assetJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"jobId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"jobId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"progressPercent"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resourceType"}},{"kind":"Field","name":{"kind":"Name","value":"resourceName"}},{"kind":"Field","name":{"kind":"Name","value":"errorMsg"}}]}},{"kind":"Field","name":{"kind":"Name","value":"archive"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"archiveId"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}},{"kind":"Field","name":{"kind":"Name","value":"download"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AssetJobQuery, AssetJobQueryVariables>;
export const FollowExportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"FollowExport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"jobId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"instanceId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assetJobProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"jobId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"jobId"}}},{"kind":"Argument","name":{"kind":"Name","value":"projectId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}}},{"kind":"Argument","name":{"kind":"Name","value":"instanceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"instanceId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jobId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"vendorStatus"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"archive"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"archiveId"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"appIds"}},{"kind":"Field","name":{"kind":"Name","value":"download"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"expiresIn"},"value":{"kind":"IntValue","value":"600"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorMsg"}}]}}]}}]}}]} as unknown as DocumentNode<FollowExportSubscription, FollowExportSubscriptionVariables>;
export const TorqIntegrationsPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TorqIntegrationsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"typeId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"integrations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"typeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"typeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sharing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"workspaceIds"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<TorqIntegrationsPageQuery, TorqIntegrationsPageQueryVariables>;