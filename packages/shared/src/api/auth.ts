import { z } from 'zod';
import { ROLES } from '../permissions';
import { orgSchema } from './org';

/** The signed-in user as the web sees it: who, which roles and permissions, which organizations. */
export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  permissions: z.array(z.string()),
  scopeOrgs: z.array(orgSchema),
  mustChangePassword: z.boolean(),
  /** The security policy requires a second factor of this account and it has none yet: enrol first. */
  mustEnrollTotp: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;

export const loginBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.input<typeof loginBody>;
/** Signed in, or (an account with a second factor) the challenge for the code step. */
export const loginSchema = z.union([
  z.object({ user: meSchema }),
  z.object({ totpRequired: z.literal(true), challenge: z.string() }),
]);
export type Login = z.infer<typeof loginSchema>;

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
  logoutOthers: z.boolean().default(false),
});
export type ChangePasswordBody = z.input<typeof changePasswordBody>;

/** The holder of a newly approved account sets its first password with the one-time code. */
export const activateAccountBody = z.strictObject({
  username: z.string().min(1).max(64),
  code: z.string().min(1).max(40),
  newPassword: z.string().min(1).max(256),
});
export type ActivateAccountBody = z.input<typeof activateAccountBody>;
