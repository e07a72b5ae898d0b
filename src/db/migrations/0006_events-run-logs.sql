CREATE TABLE "events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"source" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"data" jsonb NOT NULL,
	"origin" text NOT NULL,
	"received_by" text,
	"emitted_by" text,
	"content_hash" text NOT NULL,
	"runs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_logs" (
	"run_log_id" text PRIMARY KEY NOT NULL,
	"bundle_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"level" text NOT NULL,
	"step_id" text,
	"step_execution_id" text,
	"message" text NOT NULL,
	"metadata" jsonb,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "trigger_type" text;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "trigger_event_id" text;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "log_summary" jsonb;--> statement-breakpoint
ALTER TABLE "run_logs" ADD CONSTRAINT "run_logs_bundle_id_bundles_bundle_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."bundles"("bundle_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_type_created_at_idx" ON "events" USING btree ("type","created_at","event_id");--> statement-breakpoint
CREATE INDEX "run_logs_bundle_id_idx" ON "run_logs" USING btree ("bundle_id","run_log_id");--> statement-breakpoint
CREATE INDEX "run_logs_expires_at_idx" ON "run_logs" USING btree ("expires_at","run_log_id");