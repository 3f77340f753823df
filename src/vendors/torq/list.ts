// Longer than 300 lines: one data structure, the compact form of Torq's unpaged list (blocks, search text, id table) with its streaming reader.
/**
 * Torq's integration list, kept compact. Torq answers every integration of a workspace in one body
 * (no paging), so a large account sends tens of megabytes: 200,000 integrations are about 70 MB of
 * JSON, several hundred MB once parsed into objects. The list is read here as a stream, item by
 * item, and kept as:
 *
 *  - blocks of `BLOCK` items, each block the items' JSON text (one line per item) deflated;
 *  - per block, the deflated lower-cased `name` and `display_name` text (what `search` reads);
 *  - per item, a 32-bit hash of its lower-cased id in an open-addressing table (`find`);
 *  - per item, the index of its `type_id` in a table of the distinct ones (`typeCounts`).
 *
 * About 90 bytes an item for the sandbox's items of ~350 bytes of JSON (docs/performance.md
 * "Scale"). A page or a lookup inflates only the block it reads; `search` inflates the small
 * search blocks only.
 * The parsed `TorqIntegration`s are made when read and belong to the reader's request.
 */
import { deflateRawSync, inflateRawSync, constants as zlib } from 'node:zlib';
import { Tokenizer, TokenParser, TokenType } from '@streamparser/json';
import type { Json } from '../parse.js';

/** Items per block: a page (up to 100) spans one or two blocks; a block inflates in well under 1 ms. */
const BLOCK = 256;

/** Every place that names the list in errors. */
export interface ListLimits {
  /** More items than this fail the read (TORQ_MAX_LIST_ITEMS). */
  maxItems: number;
  /** More body bytes than this fail the read (TORQ_MAX_LIST_BYTES). */
  maxBytes: number;
}

/** What a failed read says; the client turns it into UPSTREAM_INVALID_RESPONSE. */
export class ListProblem extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
    readonly limit?: number,
  ) {
    super(`${field}: ${problem}`);
  }
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function pack(lines: string[]): Buffer {
  return deflateRawSync(Buffer.from(lines.join('\n'), 'utf8'), { level: zlib.Z_DEFAULT_COMPRESSION });
}

function unpack(block: Buffer): string[] {
  return inflateRawSync(block).toString('utf8').split('\n');
}

/** A growable Uint32Array. */
class Column {
  data = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

/** An item as kept: its JSON text parsed again when read, with its id. */
export interface ListedItem {
  id: string;
  raw: Json;
}

/** What `TorqList` and its filtered views offer the schema: Relay paging reads `length`/`slice`. */
export interface ListView<T> {
  readonly length: number;
  slice(start?: number, end?: number): T[];
  /** Each `type_id` (items without one left out) with how many items have it. */
  typeCounts(): Map<string, number>;
}

/**
 * The compact list. `make` turns a kept item into what readers get (`TorqIntegration`); it is
 * called per read, so it should be cheap.
 */
export class TorqList<T> implements ListView<T> {
  readonly #blocks: Buffer[];
  readonly #search: Buffer[];
  readonly #types: string[];
  readonly #typeOf: Uint32Array;
  readonly #hashes: Uint32Array;
  /** Open addressing: slot → item index + 1 (0 = empty). */
  readonly #table: Uint32Array;
  readonly #counts: Map<string, number>;
  readonly #make: (item: ListedItem) => T;
  /** The last block inflated (pages and lookups of one request read the same few blocks). */
  #lastBlock = -1;
  #lastLines: string[] = [];
  readonly length: number;
  /** Bytes held (blocks, columns, table): what the cache counts. */
  readonly bytes: number;
  /** Bytes of the body it was read from (0 when not read from a body). */
  readonly sentBytes: number;

  constructor(
    parts: {
      blocks: Buffer[];
      search: Buffer[];
      types: string[];
      typeOf: Uint32Array;
      hashes: Uint32Array;
    },
    make: (item: ListedItem) => T,
    sentBytes = 0,
  ) {
    this.sentBytes = sentBytes;
    this.#blocks = parts.blocks;
    this.#search = parts.search;
    this.#types = parts.types;
    this.#typeOf = parts.typeOf;
    this.#hashes = parts.hashes;
    this.#make = make;
    this.length = parts.hashes.length;
    let size = 1;
    while (size < this.length * 2) size *= 2;
    const table = new Uint32Array(size);
    const mask = size - 1;
    for (let i = 0; i < this.length; i++) {
      let slot = (parts.hashes[i] as number) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = i + 1;
    }
    this.#table = table;
    this.#counts = this.#countTypes(undefined);
    let bytes = table.byteLength + parts.hashes.byteLength + parts.typeOf.byteLength;
    for (const b of parts.blocks) bytes += b.length;
    for (const b of parts.search) bytes += b.length;
    for (const t of parts.types) bytes += t.length;
    this.bytes = bytes;
  }

