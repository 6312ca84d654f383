import { z } from 'zod';
import { ROLES } from '../permissions';
import { pageQuery } from './common';

/** One management-terminal address or range: an IPv4/IPv6 address, optionally with a prefix length. */
export const allowlistEntry = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);

/**
 * The security policy (security administrator only). Every field has the value that was built in before
 * it became a setting, so a fresh install behaves as before; 0 turns an expiry off.
 */
export const securityPolicySchema = z.strictObject({
  passwordMinLength: z.number().int().min(8).max(64),
  passwordMinClasses: z.number().int().min(3).max(4),
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutWindowMinutes: z.number().int().min(1).max(1440),
  lockoutMinutes: z.number().int().min(1).max(1440),
  sessionIdleMinutes: z.number().int().min(5).max(480),
  sessionAbsoluteHours: z.number().int().min(1).max(72),
  adminSessionIdleMinutes: z.number().int().min(5).max(120),
  adminSessionAbsoluteHours: z.number().int().min(1).max(24),
  adminPasswordMaxAgeDays: z.number().int().min(0).max(365),
  idleAccountDays: z.number().int().min(0).max(3650),
  adminIpAllowlist: z.array(allowlistEntry).max(50),
  totpRequiredRoles: z.array(z.enum(ROLES)).max(ROLES.length),
  alertWindowMinutes: z.number().int().min(1).max(1440),
  alertDeniedThreshold: z.number().int().min(2).max(10_000),
  alertLoginFailedThreshold: z.number().int().min(2).max(10_000),
  alertRevealLimitThreshold: z.number().int().min(1).max(10_000),
});
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  passwordMinLength: 8,
  passwordMinClasses: 3,
  lockoutThreshold: 5,
  lockoutWindowMinutes: 15,
  lockoutMinutes: 30,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  adminSessionIdleMinutes: 15,
  adminSessionAbsoluteHours: 8,
  adminPasswordMaxAgeDays: 90,
  idleAccountDays: 91,
  adminIpAllowlist: [],
  totpRequiredRoles: ['sys_admin', 'sec_admin', 'audit_admin'],
  alertWindowMinutes: 10,
  alertDeniedThreshold: 20,
  alertLoginFailedThreshold: 10,
  alertRevealLimitThreshold: 3,
};

export const securityPolicyStateSchema = z.object({
  policy: securityPolicySchema,
  version: z.number(),
  updatedAt: z.string().nullable(),
});
export type SecurityPolicyState = z.infer<typeof securityPolicyStateSchema>;
/** A change sends the whole policy with the version it was read at. */
export const updateSecurityPolicyBody = z.strictObject({ policy: securityPolicySchema, version: z.number() });
export type UpdateSecurityPolicyBody = z.input<typeof updateSecurityPolicyBody>;

// ---- Second factor (TOTP) -------------------------------------------------------------------------

export const totpStatusSchema = z.object({
  enrolled: z.boolean(),
  required: z.boolean(),
  recoveryCodesLeft: z.number(),
});
export type TotpStatus = z.infer<typeof totpStatusSchema>;
/** A new secret while enrolling: the QR code as an SVG data URL, and the secret to type by hand. */
export const totpSetupSchema = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrDataUrl: z.string(),
});
export type TotpSetup = z.infer<typeof totpSetupSchema>;
export const totpCodeBody = z.strictObject({ code: z.string().trim().min(6).max(20) });
export type TotpCodeBody = z.input<typeof totpCodeBody>;
/** The ten one-time recovery codes, shown once. */
export const totpEnrolledSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type TotpEnrolled = z.infer<typeof totpEnrolledSchema>;
/** The login's second step: the challenge from the password step and a code (or a recovery code). */
export const loginTotpBody = z.strictObject({
  challenge: z.string().min(10).max(100),
  code: z.string().trim().min(6).max(20),
});
export type LoginTotpBody = z.input<typeof loginTotpBody>;
export const resetTotpByNameBody = z.strictObject({ username: z.string().min(1).max(64) });
export type ResetTotpByNameBody = z.input<typeof resetTotpByNameBody>;

// ---- Denial-burst alerts ---------------------------------------------------------------------------

export const SECURITY_ALERT_KINDS = ['denied', 'login_failed', 'reveal_limit'] as const;
export type SecurityAlertKind = (typeof SECURITY_ALERT_KINDS)[number];
export const securityAlertSchema = z.object({
  id: z.string(),
  kind: z.enum(SECURITY_ALERT_KINDS),
  /** Who: `user:<name>` or `ip:<address>`. */
  subject: z.string(),
  count: z.number(),
  windowStart: z.string(),
  createdAt: z.string(),
});
export type SecurityAlert = z.infer<typeof securityAlertSchema>;
export const listSecurityAlertsQuery = z.strictObject(pageQuery);
export type ListSecurityAlertsQuery = z.input<typeof listSecurityAlertsQuery>;
export const securityAlertListSchema = z.object({ total: z.number(), items: z.array(securityAlertSchema) });
export type SecurityAlertList = z.infer<typeof securityAlertListSchema>;
