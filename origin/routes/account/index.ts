import { createRouter } from '../../http/errors';
import { me, meRoute } from './me';
import { myOrders, myOrdersRoute } from './my-orders';
import { resend, resendRoute } from './resend';
import { signIn, signInRoute } from './sign-in';
import { signOut, signOutRoute } from './sign-out';
import { verifyLinkGet, verifyLinkGetRoute, verifyLinkPost, verifyLinkPostRoute } from './verify';

/** `/api/account/*`: buyer sign-in by magic link, the session, "my orders". */
export const accountRoutes = createRouter()
  .openapi(signInRoute, signIn)
  .openapi(verifyLinkGetRoute, verifyLinkGet)
  .openapi(verifyLinkPostRoute, verifyLinkPost)
  .openapi(meRoute, me)
  .openapi(signOutRoute, signOut)
  .openapi(myOrdersRoute, myOrders)
  .openapi(resendRoute, resend);
