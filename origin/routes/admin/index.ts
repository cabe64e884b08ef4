import { createRouter } from '../../http/errors';
import { getAdmission, getAdmissionRoute, putAdmission, putAdmissionRoute } from './admission';
import { createEvent, createEventRoute } from './create-event';
import { getDashboard, getDashboardRoute } from './get-dashboard';
import { getStats, getStatsRoute } from './get-stats';
import { adminListEvents, adminListEventsRoute } from './list-events';
import { updateEvent, updateEventRoute } from './update-event';

/** `/api/admin/*`: organizer operations behind the organizer key. */
export const adminRoutes = createRouter()
  .openapi(adminListEventsRoute, adminListEvents)
  .openapi(createEventRoute, createEvent)
  .openapi(updateEventRoute, updateEvent)
  .openapi(getStatsRoute, getStats)
  .openapi(getDashboardRoute, getDashboard)
  .openapi(getAdmissionRoute, getAdmission)
  .openapi(putAdmissionRoute, putAdmission);
