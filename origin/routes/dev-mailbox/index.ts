import { createRouter } from '../../http/errors';
import { getMail, getMailRoute, listMail, listMailRoute } from './mailbox';

/** `/api/dev/mailbox`: the local mailbox in the browser (404 when off, always in production). */
export const devMailboxRoutes = createRouter()
  .openapi(listMailRoute, listMail)
  .openapi(getMailRoute, getMail);
