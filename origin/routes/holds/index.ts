import { createRouter } from '../../http/errors';
import { createHold, createHoldRoute } from './create-hold';
import { getHold, getHoldRoute } from './get-hold';
import { releaseHold, releaseHoldRoute } from './release-hold';

/** `/api/events/{eventId}/holds`: buyer holds, behind the access token. */
export const holdRoutes = createRouter()
  .openapi(createHoldRoute, createHold)
  .openapi(getHoldRoute, getHold)
  .openapi(releaseHoldRoute, releaseHold);
