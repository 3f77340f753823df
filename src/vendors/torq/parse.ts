/**
 * What Torq sends, read at the edge: the documented item of `GET /v1alpha/integrations`
 * (v1alphaIntegration), checked per item as the list streams in (a misshapen item fails the list
 * naming its field), and the typed `TorqIntegration` read from an item as sent. The compact form
 * the list is kept in, and its streaming reader, are list.ts.
 */
import * as z from 'zod';
import type { JsonRead } from '../../http/cache-store.js';
import { compiledCheck, type Json, parseWith, rawItems, shape, toDate, toUrl } from '../parse.js';
import { listError } from './errors.js';
import { ListBuilder, type ListedItem, type ListLimits, ListProblem, type TorqList } from './list.js';
import { TORQ } from './ref.js';

/**
 * One item of `integrations` as Torq documents it (v1alphaIntegration, the seed
 * torq-list-integrations.txt / docs.torq.io "List integrations"): the JSON shape, as the sandbox
 * serves it. Every property is optional in the schema.
 */
export interface TorqIntegrationJson {
  id: string;
  name?: string;
  display_name?: string;
  type_id?: string;
  created_at?: string;
  created_by?: string;
  last_used_at?: string;
  details?: { trigger?: { webhook_url?: string } };
  sharing_data?: { direction?: string; workspace_ids?: string[] };
}

export type SharingDirection = 'not_shared' | 'incoming' | 'outgoing';

/**
 * The documented shape of an item, checked for every item of a body (a misshapen one fails the
 * list with the field's path) but not converted: `TorqItem` reads the values from the item as sent.
 * Only checks, so the list is checked by its compiled form (`checkOnly`, `compiledCheck`).
 */
const Item = z.object({
  id: z.string().optional(),
  name: shape.text,
  display_name: shape.text,
  type_id: shape.text,
  created_at: shape.time,
  created_by: shape.text,
  last_used_at: shape.time,
  details: z.object({ trigger: z.object({ webhook_url: shape.text }).nullish() }).nullish(),
  sharing_data: z.object({ direction: shape.text, workspace_ids: shape.list(z.string()) }).nullish(),
});
type ItemJson = z.output<typeof Item>;

/** A Torq integration, typed: what the `Integration` fields expose. */
export interface TorqIntegration {
  readonly id: string;
  readonly name: string | null;
  readonly displayName: string | null;
  readonly typeId: string | null;
  readonly createdAt: Date | null;
  readonly createdBy: string | null;
  readonly lastUsedAt: Date | null;
  readonly webhookUrl: string | null;
  readonly sharing: { direction: SharingDirection; workspaceIds: string[] };
  /** The item exactly as Torq sent it. */
  readonly raw: Json;
}

/**
 * One item of a checked list, read from the item as sent (`Item` has checked its types, so it
 * reads as `ItemJson`). The times and the URL are converted when first read: a page reads them
 * for its few items, not for the whole list Torq sends (320 in the sandbox). Read-only for its
 * users; the remembered conversions are its own.
 */
class TorqItem implements TorqIntegration {
  readonly id: string;
  readonly name: string | null;
  readonly displayName: string | null;
  readonly typeId: string | null;
  readonly createdBy: string | null;
  readonly sharing: { direction: SharingDirection; workspaceIds: string[] };
  #createdAt: Date | null | undefined;
  #lastUsedAt: Date | null | undefined;
  #webhookUrl: string | null | undefined;

  constructor(
    id: string,
    readonly raw: Json,
  ) {
    const item = this.#item;
    this.id = id;
    this.name = item.name ?? null;
    this.displayName = item.display_name ?? null;
    this.typeId = item.type_id ?? null;
    this.createdBy = item.created_by ?? null;
    const d = item.sharing_data?.direction;
    this.sharing = {
      // `not_shared` is the documented default; an unknown direction reads as that too.
      direction: d === 'incoming' || d === 'outgoing' ? d : 'not_shared',
      workspaceIds: item.sharing_data?.workspace_ids ?? [],
    };
  }

  get #item(): ItemJson {
    return this.raw as ItemJson;
  }

  get createdAt(): Date | null {
    return (this.#createdAt ??= toDate(this.#item.created_at));
  }

  get lastUsedAt(): Date | null {
    return (this.#lastUsedAt ??= toDate(this.#item.last_used_at));
  }

  get webhookUrl(): string | null {
    return (this.#webhookUrl ??= toUrl(this.#item.details?.trigger?.webhook_url));
  }
}

/** The documented shape of `GET /v1alpha/integrations`. proto3 JSON omits empty lists: `{}` is none. */
export const listShape = z.object({ integrations: shape.list(Item) });

/** The integrations of one `GET /v1alpha/integrations`, compact (list.ts). Shared: read only. */
export type TorqIntegrations = TorqList<TorqIntegration>;

export const LIST = { vendor: TORQ.vendor, label: TORQ.name, what: 'an integration list' };
const itemAccepts = compiledCheck(Item);
export const makeItem = ({ id, raw }: ListedItem): TorqIntegration => new TorqItem(id, raw);

/**
 * One item's check: of the documented shape (else UPSTREAM_INVALID_RESPONSE naming the field) and
 * kept. Items without a `name` are kept (the schema marks nothing required); without an `id` an
 * item cannot be looked up or paginated stably, so it is left out.
 */
export function checkItem(item: unknown, index: number): item is Json & { id: string } {
  if (!itemAccepts(item)) parseWith(Item, item, { ...LIST, at: `integrations[${index}]` });
  return typeof (item as Json).id === 'string';
}

/** A list in its plain JSON form (a shared cache tier's entry): checked as a body, then compacted. */
const plainLists = new WeakMap<object, TorqIntegrations>();
export function fromPlain(read: JsonRead, limits: ListLimits): TorqIntegrations {
  const key = read as object;
  const kept = plainLists.get(key);
  if (kept) return kept;
  // Checked whole first (the bad field named as for a streamed body), then read as sent.
  parseWith(listShape, read.data, LIST);
  const builder = new ListBuilder(limits, checkItem, makeItem);
  try {
    for (const item of rawItems(read.data as Json, 'integrations')) builder.add(item);
  } catch (err) {
    throw err instanceof ListProblem ? listError(err) : err;
  }
  const list = builder.done();
  plainLists.set(key, list);
  return list;
}
