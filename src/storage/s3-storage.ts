import { Readable } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { FileStorage, StoredObject } from "./file-storage.js";
import { hashingStream } from "./hashing-stream.js";

const DOWNLOAD_URL_SECONDS = 300;

export type S3Options = {
  bucket: string;
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

/** Objects in the private artifacts bucket; downloads are presigned URLs that are never stored. */
export function s3Storage(options: S3Options, clock: () => Date = () => new Date()): FileStorage {
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.endpoint !== undefined,
    credentials: options.credentials,
    // Checksums only where S3 requires them: emulators corrupt streamed bodies otherwise.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const keyOf = (uri: string) => {
    const prefix = `s3://${options.bucket}/`;
    if (!uri.startsWith(prefix)) throw new Error(`not an object of bucket ${options.bucket}: ${uri}`);
    return uri.slice(prefix.length);
  };
  return {
    provider: "s3",
    async put(key, body, contentType, maxBytes): Promise<StoredObject> {
      const counter = hashingStream(maxBytes);
      // Buffered within maxBytes: PutObject needs a length, and the checksum must be known before we record it.
      const chunks: Uint8Array[] = [];
      await body.pipeThrough(counter.stream).pipeTo(new WritableStream({ write: (chunk) => void chunks.push(chunk) }));
      const bytes = Buffer.concat(chunks);
      const { sizeBytes, checksum } = counter.result();
      await client.send(
        new PutObjectCommand({
          Bucket: options.bucket,
          Key: key,
          Body: Readable.from(bytes),
          ContentLength: sizeBytes,
          ContentType: contentType,
          Metadata: { sha256: checksum.slice("sha256:".length) },
        }),
      );
      return { storageProvider: "s3", storageUri: `s3://${options.bucket}/${key}`, sizeBytes, checksum };
    },
    async download(uri, delivery) {
      // The object keeps the uploader's type; the signed response overrides are what a browser sees.
      const get = new GetObjectCommand({
        Bucket: options.bucket,
        Key: keyOf(uri),
        ResponseContentType: delivery.contentType,
        ResponseContentDisposition: delivery.contentDisposition,
      });
      const url = await getSignedUrl(client, get, { expiresIn: DOWNLOAD_URL_SECONDS });
      return { kind: "url", url, expiresAt: new Date(clock().getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString() };
    },
    async remove(uri) {
      await client.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: keyOf(uri) }));
    },
  };
}
