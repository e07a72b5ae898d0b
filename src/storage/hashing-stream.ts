import { createHash } from "node:crypto";
import { PayloadTooLargeError } from "../domain/errors.js";

/**
 * Passes bytes through, counting and hashing them; more than `maxBytes` errors the stream.
 * `result()` is the size and `sha256:` checksum once the stream has been read to the end.
 */
export function hashingStream(maxBytes: number) {
  const hash = createHash("sha256");
  let size = 0;
  const stream = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        controller.error(new PayloadTooLargeError("the file", maxBytes));
        return;
      }
      hash.update(chunk);
      controller.enqueue(chunk);
    },
  });
  return { stream, result: () => ({ sizeBytes: size, checksum: `sha256:${hash.digest("hex")}` }) };
}
