/**
 * Prints a fresh `TICKET_KEYS` value (an Ed25519 key ring for signing ticket codes) to store in
 * the `ticketKeys` field of the `floodgate/app` secret (docs/deploy.md). To rotate, keep the old
 * key's public part under its kid and make the new one active: tickets already sold still verify.
 * @example npm run -s keys:ticket
 */
import { generateTicketKeyRing, ticketKeysSetting } from '../origin/domain/ticket-code-keys';

console.log(ticketKeysSetting(generateTicketKeyRing()));
