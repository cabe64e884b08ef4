import type { AccessTokenClaims, VerifiedClaims } from '../../edge/token';
import type { Services } from '../services';

/**
 * Hono context of the origin app: the request id, the services, the verified buyer, and on
 * check-in routes the scanner's label (set by `requireScanner`).
 */
export interface AppEnv {
  Variables: {
    requestId: string;
    services: Services;
    organizerKey: string;
    access: AccessTokenClaims & VerifiedClaims;
    scanner: string;
  };
}
