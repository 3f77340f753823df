/**
 * How an Oracle package version is read once its body has passed the documented shape
 * (`packageShape`, compiled): every conversion of `toPackage` on the forms Oracle's editions send.
 * The seed example itself is checked end to end through GraphQL in test/inprocess/oracle.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parsePackage, parsePackages } from '../../src/vendors/oracle/parse.js';

const NONE = {
  id: null,
  listingVersionId: null,
  name: null,
  description: null,
  version: null,
  type: null,
  namespacePrefix: null,
  displayName: null,
  listingImageURL: null,
  statusCode: null,
  statusDisplayName: null,
  dependentServices: [],
  actions: [],
  operations: [],
  accessURLs: [],
  links: [],
  code: null,
  deploymentMode: null,
  owner: null,
  partnerName: null,
  resources: [],
  downloadablePackageResource: null,
};

describe('Oracle package versions, read from the checked body', () => {
  it('reads numbers and booleans as text, keeps blank text but where blank means none, and drops unknown keys', () => {
    const resource = { id: 5, name: 'file.zip', size: 10 };
    const file = { id: 'r', type: 'FILE', url: 'https://dl.example/f' };
    const data = {
      id: 11,
      listingVersionId: '22',
      name: 'N',
      description: '',
      version: 2.5,
      type: true,
      namespacePrefix: null,
      displayName: '',
      listingImageURL: 'HTTPS://Example.COM/a b',
      status: { code: 'PUBLISHED', displayName: 'Published' },
      dependentServices: [
        { tag: 't', isDedicatedToAppFlag: false, minSize: 0, standardProperties: [{ name: 'p' }], extra: 1 },
        { serviceName: 'JAVA', customProperties: null },
      ],
      actions: [
        { tag: 'a', requestProperties: null, authentication: null },
        { tag: 'b', requestProperties: [{ name: 'K', value: 7 }], authentication: { type: 'BASIC' } },
      ],
      operations: [
        {
          type: 'INSTALL',
          actionExecutionSequence: [
            { sequenceNumber: 2, actionTag: 'second' },
            { actionTag: 'unnumbered' },
            { sequenceNumber: 1, actionTag: 'first' },
            { sequenceNumber: 2, actionTag: 'second too' },
          ],
        },
        { type: 'UNINSTALL' },
      ],
      accessURLs: [
        { name: 'n', staticURL: 'not a url', dynamicURL: '', parameters: [{ name: 'k', value: 1 }] },
        { dynamicURL: 'https://{host}/x' },
      ],
      links: [{ rel: 'SELF', href: 'https://x.example/p?q=1' }],
      resources: [resource],
      downloadablePackageResource: file,
      notDocumented: 'ignored',
    };
    const p = parsePackage({ data });
    expect(p).toEqual({
      ...NONE,
      id: '11',
      listingVersionId: '22',
      name: 'N',
      description: '',
      version: '2.5',
      type: 'true',
      listingImageURL: 'https://example.com/a%20b',
      statusCode: 'PUBLISHED',
      statusDisplayName: 'Published',
      dependentServices: [
        {
          tag: 't',
          serviceName: null,
          minVersion: null,
          maxVersion: null,
          isDedicatedToAppFlag: false,
          minSize: '0',
          maxSize: null,
          standardProperties: [{ name: 'p' }],
          customProperties: null,
        },
        {
          tag: null,
          serviceName: 'JAVA',
          minVersion: null,
          maxVersion: null,
          isDedicatedToAppFlag: null,
          minSize: null,
          maxSize: null,
          standardProperties: null,
          customProperties: null,
        },
      ],
      actions: [
        {
          tag: 'a',
          dependentServiceTag: null,
          actionName: null,
          type: null,
          requestProperties: [],
          authentication: null,
        },
        {
          tag: 'b',
          dependentServiceTag: null,
          actionName: null,
          type: null,
          requestProperties: [{ name: 'K', source: null, value: '7' }],
          authentication: { type: 'BASIC', authHeader: null },
        },
      ],
      operations: [
        {
          type: 'INSTALL',
          // In sequence order; none counts as 0, equal numbers keep Oracle's order.
          actionExecutionSequence: [
            { sequenceNumber: null, actionTag: 'unnumbered' },
            { sequenceNumber: 1, actionTag: 'first' },
            { sequenceNumber: 2, actionTag: 'second' },
            { sequenceNumber: 2, actionTag: 'second too' },
          ],
        },
        { type: 'UNINSTALL', actionExecutionSequence: [] },
      ],
      accessURLs: [
        {
          name: 'n',
          description: null,
          staticURL: null,
          dynamicURL: null,
          parameters: [{ name: 'k', value: '1' }],
        },
        { name: null, description: null, staticURL: null, dynamicURL: 'https://{host}/x', parameters: [] },
      ],
      links: [{ rel: 'SELF', href: 'https://x.example/p?q=1' }],
      resources: [{ id: '5', name: 'file.zip', type: null, description: null, raw: resource }],
      downloadablePackageResource: { id: 'r', name: null, type: 'FILE', description: null, raw: file },
      raw: data,
    });
    // The body as sent is kept as sent (the `raw` fields), and the read does not change it.
    expect(p.raw).toBe(data);
    expect(data.operations[0]?.actionExecutionSequence?.[0]?.actionTag).toBe('second');
  });

  it('reads the v1 status string, and an empty body as a package of nothing', () => {
    expect(parsePackage({ data: { status: 'VALIDATION_SUCCEEDED' } })).toMatchObject({
      statusCode: 'VALIDATION_SUCCEEDED',
      statusDisplayName: null,
    });
    expect(parsePackage({ data: {} })).toEqual({ ...NONE, raw: {} });
    expect(parsePackage({ data: { status: null, downloadablePackageResource: null } })).toMatchObject({
      statusCode: null,
      downloadablePackageResource: null,
    });
  });

  it('reads the package list in both editions: `{items}` and the v2 single Package', () => {
    expect(parsePackages({ data: { items: [{ id: 1 }, { id: '2', status: { code: 'X' } }] } })).toMatchObject(
      [
        { id: '1', statusCode: null },
        { id: '2', statusCode: 'X', statusDisplayName: null },
      ],
    );
    expect(parsePackages({ data: { id: 3, name: 'one' } })).toMatchObject([{ id: '3', name: 'one' }]);
    // An object with no PackageVersion field is no package: an error, never an empty list.
    expect(() => parsePackages({ data: {} })).toThrow('no PackageVersion field');
  });

  it('names the misshapen field, from the compiled check or zod alike', () => {
    expect(() => parsePackage({ data: { actions: [{ requestProperties: [{ value: {} }] }] } })).toThrow(
      'Oracle sent a package version with actions[0].requestProperties[0].value: expected one of the documented forms',
    );
    expect(() => parsePackage({ data: { links: [{ href: 1 }] } })).toThrow(
      'Oracle sent a package version with links[0].href: expected string',
    );
    expect(() => parsePackages({ data: { items: [{}, { status: 1 }] } })).toThrow(
      'Oracle sent a package list with items[1].status: expected one of the documented forms',
    );
  });
});
