import { z } from "zod";
import { Timestamp } from "./dates.js";

/** POST /api/exports takes no options: a body is optional, and any field in it is refused. */
export const CreateExportInput = z.strictObject({});

/** One export under EXPORT_DIR as the API shows it: never the machine's path, only the directory's name. */
export const ExportSummary = z.object({
  name: z.string().min(1).describe("The export's directory, relative to EXPORT_DIR"),
  createdAt: Timestamp.describe("The manifest's generated_at"),
  counts: z.record(z.string(), z.number().int().min(0)).describe("Records per entity, from the manifest"),
});
export type ExportSummary = z.infer<typeof ExportSummary>;
