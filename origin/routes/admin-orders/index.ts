import { createRouter } from '../../http/errors';
import { cancelEventHandler, cancelEventRoute } from './cancel-event';
import { cancelOrderHandler, cancelOrderRoute } from './cancel-order';
import { exportOrders, exportOrdersRoute } from './export-orders';
import { searchOrders, searchOrdersRoute } from './search-orders';

/** `/api/admin/orders…` and event cancellation/export: organizer order management. */
export const adminOrderRoutes = createRouter()
  .openapi(searchOrdersRoute, searchOrders)
  .openapi(cancelOrderRoute, cancelOrderHandler)
  .openapi(cancelEventRoute, cancelEventHandler)
  .openapi(exportOrdersRoute, exportOrders);
