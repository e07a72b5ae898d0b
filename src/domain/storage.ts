import { z } from "zod";

export const STORAGE_PROVIDERS = [
  "s3",
  "dropbox",
  "google-drive",
  "github",
  "external-url",
  "local-dev",
  "unknown",
] as const;
export const StorageProvider = z.enum(STORAGE_PROVIDERS);
export type StorageProvider = z.infer<typeof StorageProvider>;

export const DATA_CLASSES = ["public", "internal", "private", "sensitive"] as const;
export const DataClass = z.enum(DATA_CLASSES);

export const Checksum = z.string().regex(/^sha256:[0-9a-f]{64}$/, "expected sha256:<64 hex>");
