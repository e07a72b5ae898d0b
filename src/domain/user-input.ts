import { z } from "zod";
import { idSchema } from "./ids.js";
import { Email, UserRole } from "./user.js";

export const CreateUserInput = z.strictObject({
  /** Optional hand-chosen ID (`usr_host`), so definitions in Git can name the user. */
  userId: idSchema("user").optional(),
  name: z.string().trim().min(1).max(200),
  email: Email,
  role: UserRole,
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z.strictObject({
  expectedVersion: z.number().int().min(1),
  name: z.string().trim().min(1).max(200).optional(),
  role: UserRole.optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export const IssueTokenInput = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type IssueTokenInput = z.infer<typeof IssueTokenInput>;
