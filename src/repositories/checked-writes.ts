import { Artifact } from "../domain/artifact.js";
import { AssistantJob } from "../domain/assistant-job.js";
import { AuditEvent } from "../domain/audit-event.js";
import { Bundle } from "../domain/bundle.js";
import { ValidationError } from "../domain/errors.js";
import { FileRecord } from "../domain/file-record.js";
import { Notification } from "../domain/notification.js";
import { recordProblems } from "../domain/record-problems.js";
import { RecurringConfig } from "../domain/recurring-config.js";
import { RunLogEntry } from "../domain/run-log.js";
import { Session } from "../domain/session.js";
import { StepExecution } from "../domain/step-execution.js";
import { Task, TaskEvent } from "../domain/task.js";
import { ApiToken, User } from "../domain/user.js";
import { formatPath } from "../domain/validation-issues.js";
import { WorkflowEvent } from "../domain/workflow-event.js";
import { WorkflowVersion } from "../domain/workflow-version.js";
import type { Repository, VersionedStore, VersionedWrite } from "./repository.js";

type Schema = Parameters<typeof recordProblems>[0];
type Checked = [Schema, string, readonly object[]];

/** Refuses records their own domain schema (or the secret scan) rejects: what the export validator would report. */
function check(...groups: Checked[]): void {
  for (const [schema, name, records] of groups) {
    for (const record of records) {
      const problems = recordProblems(schema, record as Record<string, unknown>);
      if (problems.length === 0) continue;
      const issues = problems.map((p) => ({ path: formatPath(p.path), message: p.message }));
      const list = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
      throw new ValidationError(`refused to store a ${name}: ${list}`, { entity: name, issues });
    }
  }
}

const audits = (events: AuditEvent | readonly AuditEvent[]): Checked => [
  AuditEvent,
  "audit event",
  Array.isArray(events) ? events : [events],
];
const nexts = <T>(writes: readonly (VersionedWrite<T> | undefined)[]) =>
  writes.flatMap((w) => (w ? [w.next as object] : []));

/** A write that runs only once `inspect` has checked its arguments. */
function guard<A extends unknown[], R>(write: (...args: A) => Promise<R>, inspect: (...args: A) => Checked[]) {
  return async (...args: A): Promise<R> => {
    check(...inspect(...args));
    return write(...args);
  };
}

/** `create(record, audit)` and `update(next, expectedVersion, audit)`, both checked. */
function recordStore<T extends object, S extends VersionedStore<T> & { create(r: T, a: AuditEvent): Promise<T> }>(
  store: S,
  schema: Schema,
  name: string,
): S {
  return {
    ...store,
    create: guard(store.create, (record, audit) => [[schema, name, [record]], audits(audit)]),
    update: guard(store.update, (next, _version, audit) => [[schema, name, [next]], audits(audit)]),
  };
}

/**
 * The repository with every write checked against the domain first, in this one place: whatever a
 * service builds (from input, defaults or configuration), nothing stored can become an export
 * validator finding. Reads, exports and imports (validated as a whole before they write) pass through.
 */
export function withCheckedWrites(repo: Repository): Repository {
  const { workflowVersions, bundles, tasks, runs, events, files, assistantJobs } = repo;
  const candidate = WorkflowVersion.omit({ version: true });
  return {
    ...repo,
    users: recordStore(repo.users, User, "user"),
    apiTokens: recordStore(repo.apiTokens, ApiToken, "api token"),
    sessions: recordStore(repo.sessions, Session, "session"),
    recurringConfigs: {
      ...recordStore(repo.recurringConfigs, RecurringConfig, "recurring config"),
      delete: guard(repo.recurringConfigs.delete, (_id, _version, audit) => [audits(audit)]),
    },
    notifications: recordStore(repo.notifications, Notification, "notification"),
    artifacts: recordStore(repo.artifacts, Artifact, "artifact"),
    workflowVersions: {
      ...workflowVersions,
      register: guard(workflowVersions.register, (c, audit) => [[candidate, "workflow version", [c]], audits(audit)]),
    },
    bundles: {
      ...bundles,
      update: guard(bundles.update, (next, _version, audit) => [[Bundle, "bundle", [next]], audits(audit)]),
      updateNotifying: guard(bundles.updateNotifying, (next, _version, audit, raised) => [
        [Bundle, "bundle", [next]],
        [Notification, "notification", raised],
        audits(audit),
      ]),
      createWithTasks: guard(bundles.createWithTasks, (input) => [
        [Bundle, "bundle", [input.bundle]],
        [Task, "task", input.tasks],
        [TaskEvent, "task event", input.taskEvents],
        audits(input.audit),
      ]),
    },
    tasks: {
      ...tasks,
      create: guard(tasks.create, (input) => [
        [Task, "task", [input.task]],
        [Bundle, "bundle", nexts([input.bundle])],
        [TaskEvent, "task event", input.event ? [input.event] : []],
        audits(input.audit),
      ]),
      update: guard(tasks.update, (input) => [
        [Task, "task", nexts([input.task])],
        [Bundle, "bundle", nexts([input.bundle])],
        [TaskEvent, "task event", input.event ? [input.event] : []],
        [Notification, "notification", input.notifications ?? []],
        audits(input.audit),
      ]),
      updateMany: guard(tasks.updateMany, (input) => [
        [Task, "task", input.changes.map((c) => c.next)],
        [Bundle, "bundle", nexts([input.bundle])],
        [TaskEvent, "task event", input.events],
        audits(input.audit),
      ]),
      delete: guard(tasks.delete, (input) => [[Bundle, "bundle", nexts([input.bundle])], audits(input.audit)]),
    },
    runs: {
      ...runs,
      apply: guard(runs.apply, (write) => [
        [Bundle, "bundle", nexts([write.bundle])],
        [StepExecution, "step execution", [...write.createSteps, ...nexts(write.updateSteps)]],
        [Task, "task", [...write.createTasks, ...nexts(write.updateTasks)]],
        [TaskEvent, "task event", write.taskEvents],
        [Notification, "notification", write.notifications],
        audits(write.audit),
        [RunLogEntry, "run log entry", write.logs],
      ]),
    },
    events: { ...events, create: guard(events.create, (event) => [[WorkflowEvent, "event", [event]]]) },
    files: {
      ...files,
      create: guard(files.create, (file, audit) => [[FileRecord, "file", [file]], audits(audit)]),
      delete: guard(files.delete, (_fileId, audit) => [audits(audit)]),
    },
    assistantJobs: {
      ...recordStore(assistantJobs, AssistantJob, "assistant job"),
      saveWithArtifacts: guard(assistantJobs.saveWithArtifacts, (input) => [
        [AssistantJob, "assistant job", nexts([input.job])],
        [Artifact, "artifact", [...input.newArtifacts, ...nexts(input.artifacts)]],
        audits(input.audit),
      ]),
    },
  };
}
