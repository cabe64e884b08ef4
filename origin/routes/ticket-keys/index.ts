import { createRouter } from '../../http/errors';
import { getTicketKeys, getTicketKeysRoute } from './get-ticket-keys';

/**
 * `/api/catalog/ticket-keys`: the public keys of ticket codes. Under `/api/catalog` so the CDN's
 * public, cached catalog behaviour serves it (scanners hold no access token).
 */
export const ticketKeyRoutes = createRouter().openapi(getTicketKeysRoute, getTicketKeys);
