ALTER TABLE "artifacts" ALTER COLUMN "size_bytes" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "files" ALTER COLUMN "size_bytes" SET DATA TYPE bigint;