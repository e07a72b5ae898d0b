import type { FileDelivery } from "../domain/file-delivery.js";

/** Where uploaded bytes go. Keys are built from IDs, never from the client's filename. */
export type StoredObject = {
  storageProvider: "s3" | "local-dev";
  storageUri: string;
  sizeBytes: number;
  checksum: string;
};

export type Download =
  | { kind: "stream"; body: ReadableStream<Uint8Array>; sizeBytes: number }
  | { kind: "url"; url: string; expiresAt: string };

export interface FileStorage {
  readonly provider: "s3" | "local-dev";
  /** Streams `body` to `key`, hashing as it goes; more than `maxBytes` aborts, leaving nothing behind. */
  put(key: string, body: ReadableStream<Uint8Array>, contentType: string, maxBytes: number): Promise<StoredObject>;
  /**
   * Local: the bytes, which the route serves with `delivery`. S3: a short-lived presigned URL, returned
   * to the caller and never stored, that makes S3 serve them with `delivery` too.
   */
  download(storageUri: string, delivery: FileDelivery): Promise<Download>;
  remove(storageUri: string): Promise<void>;
}

export function objectKey(taskId: string, fileId: string): string {
  return `files/${taskId}/${fileId}`;
}
