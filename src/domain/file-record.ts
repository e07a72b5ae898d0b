import { z } from "zod";
import { Timestamp } from "./dates.js";
import { idSchema } from "./ids.js";
import { Checksum, StorageProvider } from "./storage.js";
import { uriField } from "./uri-policy.js";

/** Metadata of an uploaded file; the bytes live with the storage provider, never in the database. */
export const FileRecord = z.strictObject({
  fileId: idSchema("file"),
  taskId: idSchema("task"),
  bundleId: idSchema("bundle").optional(),
  filename: z.string().min(1).max(255),
  contentType: z.string().min(1).max(200),
  sizeBytes: z.number().int().min(0),
  checksum: Checksum,
  storageProvider: StorageProvider,
  storageUri: uriField("storage"),
  category: z.string().max(80).optional(),
  uploadedBy: idSchema("user").optional(),
  createdAt: Timestamp,
});
export type FileRecord = z.infer<typeof FileRecord>;

/** What an upload supplies (form fields and the file part's name and type), under the record's own limits. */
export const UploadFileInput = FileRecord.pick({ taskId: true, category: true, filename: true, contentType: true });
export type UploadFileInput = z.infer<typeof UploadFileInput>;
