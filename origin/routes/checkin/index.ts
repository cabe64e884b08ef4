import { createRouter } from '../../http/errors';
import { checkInHandler, checkInRoute } from './check-in';

/** `/api/checkin`: door scanners admit tickets (organizer key or a scanner key). */
export const checkinRoutes = createRouter().openapi(checkInRoute, checkInHandler);
