import { ENTITY_ATTRIBUTE, type IndexKeys, type Key, SCHEMA_VERSION, SCHEMA_VERSION_ATTRIBUTE } from "./key-model.js";

export type Item = Record<string, unknown>;

/** `byDue` -> the attribute names holding that index's keys. */
export const indexAttributes = (index: string) => ({ pk: `_${index}Pk`, sk: `_${index}Sk` });

/** Builds index key attributes from `{ byDue: [pk, sk] }`; an absent entry keeps the item out of that index. */
export function indexKeys(entries: Record<string, readonly [string, string] | undefined>): IndexKeys {
  const out: IndexKeys = {};
  for (const [index, pair] of Object.entries(entries)) {
    if (!pair) continue;
    const names = indexAttributes(index);
    out[names.pk] = pair[0];
    out[names.sk] = pair[1];
  }
  return out;
}

/** A domain record as an item: its fields as plain attributes, plus keys, entity type and schema version. */
export function toItem(entity: string, key: Key, record: object, index: IndexKeys = {}): Item {
  return {
    ...record,
    ...index,
    pk: key.pk,
    sk: key.sk,
    [ENTITY_ATTRIBUTE]: entity,
    [SCHEMA_VERSION_ATTRIBUTE]: SCHEMA_VERSION,
  };
}

/** The domain record inside an item: keys and underscore attributes are storage details. */
export function fromItem<T>(item: Item): T {
  const record: Item = {};
  for (const [name, value] of Object.entries(item)) {
    if (name === "pk" || name === "sk" || name.startsWith("_")) continue;
    record[name] = value instanceof Set ? [...value] : value;
  }
  return record as T;
}
