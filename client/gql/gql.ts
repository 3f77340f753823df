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
    "query CrossVendor($integrationVersion: String!, $appVersionId: ID!) {\n  vendors {\n    vendor\n    mode\n  }\n  integrations(first: 3) {\n    edges {\n      node {\n        id\n        name\n        typeId\n        webhookUrl\n      }\n    }\n  }\n  integrationVersion(name: $integrationVersion) {\n    integration\n    version\n    state\n    download {\n      url\n    }\n    integrationFileDownload {\n      url\n    }\n  }\n  packageVersion(listingVersionId: \"2133526\", packageVersionId: \"3084832\") {\n    name\n    status\n  }\n  appVersionExport(\n    appVersionId: $appVersionId\n    options: {includeApiConnections: true}\n  ) {\n    fileName\n    entries {\n      path\n      size\n    }\n    download(expiresIn: 300) {\n      url\n      expiresAt\n    }\n  }\n}": typeof types.CrossVendorDocument,
    "mutation ExportAssets($input: ExportAssetsInput!) {\n  exportAssets(input: $input) {\n    jobId\n  }\n}\n\nquery AssetJob($jobId: String!) {\n  assetJob(jobId: $jobId) {\n    type\n    status\n    progress\n    progressPercent\n    beginTime\n    endTime\n    reasons {\n      resourceType\n      resourceName\n      errorMsg\n    }\n    archive {\n      archiveId\n      size\n      sha256\n      download {\n        url\n      }\n    }\n  }\n}": typeof types.ExportAssetsDocument,
    "query TorqIntegrationsPage($typeId: String, $first: Int, $after: String) {\n  integrations(typeId: $typeId, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        name\n        displayName\n        createdAt\n        sharing {\n          direction\n          workspaceIds\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.TorqIntegrationsPageDocument,
};
const documents: Documents = {
    "query CrossVendor($integrationVersion: String!, $appVersionId: ID!) {\n  vendors {\n    vendor\n    mode\n  }\n  integrations(first: 3) {\n    edges {\n      node {\n        id\n        name\n        typeId\n        webhookUrl\n      }\n    }\n  }\n  integrationVersion(name: $integrationVersion) {\n    integration\n    version\n    state\n    download {\n      url\n    }\n    integrationFileDownload {\n      url\n    }\n  }\n  packageVersion(listingVersionId: \"2133526\", packageVersionId: \"3084832\") {\n    name\n    status\n  }\n  appVersionExport(\n    appVersionId: $appVersionId\n    options: {includeApiConnections: true}\n  ) {\n    fileName\n    entries {\n      path\n      size\n    }\n    download(expiresIn: 300) {\n      url\n      expiresAt\n    }\n  }\n}": types.CrossVendorDocument,
    "mutation ExportAssets($input: ExportAssetsInput!) {\n  exportAssets(input: $input) {\n    jobId\n  }\n}\n\nquery AssetJob($jobId: String!) {\n  assetJob(jobId: $jobId) {\n    type\n    status\n    progress\n    progressPercent\n    beginTime\n    endTime\n    reasons {\n      resourceType\n      resourceName\n      errorMsg\n    }\n    archive {\n      archiveId\n      size\n      sha256\n      download {\n        url\n      }\n    }\n  }\n}": types.ExportAssetsDocument,
    "query TorqIntegrationsPage($typeId: String, $first: Int, $after: String) {\n  integrations(typeId: $typeId, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        name\n        displayName\n        createdAt\n        sharing {\n          direction\n          workspaceIds\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.TorqIntegrationsPageDocument,
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
export function graphql(source: "query CrossVendor($integrationVersion: String!, $appVersionId: ID!) {\n  vendors {\n    vendor\n    mode\n  }\n  integrations(first: 3) {\n    edges {\n      node {\n        id\n        name\n        typeId\n        webhookUrl\n      }\n    }\n  }\n  integrationVersion(name: $integrationVersion) {\n    integration\n    version\n    state\n    download {\n      url\n    }\n    integrationFileDownload {\n      url\n    }\n  }\n  packageVersion(listingVersionId: \"2133526\", packageVersionId: \"3084832\") {\n    name\n    status\n  }\n  appVersionExport(\n    appVersionId: $appVersionId\n    options: {includeApiConnections: true}\n  ) {\n    fileName\n    entries {\n      path\n      size\n    }\n    download(expiresIn: 300) {\n      url\n      expiresAt\n    }\n  }\n}"): (typeof documents)["query CrossVendor($integrationVersion: String!, $appVersionId: ID!) {\n  vendors {\n    vendor\n    mode\n  }\n  integrations(first: 3) {\n    edges {\n      node {\n        id\n        name\n        typeId\n        webhookUrl\n      }\n    }\n  }\n  integrationVersion(name: $integrationVersion) {\n    integration\n    version\n    state\n    download {\n      url\n    }\n    integrationFileDownload {\n      url\n    }\n  }\n  packageVersion(listingVersionId: \"2133526\", packageVersionId: \"3084832\") {\n    name\n    status\n  }\n  appVersionExport(\n    appVersionId: $appVersionId\n    options: {includeApiConnections: true}\n  ) {\n    fileName\n    entries {\n      path\n      size\n    }\n    download(expiresIn: 300) {\n      url\n      expiresAt\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ExportAssets($input: ExportAssetsInput!) {\n  exportAssets(input: $input) {\n    jobId\n  }\n}\n\nquery AssetJob($jobId: String!) {\n  assetJob(jobId: $jobId) {\n    type\n    status\n    progress\n    progressPercent\n    beginTime\n    endTime\n    reasons {\n      resourceType\n      resourceName\n      errorMsg\n    }\n    archive {\n      archiveId\n      size\n      sha256\n      download {\n        url\n      }\n    }\n  }\n}"): (typeof documents)["mutation ExportAssets($input: ExportAssetsInput!) {\n  exportAssets(input: $input) {\n    jobId\n  }\n}\n\nquery AssetJob($jobId: String!) {\n  assetJob(jobId: $jobId) {\n    type\n    status\n    progress\n    progressPercent\n    beginTime\n    endTime\n    reasons {\n      resourceType\n      resourceName\n      errorMsg\n    }\n    archive {\n      archiveId\n      size\n      sha256\n      download {\n        url\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TorqIntegrationsPage($typeId: String, $first: Int, $after: String) {\n  integrations(typeId: $typeId, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        name\n        displayName\n        createdAt\n        sharing {\n          direction\n          workspaceIds\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query TorqIntegrationsPage($typeId: String, $first: Int, $after: String) {\n  integrations(typeId: $typeId, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        name\n        displayName\n        createdAt\n        sharing {\n          direction\n          workspaceIds\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;