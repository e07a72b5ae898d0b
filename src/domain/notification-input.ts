import { z } from "zod";
import { PageQuery } from "./list-queries.js";

/** `GET /api/notifications`: undismissed only unless `includeDismissed=true`. */
export const ListNotificationsQuery = z.strictObject({
  includeDismissed: z.enum(["true", "false"]).optional(),
  ...PageQuery,
});
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;

export const DismissNotificationInput = z.strictObject({ expectedVersion: z.number().int().min(1) });
