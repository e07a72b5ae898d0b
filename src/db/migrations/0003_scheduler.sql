CREATE TABLE "scheduler_leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "recurring_configs" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "recurring_configs" ADD COLUMN "run_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "recurring_configs" ADD COLUMN "skipped_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "scheduler_leases_expires_at_idx" ON "scheduler_leases" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "notifications_open_idx" ON "notifications" USING btree ("user_id","due_at","notification_id") WHERE "notifications"."dismissed_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_dismissed_idx" ON "notifications" USING btree ("user_id","due_at","notification_id") WHERE "notifications"."dismissed_at" is not null;