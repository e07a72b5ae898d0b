import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";
import { Readable, Writable } from "node:stream";
import { NotFoundError } from "../domain/errors.js";
import type { FileStorage, StoredObject } from "./file-storage.js";
import { hashingStream } from "./hashing-stream.js";

const SCHEME = "local-dev://";

/** Files on local disk under one root, for development and tests only. */
export function localDevStorage(root: string): FileStorage {
  const base = resolve(root);
  // Keys come from IDs, but a path that resolves outside the root is refused all the same.
  const pathOf = (key: string) => {
    const path = resolve(base, key);
    if (!path.startsWith(`${base}${sep}`)) throw new Error(`storage key escapes the storage root: ${key}`);
    return path;
  };
  const keyOf = (uri: string) => {
    if (!uri.startsWith(SCHEME)) throw new Error(`not a local-dev URI: ${uri}`);
    return uri.slice(SCHEME.length);
  };
  return {
    provider: "local-dev",
    async put(key, body, _contentType, maxBytes): Promise<StoredObject> {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const counter = hashingStream(maxBytes);
      try {
        await body.pipeThrough(counter.stream).pipeTo(Writable.toWeb(createWriteStream(path)));
      } catch (error) {
        await rm(path, { force: true });
        throw error;
      }
      return { storageProvider: "local-dev", storageUri: `${SCHEME}${key}`, ...counter.result() };
    },
    async download(uri) {
      const path = pathOf(keyOf(uri));
      // The record outlived its bytes (removed by hand, a lost disk): say so, not a 500.
      const { size } = await stat(path).catch((error: { code?: string }) => {
        throw error.code === "ENOENT" ? new NotFoundError("stored bytes of", uri) : error;
      });
      return {
        kind: "stream",
        body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
        sizeBytes: size,
      };
    },
    async remove(uri) {
      await rm(pathOf(keyOf(uri)), { force: true });
    },
  };
}
