/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What the Akana export includes. All default to false. The PKI options export private keys and need a privileged gateway (AKANA_ALLOW_PKI_EXPORT=true). */
export type AppVersionExportOptions = {
  /** `migration.export.include.api.connections`: contracts. */
  includeApiConnections?: boolean | null | undefined;
  /** `migration.pki.export`: API private keys and certificates (if imported via Policy Manager). */
  includeApiPki?: boolean | null | undefined;
  /** `migration.app.pki.export`: the app’s private key and certificate. */
  includeAppPki?: boolean | null | undefined;
  /** `migration.export.include.app.team`: the app team members (relationships, not users). */
  includeAppTeam?: boolean | null | undefined;
};

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

/** A file of an integration version package (`File.type` of `downloadJsonPackage`; docs.cloud.google.com/application-integration/docs/reference/rest/v1/File). */
export type IntegrationFileType =
  /** The integration version itself (`integrationVersion`). */
  | 'INTEGRATION'
  /** The config variables of the version (`integrationConfig`). */
  | 'INTEGRATION_CONFIG_VARIABLES'
  /** `INTEGRATION_FILE_UNSPECIFIED`, or a file type Google added after this gateway was built: see `IntegrationFile.typeName` for the string Google sent. */
  | 'UNSPECIFIED';

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

export type AkanaExportQueryVariables = Exact<{
  id: string | number;
  options?: AppVersionExportOptions | null | undefined;
  expiresIn?: number | null | undefined;
}>;


export type AkanaExportQuery = { appVersionExport: { id: string, appVersionId: string, fileName: string, size: number, properties: Record<string, unknown> | null, entries: Array<{ path: string, size: number }>, download: { url: string, expiresAt: string } } | null };

export type AkanaDownloadOnlyQueryVariables = Exact<{
  id: string | number;
  options?: AppVersionExportOptions | null | undefined;
  expiresIn?: number | null | undefined;
}>;


export type AkanaDownloadOnlyQuery = { appVersionExport: { download: { url: string, expiresAt: string } } | null };

export type GoogleEverythingQueryVariables = Exact<{
  name: string;
}>;


export type GoogleEverythingQuery = { integrationVersion: { id: string, name: string, projectId: string, location: string, integration: string, version: string, description: string | null, state: IntegrationVersionState | null, snapshotNumber: string | null, createTime: string | null, updateTime: string | null, lastModifierEmail: string | null, userLabel: string | null, integrationVersion: Record<string, unknown> | null, integrationConfig: Record<string, unknown> | null, triggers: Array<{ label: string | null, triggerType: string | null, triggerId: string | null, startTaskIds: Array<string> }>, tasks: Array<{ taskId: string | null, task: string | null, displayName: string | null, nextTaskIds: Array<string>, parameterKeys: Array<string> }>, parameters: Array<{ key: string | null, dataType: string | null, inputOutputType: string | null }>, files: Array<{ type: IntegrationFileType, content: unknown }> } | null };

export type GoogleTypedOnlyQueryVariables = Exact<{
  name: string;
}>;


export type GoogleTypedOnlyQuery = { integrationVersion: { state: IntegrationVersionState | null, description: string | null, tasks: Array<{ taskId: string | null }> } | null };

export type GoogleDownloadQueryVariables = Exact<{
  name: string;
}>;


export type GoogleDownloadQuery = { integrationVersion: { download: { url: string } } | null };

export type OraclePackageQueryVariables = Exact<{
  listing: string | number;
  pkg: string | number;
}>;


export type OraclePackageQuery = { packageVersion: { id: string, packageVersionId: string, listingVersionId: string, name: string | null, description: string | null, version: string | null, type: string | null, namespacePrefix: string | null, displayName: string | null, listingImageUrl: string | null, status: PackageVersionStatus | null, statusDisplayName: string | null, dependentServices: Array<{ tag: string | null, serviceName: string | null, minVersion: string | null, maxVersion: string | null, isDedicatedToApp: boolean | null, minSize: string | null, maxSize: string | null }>, actions: Array<{ tag: string | null, dependentServiceTag: string | null, actionName: string | null, type: string | null, requestProperties: Array<{ name: string | null, source: string | null, value: string | null, masked: boolean }>, authentication: { type: string | null, authHeader: string | null } | null }>, operations: Array<{ type: string | null, actionExecutionSequence: Array<{ sequenceNumber: number | null, actionTag: string | null }> }>, accessUrls: Array<{ name: string | null, description: string | null, staticUrl: string | null, dynamicUrl: string | null, parameters: Array<{ name: string | null, value: string | null }> }>, links: Array<{ rel: string | null, href: string | null }> } | null };

