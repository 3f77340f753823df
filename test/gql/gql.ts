/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AkanaExport($id: ID!, $options: AppVersionExportOptions, $expiresIn: Int) {\n    appVersionExport(appVersionId: $id, options: $options) {\n      id\n      appVersionId\n      fileName\n      size\n      entries { path size }\n      properties\n      download(expiresIn: $expiresIn) { url expiresAt }\n    }\n  }\n": typeof types.AkanaExportDocument,
    "\n  query AkanaDownloadOnly($id: ID!, $options: AppVersionExportOptions, $expiresIn: Int) {\n    appVersionExport(appVersionId: $id, options: $options) { download(expiresIn: $expiresIn) { url expiresAt } }\n  }\n": typeof types.AkanaDownloadOnlyDocument,
    "\n  query GoogleEverything($name: String!) {\n    integrationVersion(name: $name) {\n      id name projectId location integration version\n      description state snapshotNumber createTime updateTime lastModifierEmail userLabel\n      triggers { label triggerType triggerId startTaskIds }\n      tasks { taskId task displayName nextTaskIds parameterKeys }\n      parameters { key dataType inputOutputType }\n      integrationVersion\n      integrationConfig\n      files(types: [INTEGRATION]) { type content }\n    }\n  }\n": typeof types.GoogleEverythingDocument,
    "\n  query GoogleTypedOnly($name: String!) {\n    integrationVersion(name: $name) { state description tasks { taskId } }\n  }\n": typeof types.GoogleTypedOnlyDocument,
    "\n  query GoogleDownload($name: String!) {\n    integrationVersion(name: $name) { download(expiresIn: 60) { url } }\n  }\n": typeof types.GoogleDownloadDocument,
    "\n  query OraclePackage($listing: ID!, $pkg: ID!) {\n    packageVersion(listingVersionId: $listing, packageVersionId: $pkg) {\n      id packageVersionId listingVersionId name description version type namespacePrefix displayName\n      listingImageUrl status statusDisplayName\n      dependentServices { tag serviceName minVersion maxVersion isDedicatedToApp minSize maxSize }\n      actions {\n        tag dependentServiceTag actionName type\n        requestProperties { name source value masked }\n        authentication { type authHeader }\n      }\n      operations { type actionExecutionSequence { sequenceNumber actionTag } }\n      accessUrls { name description staticUrl dynamicUrl parameters { name value } }\n      links { rel href }\n    }\n  }\n": typeof types.OraclePackageDocument,
    "\n  query RomaArchive($archiveId: String!) {\n    assetArchive(archiveId: $archiveId) {\n      id projectId instanceId archiveId fileName contentType size sha256 retrievedAt apps\n      tasks { taskId }\n      download(expiresIn: 600) { url }\n    }\n  }\n": typeof types.RomaArchiveDocument,
    "\n  mutation RomaExport($input: ExportAssetsInput!) {\n    exportAssets(input: $input) { jobId projectId instanceId }\n  }\n": typeof types.RomaExportDocument,
    "\n  query RomaJob($jobId: String!) {\n    assetJob(jobId: $jobId) {\n      jobId status progressPercent archiveId\n      reasons { resourceName errorCode errorMsg }\n      archive { archiveId size sha256 apps tasks { taskId } download { url } }\n    }\n  }\n": typeof types.RomaJobDocument,
    "\n  query CrossField {\n    vendors { vendor mode baseUrl }\n    integrations(first: 5) {\n      edges { cursor node { id integrationId name displayName typeId createdAt createdBy lastUsedAt webhookUrl sharing { direction workspaceIds } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.CrossFieldDocument,
    "\n  query IntegrationsPage($typeId: String, $first: Int, $after: String) {\n    integrations(typeId: $typeId, first: $first, after: $after) {\n      edges { node { integrationId typeId } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.IntegrationsPageDocument,
    "\n  query IntegrationById($id: UUID!) {\n    integration(id: $id) { id integrationId name }\n  }\n": typeof types.IntegrationByIdDocument,
    "\n  query NodesById($ids: [ID!]!) {\n    nodes(ids: $ids) { id ... on Integration { name } }\n  }\n": typeof types.NodesByIdDocument,
};
const documents: Documents = {
    "\n  query AkanaExport($id: ID!, $options: AppVersionExportOptions, $expiresIn: Int) {\n    appVersionExport(appVersionId: $id, options: $options) {\n      id\n      appVersionId\n      fileName\n      size\n      entries { path size }\n      properties\n      download(expiresIn: $expiresIn) { url expiresAt }\n    }\n  }\n": types.AkanaExportDocument,
    "\n  query AkanaDownloadOnly($id: ID!, $options: AppVersionExportOptions, $expiresIn: Int) {\n    appVersionExport(appVersionId: $id, options: $options) { download(expiresIn: $expiresIn) { url expiresAt } }\n  }\n": types.AkanaDownloadOnlyDocument,
    "\n  query GoogleEverything($name: String!) {\n    integrationVersion(name: $name) {\n      id name projectId location integration version\n      description state snapshotNumber createTime updateTime lastModifierEmail userLabel\n      triggers { label triggerType triggerId startTaskIds }\n      tasks { taskId task displayName nextTaskIds parameterKeys }\n      parameters { key dataType inputOutputType }\n      integrationVersion\n      integrationConfig\n      files(types: [INTEGRATION]) { type content }\n    }\n  }\n": types.GoogleEverythingDocument,
    "\n  query GoogleTypedOnly($name: String!) {\n    integrationVersion(name: $name) { state description tasks { taskId } }\n  }\n": types.GoogleTypedOnlyDocument,
    "\n  query GoogleDownload($name: String!) {\n    integrationVersion(name: $name) { download(expiresIn: 60) { url } }\n  }\n": types.GoogleDownloadDocument,
    "\n  query OraclePackage($listing: ID!, $pkg: ID!) {\n    packageVersion(listingVersionId: $listing, packageVersionId: $pkg) {\n      id packageVersionId listingVersionId name description version type namespacePrefix displayName\n      listingImageUrl status statusDisplayName\n      dependentServices { tag serviceName minVersion maxVersion isDedicatedToApp minSize maxSize }\n      actions {\n        tag dependentServiceTag actionName type\n        requestProperties { name source value masked }\n        authentication { type authHeader }\n      }\n      operations { type actionExecutionSequence { sequenceNumber actionTag } }\n      accessUrls { name description staticUrl dynamicUrl parameters { name value } }\n      links { rel href }\n    }\n  }\n": types.OraclePackageDocument,
    "\n  query RomaArchive($archiveId: String!) {\n    assetArchive(archiveId: $archiveId) {\n      id projectId instanceId archiveId fileName contentType size sha256 retrievedAt apps\n      tasks { taskId }\n      download(expiresIn: 600) { url }\n    }\n  }\n": types.RomaArchiveDocument,
    "\n  mutation RomaExport($input: ExportAssetsInput!) {\n    exportAssets(input: $input) { jobId projectId instanceId }\n  }\n": types.RomaExportDocument,
    "\n  query RomaJob($jobId: String!) {\n    assetJob(jobId: $jobId) {\n      jobId status progressPercent archiveId\n      reasons { resourceName errorCode errorMsg }\n      archive { archiveId size sha256 apps tasks { taskId } download { url } }\n    }\n  }\n": types.RomaJobDocument,
    "\n  query CrossField {\n    vendors { vendor mode baseUrl }\n    integrations(first: 5) {\n      edges { cursor node { id integrationId name displayName typeId createdAt createdBy lastUsedAt webhookUrl sharing { direction workspaceIds } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.CrossFieldDocument,
    "\n  query IntegrationsPage($typeId: String, $first: Int, $after: String) {\n    integrations(typeId: $typeId, first: $first, after: $after) {\n      edges { node { integrationId typeId } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.IntegrationsPageDocument,
    "\n  query IntegrationById($id: UUID!) {\n    integration(id: $id) { id integrationId name }\n  }\n": types.IntegrationByIdDocument,
    "\n  query NodesById($ids: [ID!]!) {\n    nodes(ids: $ids) { id ... on Integration { name } }\n  }\n": types.NodesByIdDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AkanaExport($id: ID!, $options: AppVersionExportOptions, $expiresIn: Int) {\n    appVersionExport(appVersionId: $id, options: $options) {\n      id\n      appVersionId\n      fileName\n      size\n      entries { path size }\n      properties\n      download(expiresIn: $expiresIn) { url expiresAt }\n    }\n  }\n"): (typeof documents)["\n  query AkanaExport($id: ID!, $options: AppVersionExportOptions, $expiresIn: Int) {\n    appVersionExport(appVersionId: $id, options: $options) {\n      id\n      appVersionId\n      fileName\n      size\n      entries { path size }\n      properties\n      download(expiresIn: $expiresIn) { url expiresAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AkanaDownloadOnly($id: ID!, $options: AppVersionExportOptions, $expiresIn: Int) {\n    appVersionExport(appVersionId: $id, options: $options) { download(expiresIn: $expiresIn) { url expiresAt } }\n  }\n"): (typeof documents)["\n  query AkanaDownloadOnly($id: ID!, $options: AppVersionExportOptions, $expiresIn: Int) {\n    appVersionExport(appVersionId: $id, options: $options) { download(expiresIn: $expiresIn) { url expiresAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GoogleEverything($name: String!) {\n    integrationVersion(name: $name) {\n      id name projectId location integration version\n      description state snapshotNumber createTime updateTime lastModifierEmail userLabel\n      triggers { label triggerType triggerId startTaskIds }\n      tasks { taskId task displayName nextTaskIds parameterKeys }\n      parameters { key dataType inputOutputType }\n      integrationVersion\n      integrationConfig\n      files(types: [INTEGRATION]) { type content }\n    }\n  }\n"): (typeof documents)["\n  query GoogleEverything($name: String!) {\n    integrationVersion(name: $name) {\n      id name projectId location integration version\n      description state snapshotNumber createTime updateTime lastModifierEmail userLabel\n      triggers { label triggerType triggerId startTaskIds }\n      tasks { taskId task displayName nextTaskIds parameterKeys }\n      parameters { key dataType inputOutputType }\n      integrationVersion\n      integrationConfig\n      files(types: [INTEGRATION]) { type content }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GoogleTypedOnly($name: String!) {\n    integrationVersion(name: $name) { state description tasks { taskId } }\n  }\n"): (typeof documents)["\n  query GoogleTypedOnly($name: String!) {\n    integrationVersion(name: $name) { state description tasks { taskId } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GoogleDownload($name: String!) {\n    integrationVersion(name: $name) { download(expiresIn: 60) { url } }\n  }\n"): (typeof documents)["\n  query GoogleDownload($name: String!) {\n    integrationVersion(name: $name) { download(expiresIn: 60) { url } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OraclePackage($listing: ID!, $pkg: ID!) {\n    packageVersion(listingVersionId: $listing, packageVersionId: $pkg) {\n      id packageVersionId listingVersionId name description version type namespacePrefix displayName\n      listingImageUrl status statusDisplayName\n      dependentServices { tag serviceName minVersion maxVersion isDedicatedToApp minSize maxSize }\n      actions {\n        tag dependentServiceTag actionName type\n        requestProperties { name source value masked }\n        authentication { type authHeader }\n      }\n      operations { type actionExecutionSequence { sequenceNumber actionTag } }\n      accessUrls { name description staticUrl dynamicUrl parameters { name value } }\n      links { rel href }\n    }\n  }\n"): (typeof documents)["\n  query OraclePackage($listing: ID!, $pkg: ID!) {\n    packageVersion(listingVersionId: $listing, packageVersionId: $pkg) {\n      id packageVersionId listingVersionId name description version type namespacePrefix displayName\n      listingImageUrl status statusDisplayName\n      dependentServices { tag serviceName minVersion maxVersion isDedicatedToApp minSize maxSize }\n      actions {\n        tag dependentServiceTag actionName type\n        requestProperties { name source value masked }\n        authentication { type authHeader }\n      }\n      operations { type actionExecutionSequence { sequenceNumber actionTag } }\n      accessUrls { name description staticUrl dynamicUrl parameters { name value } }\n      links { rel href }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RomaArchive($archiveId: String!) {\n    assetArchive(archiveId: $archiveId) {\n      id projectId instanceId archiveId fileName contentType size sha256 retrievedAt apps\n      tasks { taskId }\n      download(expiresIn: 600) { url }\n    }\n  }\n"): (typeof documents)["\n  query RomaArchive($archiveId: String!) {\n    assetArchive(archiveId: $archiveId) {\n      id projectId instanceId archiveId fileName contentType size sha256 retrievedAt apps\n      tasks { taskId }\n      download(expiresIn: 600) { url }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RomaExport($input: ExportAssetsInput!) {\n    exportAssets(input: $input) { jobId projectId instanceId }\n  }\n"): (typeof documents)["\n  mutation RomaExport($input: ExportAssetsInput!) {\n    exportAssets(input: $input) { jobId projectId instanceId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RomaJob($jobId: String!) {\n    assetJob(jobId: $jobId) {\n      jobId status progressPercent archiveId\n      reasons { resourceName errorCode errorMsg }\n      archive { archiveId size sha256 apps tasks { taskId } download { url } }\n    }\n  }\n"): (typeof documents)["\n  query RomaJob($jobId: String!) {\n    assetJob(jobId: $jobId) {\n      jobId status progressPercent archiveId\n      reasons { resourceName errorCode errorMsg }\n      archive { archiveId size sha256 apps tasks { taskId } download { url } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CrossField {\n    vendors { vendor mode baseUrl }\n    integrations(first: 5) {\n      edges { cursor node { id integrationId name displayName typeId createdAt createdBy lastUsedAt webhookUrl sharing { direction workspaceIds } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query CrossField {\n    vendors { vendor mode baseUrl }\n    integrations(first: 5) {\n      edges { cursor node { id integrationId name displayName typeId createdAt createdBy lastUsedAt webhookUrl sharing { direction workspaceIds } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IntegrationsPage($typeId: String, $first: Int, $after: String) {\n    integrations(typeId: $typeId, first: $first, after: $after) {\n      edges { node { integrationId typeId } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query IntegrationsPage($typeId: String, $first: Int, $after: String) {\n    integrations(typeId: $typeId, first: $first, after: $after) {\n      edges { node { integrationId typeId } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IntegrationById($id: UUID!) {\n    integration(id: $id) { id integrationId name }\n  }\n"): (typeof documents)["\n  query IntegrationById($id: UUID!) {\n    integration(id: $id) { id integrationId name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodesById($ids: [ID!]!) {\n    nodes(ids: $ids) { id ... on Integration { name } }\n  }\n"): (typeof documents)["\n  query NodesById($ids: [ID!]!) {\n    nodes(ids: $ids) { id ... on Integration { name } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;