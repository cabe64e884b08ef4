import { createRouter } from '../../http/errors';
import { createCheckout, createCheckoutRoute } from './create-checkout';

/** `/api/events/{eventId}/checkout`: pay for a hold. */
export const checkoutRoutes = createRouter().openapi(createCheckoutRoute, createCheckout);
