import { createRoute, z } from "@hono/zod-openapi";
import { Notification } from "../domain/notification.js";
import { DismissNotificationInput, ListNotificationsQuery } from "../domain/notification-input.js";
import { Task } from "../domain/task.js";
import { agendaOf } from "../services/reminders/agenda.js";
import {
  dismissAllNotifications,
  dismissNotification,
  listNotifications,
} from "../services/reminders/notifications.js";
import { router } from "./app-env.js";
import { access, body, IdParams, json, NoOptions, optionalBody, pageOf, responses } from "./route-kit.js";

const Agenda = z.object({
  date: z.string(),
  timeZone: z.string(),
  dueToday: z.array(Task),
  overdue: z.array(Task),
  followUpsDue: z.array(Task),
  undismissedReminders: z.number().int(),
  truncated: z.boolean(),
});

export function notificationRoutes() {
  return router()
    .openapi(
      createRoute({
        method: "get",
        path: "/api/notifications",
        summary: "My reminders and everyone's: undismissed first, newest first (includeDismissed=true for all)",
        ...access("viewer"),
        request: { query: ListNotificationsQuery },
        responses: responses({ 200: json(pageOf(Notification)) }),
      }),
      async (c) => c.json(await listNotifications(c.var.ctx, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/api/notifications/{id}/dismiss",
        summary: "Dismiss a reminder of mine, or one to everyone (operator; dismissed for everyone)",
        ...access("viewer"),
        request: { params: IdParams, ...body(DismissNotificationInput) },
        responses: responses({ 200: json(Notification) }),
      }),
      async (c) => c.json(await dismissNotification(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/api/notifications/dismiss-all",
        summary: "Dismiss all my undismissed reminders (and everyone's, for operators); at most 1,000 a call",
        ...access("viewer"),
        request: { query: NoOptions, ...optionalBody(NoOptions) },
        responses: responses({ 200: json(z.object({ dismissed: z.number().int(), remaining: z.boolean() })) }),
      }),
      async (c) => c.json(await dismissAllNotifications(c.var.ctx), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/me/agenda",
        summary: "My morning: tasks due today, overdue, follow-ups due, and undismissed reminders",
        ...access("viewer"),
        request: { query: NoOptions },
        responses: responses({ 200: json(Agenda) }),
      }),
      async (c) => c.json(await agendaOf(c.var.ctx), 200),
    );
}
