import { createRouter } from '../../http/errors';
import { getAvailability, getAvailabilityRoute } from './get-availability';
import { getEvent, getEventRoute } from './get-event';
import { listEvents, listEventsRoute } from './list-events';

/** `/api/catalog/*`: public, cacheable reads. */
export const catalogRoutes = createRouter()
  .openapi(listEventsRoute, listEvents)
  .openapi(getEventRoute, getEvent)
  .openapi(getAvailabilityRoute, getAvailability);
