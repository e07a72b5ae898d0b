CREATE TABLE "step_executions" (
	"step_execution_id" text PRIMARY KEY NOT NULL,
	"bundle_id" text NOT NULL,
	"branch_path" text NOT NULL,
	"step_id" text NOT NULL,
	"visit" integer NOT NULL,
	"attempt" integer NOT NULL,
	"status" text NOT NULL,
	"task_id" text,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"wake_at" timestamp with time zone,
	"input" jsonb,
	"output" jsonb,
	"error" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "run_status" text;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "input" jsonb;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "variables" jsonb;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "error" jsonb;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "correlation_id" text;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "run_wake_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "step_execution_id" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "outcomes" jsonb;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "step_executions" ADD CONSTRAINT "step_executions_bundle_id_bundles_bundle_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."bundles"("bundle_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_executions" ADD CONSTRAINT "step_executions_task_id_tasks_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("task_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "step_executions_bundle_id_branch_path_step_id_visit_attempt_idx" ON "step_executions" USING btree ("bundle_id","branch_path","step_id","visit","attempt");--> statement-breakpoint
CREATE INDEX "step_executions_bundle_id_idx" ON "step_executions" USING btree ("bundle_id","step_execution_id");--> statement-breakpoint
CREATE INDEX "step_executions_task_id_idx" ON "step_executions" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "bundles_run_wake_at_idx" ON "bundles" USING btree ("run_wake_at","bundle_id") WHERE "bundles"."run_wake_at" is not null;