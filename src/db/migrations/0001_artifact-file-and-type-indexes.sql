CREATE INDEX "artifacts_file_id_idx" ON "artifacts" USING btree ("file_id","artifact_id");--> statement-breakpoint
CREATE INDEX "artifacts_type_idx" ON "artifacts" USING btree ("type","artifact_id");