  slice(start = 0, end = this.length): T[] {
    const from = Math.max(0, start < 0 ? this.length + start : start);
    const to = Math.min(this.length, end < 0 ? this.length + end : end);
    const out: T[] = [];
    for (let i = from; i < to; i++) out.push(this.#read(i));
    return out;
  }

  /** The item at `index` (0 ≤ index < length). */
  at(index: number): T {
    return this.#read(index);
  }

  /** The item whose id is `id` (case-insensitive), or null. */
  find(id: string): T | null {
    const lower = id.toLowerCase();
    const h = hash(lower);
    const mask = this.#table.length - 1;
    for (let slot = h & mask; this.#table[slot] !== 0; slot = (slot + 1) & mask) {
      const i = (this.#table[slot] as number) - 1;
      if (this.#hashes[i] !== h) continue;
      const line = this.#line(i);
      const item = JSON.parse(line) as Json;
      if (typeof item.id === 'string' && item.id.toLowerCase() === lower)
        return this.#make({ id: item.id, raw: item });
    }
    return null;
  }

  typeCounts(): Map<string, number> {
    return this.#counts;
  }

  /**
   * The plain form `{ integrations: [...] }`, as Torq sent it (items without an id left out): what
   * a shared cache tier stores when the list is small enough to be shared (`JsonRead.local` unset).
   */
  toJSON(): { integrations: Json[] } {
    const integrations: Json[] = [];
    for (const block of this.#blocks)
      for (const line of unpack(block)) integrations.push(JSON.parse(line) as Json);
    return { integrations };
  }

  /** Items whose `name` or `display_name` contains `needle` (lower case). */
  search(needle: string): ListView<T> {
    const hits = new Column();
    this.#search.forEach((block, b) => {
      unpack(block).forEach((text, k) => {
        if (text.includes(needle)) hits.push(b * BLOCK + k);
      });
    });
    const indexes = hits.done();
    return {
      length: indexes.length,
      slice: (start = 0, end = indexes.length) =>
        Array.from(indexes.subarray(start, end), (i) => this.#read(i)),
      typeCounts: () => this.#countTypes(indexes),
    };
  }

  #countTypes(indexes: Uint32Array | undefined): Map<string, number> {
    const per = new Uint32Array(this.#types.length);
    if (indexes) for (const i of indexes) per[this.#typeOf[i] as number]!++;
    else for (const t of this.#typeOf) per[t]!++;
    const counts = new Map<string, number>();
    per.forEach((n, t) => {
      const name = this.#types[t] as string;
      if (n > 0 && name !== '') counts.set(name, n);
    });
    return counts;
  }

  #line(index: number): string {
    const b = Math.floor(index / BLOCK);
    if (b !== this.#lastBlock) {
      this.#lastLines = unpack(this.#blocks[b] as Buffer);
      this.#lastBlock = b;
    }
    return this.#lastLines[index % BLOCK] as string;
  }

  #read(index: number): T {
    const raw = JSON.parse(this.#line(index)) as Json;
    return this.#make({ id: raw.id as string, raw });
  }
}

/**
 * Collects checked items into a `TorqList`. `add` is given each item of `integrations` as sent;
 * `check` throws on a misshapen item and says whether to keep it (items without an id are left
 * out: they cannot be looked up or paginated stably).
 */
export class ListBuilder<T> {
  readonly #blocks: Buffer[] = [];
  readonly #search: Buffer[] = [];
  readonly #types = new Map<string, number>();
  readonly #typeOf = new Column();
  readonly #hashes = new Column();
  #lines: string[] = [];
  #names: string[] = [];
  #seen = 0;

  constructor(
    readonly limits: ListLimits,
    readonly check: (item: unknown, index: number) => item is Json & { id: string },
    readonly make: (item: ListedItem) => T,
  ) {}

  add(item: unknown): void {
    const index = this.#seen++;
    if (!this.check(item, index)) return;
    if (this.#hashes.length >= this.limits.maxItems) {
      throw new ListProblem(
        'integrations',
        `more than ${this.limits.maxItems} items (TORQ_MAX_LIST_ITEMS); ask for one typeId at a time`,
        this.limits.maxItems,
      );
    }
    this.#hashes.push(hash(item.id.toLowerCase()));
    const typeId = typeof item.type_id === 'string' ? item.type_id : '';
    let t = this.#types.get(typeId);
    if (t === undefined) this.#types.set(typeId, (t = this.#types.size));
    this.#typeOf.push(t);
    // JSON.stringify escapes every line break inside strings: one line per item.
    this.#lines.push(JSON.stringify(item));
    const name = typeof item.name === 'string' ? item.name : '';
    const display = typeof item.display_name === 'string' ? item.display_name : '';
    // The search text of an item is one line too. A search holds no control character (checkText),
    // so a line break in a name becomes NUL, which no search can match, like the separator.
    this.#names.push(`${name}\u0000${display}`.toLowerCase().replace(/[\r\n]/g, '\u0000'));
    if (this.#lines.length === BLOCK) this.#flush();
  }

  #flush(): void {
    if (this.#lines.length === 0) return;
    this.#blocks.push(pack(this.#lines));
    this.#search.push(pack(this.#names));
    this.#lines = [];
    this.#names = [];
  }

  done(sentBytes = 0): TorqList<T> {
    this.#flush();
    return new TorqList(
      {
        blocks: this.#blocks,
        search: this.#search,
        types: [...this.#types.keys()],
        typeOf: this.#typeOf.done(),
        hashes: this.#hashes.done(),
      },
      this.make,
      sentBytes,
    );
  }
}

/**
 * Reads `{ integrations: [...] }` from a stream of chunks into `builder`, holding one item at a
 * time (the tokenizer's and token parser's own buffers aside). The body must be an object whose
 * `integrations` is an array, null or absent (proto3 JSON omits an empty list); other top-level
 * members are skipped unread. Throws `ListProblem` on a misshapen body, `maxBytes` exceeded, or
 * malformed JSON.
 */
export async function readList<T>(
  chunks: AsyncIterable<Buffer>,
  builder: ListBuilder<T>,
): Promise<TorqList<T>> {
  const tokenizer = new Tokenizer();
  // keepStack false: an emitted item is dropped from its array, so the array never grows.
  const parser = new TokenParser({ paths: ['$.integrations.*'], keepStack: false });
  let failure: unknown;
  parser.onValue = ({ value, parent }) => {
    if (failure !== undefined) return;
    try {
      if (!Array.isArray(parent)) throw new ListProblem('integrations', 'expected array, received object');
      builder.add(value);
    } catch (err) {
      failure = err;
    }
  };
  // The top level, watched token by token: the parser emits only items, so a body that is not an
  // object, or whose `integrations` is not a list, would otherwise read as an empty list.
  let depth = 0;
  let expectKey = false;
  let key: string | undefined;
  let valueNext = false;
  const shape = (token: TokenType, value: unknown): void => {
    if (depth === 0) {
      if (token !== TokenType.LEFT_BRACE) throw new ListProblem('(body)', 'expected object');
      expectKey = true;
    } else if (depth === 1) {
      if (valueNext) {
        valueNext = false;
        if (key === 'integrations' && token !== TokenType.LEFT_BRACKET && token !== TokenType.NULL) {
          throw new ListProblem('integrations', 'expected array');
        }
      } else if (expectKey && token === TokenType.STRING) {
        key = value as string;
        expectKey = false;
      } else if (token === TokenType.COLON) {
        valueNext = true;
      } else if (token === TokenType.COMMA) {
        expectKey = true;
      }
    }
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) depth++;
    else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) depth--;
  };
  tokenizer.onToken = (info) => {
    if (failure !== undefined) return;
    try {
      shape(info.token, info.value);
      parser.write(info);
    } catch (err) {
      failure = err;
    }
  };
  tokenizer.onError = (err) => {
    failure ??= new ListProblem('(body)', `malformed JSON (${err.message})`);
  };
  parser.onError = (err) => {
    failure ??= new ListProblem('(body)', `malformed JSON (${err.message})`);
  };
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > builder.limits.maxBytes) {
      throw new ListProblem(
        '(body)',
        `larger than ${builder.limits.maxBytes} bytes (TORQ_MAX_LIST_BYTES); ask for one typeId at a time`,
        builder.limits.maxBytes,
      );
    }
    tokenizer.write(chunk);
    if (failure !== undefined) throw failure;
  }
  if (!tokenizer.isEnded) tokenizer.end();
  if (failure !== undefined) throw failure;
  if (depth !== 0 || size === 0) throw new ListProblem('(body)', 'malformed JSON (the body ended early)');
  return builder.done(size);
}
