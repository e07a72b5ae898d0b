import type { FileRecord } from "./file-record.js";

/** How a stored file's bytes are served: the same headers whether we stream them or S3 does. */
export type FileDelivery = { contentType: string; contentDisposition: string };

/**
 * Types a browser only displays, never runs, served as recorded. Everything else (HTML, SVG, XML,
 * JavaScript, anything unknown) is served as `application/octet-stream`: the uploader chose the type.
 */
export const INERT_CONTENT_TYPES: ReadonlySet<string> = new Set([
  "text/plain",
  "application/json",
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "audio/mpeg",
  "audio/wav",
  "audio/x-wav",
  "audio/ogg",
  "audio/mp4",
  "video/mp4",
  "video/webm",
]);

/** Always an attachment, under a type from the inert list or octet-stream; parameters are dropped. */
export function deliveryOf(file: Pick<FileRecord, "contentType" | "filename">): FileDelivery {
  const mediaType = (file.contentType.split(";")[0] ?? "").trim().toLowerCase();
  return {
    contentType: INERT_CONTENT_TYPES.has(mediaType) ? mediaType : "application/octet-stream",
    contentDisposition: attachment(file.filename),
  };
}

// RFC 5987 attr-char: what may stand unescaped in `filename*`.
const ATTR_CHAR = /^[A-Za-z0-9!#$&+.^_`|~-]$/;

/**
 * `attachment; filename="..."; filename*=UTF-8''...` (RFC 6266): an ASCII fallback with quotes,
 * backslashes, percent signs and non-ASCII replaced, and the exact name as percent-encoded UTF-8.
 */
export function attachment(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = [...new TextEncoder().encode(filename)]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return byte < 0x80 && ATTR_CHAR.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    })
    .join("");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
