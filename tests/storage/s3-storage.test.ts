import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateBucketCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../src/cli/dynamo-local-process.js";
import { deliveryOf } from "../../src/domain/file-delivery.js";
import { objectKey } from "../../src/storage/file-storage.js";
import { s3Storage } from "../../src/storage/s3-storage.js";

const BUCKET = "work-engine-artifacts";
const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

describe("S3 storage adapter against an in-process S3 emulator (s3rver)", () => {
  let server: S3rver;
  let dir: string;
  let endpoint: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "s3rver-"));
    const port = await freePort();
    server = new S3rver({ port, address: "127.0.0.1", directory: dir, silent: true });
    await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials });
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    client.destroy();
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const storage = () =>
    s3Storage({ bucket: BUCKET, region: "us-east-1", endpoint, credentials }, () => new Date("2026-03-02T09:00:00Z"));
  const streamOf = (bytes: Uint8Array) => new Blob([bytes]).stream();

  it("stores the exact bytes under a key made of IDs, with size and checksum, and hands out a presigned URL", async () => {
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 256);
    const key = objectKey("tsk_01abc", "fil_01def");
    const stored = await storage().put(key, streamOf(bytes), "audio/wav", 1_000_000);
    expect(stored).toEqual({
      storageProvider: "s3",
      storageUri: `s3://${BUCKET}/files/tsk_01abc/fil_01def`,
      sizeBytes: 300_000,
      checksum: `sha256:${createHash("sha256").update(bytes).digest("hex")}`,
    });
    const download = await storage().download(
      stored.storageUri,
      deliveryOf({ contentType: "audio/wav", filename: "episode.wav" }),
    );
    if (download.kind !== "url") throw new Error("expected a presigned URL");
    expect(download.url).toContain("X-Amz-Signature");
    expect(download.expiresAt).toBe("2026-03-02T09:05:00.000Z");
    const fetched = new Uint8Array(await (await fetch(download.url)).arrayBuffer());
    expect(fetched.length).toBe(300_000);
    expect(fetched).toEqual(bytes);
    await storage().remove(stored.storageUri);
    const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials });
    await expect(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).rejects.toMatchObject({
      name: "NotFound",
    });
    client.destroy();
  });

  it("makes S3 serve an active type as an octet-stream attachment through the presigned URL", async () => {
    const stored = await storage().put(
      objectKey("tsk_01abc", "fil_01html"),
      streamOf(new Uint8Array([60])),
      "text/html",
      1024,
    );
    const delivery = deliveryOf({ contentType: "text/html", filename: "page €.html" });
    const download = await storage().download(stored.storageUri, delivery);
    if (download.kind !== "url") throw new Error("expected a presigned URL");
    const res = await fetch(download.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toBe(delivery.contentDisposition);
    await storage().remove(stored.storageUri);
  });

  it("refuses more than the limit before anything is stored", async () => {
    const key = objectKey("tsk_01abc", "fil_01big");
    await expect(storage().put(key, streamOf(new Uint8Array(2048)), "audio/wav", 1024)).rejects.toMatchObject({
      code: "payload_too_large",
    });
    const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials });
    await expect(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).rejects.toMatchObject({
      name: "NotFound",
    });
    client.destroy();
  });
});
