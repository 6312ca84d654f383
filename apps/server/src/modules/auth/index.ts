export { createAuthService, type AuthService } from './auth.service';
export { authRoutes } from './auth.routes';
export { securityRoutes } from './security.routes';
export { createSecurityAlertService, type SecurityAlertService } from './security-alerts.service';
export { displayTokenRoutes } from './display.routes';
