CREATE TABLE "api_tokens" (
	"token_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "artifacts" (
	"artifact_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"status" text NOT NULL,
	"storage_provider" text NOT NULL,
	"storage_uri" text NOT NULL,
	"filename" text,
	"content_type" text,
	"checksum" text,
	"size_bytes" integer,
	"data_class" text NOT NULL,
	"task_id" text,
	"bundle_id" text,
	"assistant_job_id" text,
	"file_id" text,
	"source_type" text NOT NULL,
	"created_by" text,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"superseded_by" text,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"metadata" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistant_jobs" (
	"assistant_job_id" text PRIMARY KEY NOT NULL,
	"assistant_type" text NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"task_id" text,
	"bundle_id" text,
	"requested_by" text,
	"input_refs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"output_artifact_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"approval_required" boolean DEFAULT false NOT NULL,
	"approval" jsonb,
	"attempt_count" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 3 NOT NULL,
	"retry_of_job_id" text,
	"last_error" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"audit_event_id" text PRIMARY KEY NOT NULL,
	"actor_id" text,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bundles" (
	"bundle_id" text PRIMARY KEY NOT NULL,
	"workflow_id" text,
	"workflow_version_id" text,
	"title" text NOT NULL,
	"description" text,
	"anchor_date" date NOT NULL,
	"stages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"stage" text NOT NULL,
	"stage_before_completion" text,
	"status" text NOT NULL,
	"references" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"task_count" integer DEFAULT 0 NOT NULL,
	"open_task_count" integer DEFAULT 0 NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by" text,
	"idempotency_key" text,
	"request_hash" text,
	"created_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "files" (
	"file_id" text PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"bundle_id" text,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"checksum" text NOT NULL,
	"storage_provider" text NOT NULL,
	"storage_uri" text NOT NULL,
	"category" text,
	"uploaded_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"notification_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"user_id" text,
	"task_id" text,
	"bundle_id" text,
	"recurring_config_id" text,
	"message" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"dedupe_key" text NOT NULL,
	"dismissed_at" timestamp with time zone,
	"dismissed_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recurring_configs" (
	"recurring_config_id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"workflow_id" text,
	"task_description" text,
	"assignee_id" text,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cron" text NOT NULL,
	"lead_days" integer DEFAULT 0 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_run_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_events" (
	"task_event_id" text PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"bundle_id" text,
	"kind" text NOT NULL,
	"actor_id" text,
	"note" text,
	"changes" jsonb,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"task_id" text PRIMARY KEY NOT NULL,
	"bundle_id" text,
	"workflow_id" text,
	"workflow_version_id" text,
	"template_task_ref" text,
	"task_order" integer DEFAULT 0 NOT NULL,
	"description" text NOT NULL,
	"date" date NOT NULL,
	"assignee_id" text,
	"status" text NOT NULL,
	"is_milestone" boolean DEFAULT false NOT NULL,
	"stage_on_complete" text,
	"waiting_for" text,
	"follow_up_at" timestamp with time zone,
	"follow_up_channel" text,
	"completed_at" timestamp with time zone,
	"completed_by" text,
	"link" text,
	"comment" text,
	"external_status" text,
	"required_link_name" text,
	"requires_file" boolean DEFAULT false NOT NULL,
	"proof_requirement" jsonb,
	"instruction_doc_id" text,
	"instruction_step_id" text,
	"phase" text,
	"systems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"validation" jsonb,
	"instructions_url" text,
	"source_doc_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source" text NOT NULL,
	"recurring_config_id" text,
	"created_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"user_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_versions" (
	"workflow_version_id" text PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"version" integer NOT NULL,
	"content_hash" text NOT NULL,
	"source_path" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_task_id_tasks_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("task_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_bundle_id_bundles_bundle_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."bundles"("bundle_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_assistant_job_id_assistant_jobs_assistant_job_id_fk" FOREIGN KEY ("assistant_job_id") REFERENCES "public"."assistant_jobs"("assistant_job_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_file_id_files_file_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("file_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_created_by_users_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("user_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_reviewed_by_users_user_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("user_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistant_jobs" ADD CONSTRAINT "assistant_jobs_task_id_tasks_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("task_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistant_jobs" ADD CONSTRAINT "assistant_jobs_bundle_id_bundles_bundle_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."bundles"("bundle_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistant_jobs" ADD CONSTRAINT "assistant_jobs_requested_by_users_user_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("user_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_users_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("user_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_workflow_version_id_workflow_versions_workflow_version_id_fk" FOREIGN KEY ("workflow_version_id") REFERENCES "public"."workflow_versions"("workflow_version_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_completed_by_users_user_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("user_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_created_by_users_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("user_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_task_id_tasks_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("task_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_bundle_id_bundles_bundle_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."bundles"("bundle_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_uploaded_by_users_user_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("user_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_task_id_tasks_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("task_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_bundle_id_bundles_bundle_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."bundles"("bundle_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recurring_config_id_recurring_configs_recurring_config_id_fk" FOREIGN KEY ("recurring_config_id") REFERENCES "public"."recurring_configs"("recurring_config_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_dismissed_by_users_user_id_fk" FOREIGN KEY ("dismissed_by") REFERENCES "public"."users"("user_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recurring_configs" ADD CONSTRAINT "recurring_configs_assignee_id_users_user_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("user_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_task_id_tasks_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("task_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_bundle_id_bundles_bundle_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."bundles"("bundle_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_actor_id_users_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("user_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_bundle_id_bundles_bundle_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."bundles"("bundle_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_workflow_version_id_workflow_versions_workflow_version_id_fk" FOREIGN KEY ("workflow_version_id") REFERENCES "public"."workflow_versions"("workflow_version_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assignee_id_users_user_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("user_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_completed_by_users_user_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("user_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_recurring_config_id_recurring_configs_recurring_config_id_fk" FOREIGN KEY ("recurring_config_id") REFERENCES "public"."recurring_configs"("recurring_config_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_created_by_users_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("user_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_token_hash_idx" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens" USING btree ("user_id","token_id");--> statement-breakpoint
CREATE INDEX "artifacts_task_id_idx" ON "artifacts" USING btree ("task_id","artifact_id");--> statement-breakpoint
CREATE INDEX "artifacts_bundle_id_idx" ON "artifacts" USING btree ("bundle_id","artifact_id");--> statement-breakpoint
CREATE INDEX "artifacts_assistant_job_id_idx" ON "artifacts" USING btree ("assistant_job_id","artifact_id");--> statement-breakpoint
CREATE INDEX "artifacts_status_idx" ON "artifacts" USING btree ("status","artifact_id");--> statement-breakpoint
CREATE INDEX "assistant_jobs_status_idx" ON "assistant_jobs" USING btree ("status","assistant_job_id");--> statement-breakpoint
CREATE INDEX "assistant_jobs_task_id_idx" ON "assistant_jobs" USING btree ("task_id","assistant_job_id");--> statement-breakpoint
CREATE INDEX "assistant_jobs_bundle_id_idx" ON "assistant_jobs" USING btree ("bundle_id","assistant_job_id");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id","audit_event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bundles_idempotency_key_idx" ON "bundles" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "bundles_status_idx" ON "bundles" USING btree ("status","bundle_id");--> statement-breakpoint
CREATE INDEX "bundles_stage_idx" ON "bundles" USING btree ("stage","bundle_id");--> statement-breakpoint
CREATE INDEX "bundles_workflow_id_idx" ON "bundles" USING btree ("workflow_id","bundle_id");--> statement-breakpoint
CREATE INDEX "files_task_id_idx" ON "files" USING btree ("task_id","file_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_key_idx" ON "notifications" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_user_id_due_at_idx" ON "notifications" USING btree ("user_id","due_at","notification_id");--> statement-breakpoint
CREATE INDEX "recurring_configs_next_run_at_idx" ON "recurring_configs" USING btree ("next_run_at","recurring_config_id") WHERE "recurring_configs"."enabled";--> statement-breakpoint
CREATE INDEX "task_events_task_id_idx" ON "task_events" USING btree ("task_id","task_event_id");--> statement-breakpoint
CREATE INDEX "tasks_date_idx" ON "tasks" USING btree ("date","task_id");--> statement-breakpoint
CREATE INDEX "tasks_open_date_idx" ON "tasks" USING btree ("date","task_id") WHERE "tasks"."status" in ('todo', 'waiting');--> statement-breakpoint
CREATE INDEX "tasks_assignee_id_status_idx" ON "tasks" USING btree ("assignee_id","status","date","task_id");--> statement-breakpoint
CREATE INDEX "tasks_assignee_id_date_idx" ON "tasks" USING btree ("assignee_id","date","task_id");--> statement-breakpoint
CREATE INDEX "tasks_bundle_id_idx" ON "tasks" USING btree ("bundle_id","task_order","task_id");--> statement-breakpoint
CREATE INDEX "tasks_status_idx" ON "tasks" USING btree ("status","task_id");--> statement-breakpoint
CREATE INDEX "tasks_waiting_follow_up_at_idx" ON "tasks" USING btree ("follow_up_at","task_id") WHERE "tasks"."status" = 'waiting';--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_versions_workflow_id_content_hash_idx" ON "workflow_versions" USING btree ("workflow_id","content_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_versions_workflow_id_version_idx" ON "workflow_versions" USING btree ("workflow_id","version");