export type CrossFieldQueryVariables = Exact<{ [key: string]: never; }>;


export type CrossFieldQuery = { vendors: Array<{ vendor: Vendor, mode: VendorMode, baseUrl: string | null }>, integrations: { edges: Array<{ cursor: string, node: { id: string, integrationId: string, name: string | null, displayName: string | null, typeId: string | null, createdAt: string | null, createdBy: string | null, lastUsedAt: string | null, webhookUrl: string | null, sharing: { direction: SharingDirection, workspaceIds: Array<string> } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type IntegrationsPageQueryVariables = Exact<{
  typeId?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type IntegrationsPageQuery = { integrations: { edges: Array<{ node: { integrationId: string, typeId: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type IntegrationByIdQueryVariables = Exact<{
  id: string;
}>;


export type IntegrationByIdQuery = { integration: { id: string, integrationId: string, name: string | null } | null };

export type NodesByIdQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type NodesByIdQuery = { nodes: Array<
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { name: string | null, id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null> };

export type RomaArchiveQueryVariables = Exact<{
  archiveId: string;
}>;


export type RomaArchiveQuery = { assetArchive: { id: string, projectId: string, instanceId: string, archiveId: string, fileName: string | null, contentType: string, size: number, sha256: string, retrievedAt: string, apps: string | null, tasks: Array<{ taskId: string }>, download: { url: string } } | null };

export type RomaExportMutationVariables = Exact<{
  input: ExportAssetsInput;
}>;


export type RomaExportMutation = { exportAssets: { jobId: string, projectId: string, instanceId: string } };

export type RomaJobQueryVariables = Exact<{
  jobId: string;
}>;


export type RomaJobQuery = { assetJob: { jobId: string, status: AssetJobStatus, progressPercent: number | null, archiveId: string | null, reasons: Array<{ resourceName: string | null, errorCode: string | null, errorMsg: string | null }>, archive: { archiveId: string, size: number, sha256: string, apps: string | null, tasks: Array<{ taskId: string }>, download: { url: string } } | null } | null };


export const AkanaExportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AkanaExport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"options"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AppVersionExportOptions"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expiresIn"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appVersionExport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"appVersionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"options"},"value":{"kind":"Variable","name":{"kind":"Name","value":"options"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"appVersionId"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"size"}}]}},{"kind":"Field","name":{"kind":"Name","value":"properties"}},{"kind":"Field","name":{"kind":"Name","value":"download"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"expiresIn"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expiresIn"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]} as unknown as DocumentNode<AkanaExportQuery, AkanaExportQueryVariables>;
export const AkanaDownloadOnlyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AkanaDownloadOnly"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"options"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AppVersionExportOptions"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expiresIn"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appVersionExport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"appVersionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"options"},"value":{"kind":"Variable","name":{"kind":"Name","value":"options"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"download"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"expiresIn"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expiresIn"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]} as unknown as DocumentNode<AkanaDownloadOnlyQuery, AkanaDownloadOnlyQueryVariables>;
export const GoogleEverythingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GoogleEverything"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"integrationVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"projectId"}},{"kind":"Field","name":{"kind":"Name","value":"location"}},{"kind":"Field","name":{"kind":"Name","value":"integration"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotNumber"}},{"kind":"Field","name":{"kind":"Name","value":"createTime"}},{"kind":"Field","name":{"kind":"Name","value":"updateTime"}},{"kind":"Field","name":{"kind":"Name","value":"lastModifierEmail"}},{"kind":"Field","name":{"kind":"Name","value":"userLabel"}},{"kind":"Field","name":{"kind":"Name","value":"triggers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"triggerType"}},{"kind":"Field","name":{"kind":"Name","value":"triggerId"}},{"kind":"Field","name":{"kind":"Name","value":"startTaskIds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskId"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"nextTaskIds"}},{"kind":"Field","name":{"kind":"Name","value":"parameterKeys"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"dataType"}},{"kind":"Field","name":{"kind":"Name","value":"inputOutputType"}}]}},{"kind":"Field","name":{"kind":"Name","value":"integrationVersion"}},{"kind":"Field","name":{"kind":"Name","value":"integrationConfig"}},{"kind":"Field","name":{"kind":"Name","value":"files"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"types"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"INTEGRATION"}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"content"}}]}}]}}]}}]} as unknown as DocumentNode<GoogleEverythingQuery, GoogleEverythingQueryVariables>;
export const GoogleTypedOnlyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GoogleTypedOnly"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"integrationVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskId"}}]}}]}}]}}]} as unknown as DocumentNode<GoogleTypedOnlyQuery, GoogleTypedOnlyQueryVariables>;
export const GoogleDownloadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GoogleDownload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"integrationVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"download"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"expiresIn"},"value":{"kind":"IntValue","value":"60"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]} as unknown as DocumentNode<GoogleDownloadQuery, GoogleDownloadQueryVariables>;
export const OraclePackageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OraclePackage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"listing"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pkg"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"packageVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"listingVersionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"listing"}}},{"kind":"Argument","name":{"kind":"Name","value":"packageVersionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pkg"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"packageVersionId"}},{"kind":"Field","name":{"kind":"Name","value":"listingVersionId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"namespacePrefix"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"listingImageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusDisplayName"}},{"kind":"Field","name":{"kind":"Name","value":"dependentServices"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tag"}},{"kind":"Field","name":{"kind":"Name","value":"serviceName"}},{"kind":"Field","name":{"kind":"Name","value":"minVersion"}},{"kind":"Field","name":{"kind":"Name","value":"maxVersion"}},{"kind":"Field","name":{"kind":"Name","value":"isDedicatedToApp"}},{"kind":"Field","name":{"kind":"Name","value":"minSize"}},{"kind":"Field","name":{"kind":"Name","value":"maxSize"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tag"}},{"kind":"Field","name":{"kind":"Name","value":"dependentServiceTag"}},{"kind":"Field","name":{"kind":"Name","value":"actionName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"requestProperties"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"masked"}}]}},{"kind":"Field","name":{"kind":"Name","value":"authentication"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"authHeader"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"operations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"actionExecutionSequence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequenceNumber"}},{"kind":"Field","name":{"kind":"Name","value":"actionTag"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"accessUrls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"staticUrl"}},{"kind":"Field","name":{"kind":"Name","value":"dynamicUrl"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"links"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rel"}},{"kind":"Field","name":{"kind":"Name","value":"href"}}]}}]}}]}}]} as unknown as DocumentNode<OraclePackageQuery, OraclePackageQueryVariables>;
export const CrossFieldDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CrossField"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"baseUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"integrations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"integrationId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"typeId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"webhookUrl"}},{"kind":"Field","name":{"kind":"Name","value":"sharing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"workspaceIds"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CrossFieldQuery, CrossFieldQueryVariables>;
export const IntegrationsPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IntegrationsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"typeId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"integrations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"typeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"typeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"integrationId"}},{"kind":"Field","name":{"kind":"Name","value":"typeId"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<IntegrationsPageQuery, IntegrationsPageQueryVariables>;
export const IntegrationByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IntegrationById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UUID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"integration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"integrationId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<IntegrationByIdQuery, IntegrationByIdQueryVariables>;
export const NodesByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodesById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Integration"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<NodesByIdQuery, NodesByIdQueryVariables>;
export const RomaArchiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RomaArchive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"archiveId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assetArchive"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"archiveId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"archiveId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"projectId"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"archiveId"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}},{"kind":"Field","name":{"kind":"Name","value":"retrievedAt"}},{"kind":"Field","name":{"kind":"Name","value":"apps"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"download"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"expiresIn"},"value":{"kind":"IntValue","value":"600"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]} as unknown as DocumentNode<RomaArchiveQuery, RomaArchiveQueryVariables>;
export const RomaExportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RomaExport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ExportAssetsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportAssets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jobId"}},{"kind":"Field","name":{"kind":"Name","value":"projectId"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}}]}}]}}]} as unknown as DocumentNode<RomaExportMutation, RomaExportMutationVariables>;
export const RomaJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RomaJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"jobId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assetJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"jobId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"jobId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jobId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progressPercent"}},{"kind":"Field","name":{"kind":"Name","value":"archiveId"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resourceName"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorMsg"}}]}},{"kind":"Field","name":{"kind":"Name","value":"archive"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"archiveId"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}},{"kind":"Field","name":{"kind":"Name","value":"apps"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"download"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RomaJobQuery, RomaJobQueryVariables>;