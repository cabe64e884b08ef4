import { createRouter } from '../../http/errors';
import { getOrder, getOrderRoute } from './get-order';

/** `/api/orders`: read an order with its secret. */
export const orderRoutes = createRouter().openapi(getOrderRoute, getOrder);
