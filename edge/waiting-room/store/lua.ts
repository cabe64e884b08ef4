import {
  ADJUST_INTERVAL_MS,
  DECREASE_DENOMINATOR,
  DECREASE_NUMERATOR,
  ERROR_RATE_LIMIT,
  INCREASE_STEPS,
} from '../adaptive-rate';
import { DEFAULT_ADMISSION_CONFIG } from '../admission-policy';
import { ADMITTED_STREAM_MAX, UNKNOWN_TICKET_TTL_MS } from './limits';
import { CONFIG_FIELDS, PRELUDE } from './lua-prelude';

/**
 * Lua scripts of the Redis room store. Each operation is ONE script, so it runs atomically in
 * Redis: any number of edge instances can read state and admit concurrently without
 * over-admitting. Keys and the shared steps: lua-prelude.ts. A script that finds the pre-queue
 * due for its shuffle answers `{'2'}` without changing anything; the caller seals it
 * (SEAL_SCRIPT, with the order computed in JavaScript) and runs the script again.
 */

const OPEN = `
local r = load()
if not r then return { '0' } end
if needsSeal(r, now) then return { '2' } end
advance(r, now)`;

/** ARGV: now, clientHash, new ticketId, ticket expiry ms. → snapshot + ticketId, pos, reused, ahead. */
export const JOIN_SCRIPT = `${PRELUDE}${OPEN}
local cs, id, exp = ARGV[2], ARGV[3], tonumber(ARGV[4])
local pos, reused = 0, 0
local held = redis.call('HGET', clientsKey, cs)
local rec = held and redis.call('HGET', ticketsKey, held)
if rec then
  local p, u = parse(rec)
  if u == -1 or u > now then
    id, pos, reused = held, p, 1
    if u == -1 then touch(r, id, pos, now) end
  end
end
if reused == 0 then
  if inPrequeue(r, now) then
    redis.call('RPUSH', logKey, id)
  else
    r.queue = r.queue + 1
    pos = r.queue
    redis.call('ZADD', aliveKey, fmt(pos), id)
  end
  redis.call('HSET', ticketsKey, id, fmt(pos) .. ':-1')
  redis.call('ZADD', seenKey, fmt(now), id)
  redis.call('HSET', clientsKey, cs, id)
end
keepUntil('t:' .. id, exp)
keepUntil('c:' .. cs, exp)
local out = snap(r, now)
save(r)
for _, v in ipairs({ id, fmt(pos), fmt(reused), fmt(ahead(r, id, pos)) }) do table.insert(out, v) end
return out`;

/** ARGV: now, ticketId ('' for none). → snapshot. */
export const STATE_SCRIPT = `${PRELUDE}${OPEN}
if ARGV[2] ~= '' then
  local rec = redis.call('HGET', ticketsKey, ARGV[2])
  if rec then
    local p, u = parse(rec)
    if u == -1 then touch(r, ARGV[2], p, now) end
  end
end
local out = snap(r, now)
save(r)
return out`;

/** ARGV: now, ticketId, signed position, ticket expiry ms ('' unknown). → snapshot + status, expiresAt, pos, ahead. */
export const ADMIT_SCRIPT = `${PRELUDE}${OPEN}
local id = ARGV[2]
local pos, u = tonumber(ARGV[3]), -1
local rec = redis.call('HGET', ticketsKey, id)
if rec then
  pos, u = parse(rec)
  if u == -1 then touch(r, id, pos, now) end
else
  redis.call('HSET', ticketsKey, id, fmt(pos) .. ':-1')
  keepUntil('t:' .. id, tonumber(ARGV[4]) or (now + ${UNKNOWN_TICKET_TTL_MS}))
  touch(r, id, pos, now)
end
local status, expires = 'waiting', 0
if u > now then
  status, expires = 'already_admitted', u
elseif u ~= -1 then
  status = 'ended'
elseif not invited(r, id, pos) then
  status = 'waiting'
elseif r.active >= r.maxActive then
  status = 'full'
else
  expires = now + r.session * 1000
  redis.call('ZADD', activeKey, fmt(expires), id)
  redis.call('HSET', ticketsKey, id, fmt(pos) .. ':' .. fmt(expires))
  redis.call('ZREM', aliveKey, id)
  redis.call('ZREM', seenKey, id)
  keepUntil('t:' .. id, expires)
  r.admitted = r.admitted + 1
  r.active = r.active + 1
  count(r, 'a', 1, now)
  redis.call('XADD', admittedKey, 'MAXLEN', '~', '${ADMITTED_STREAM_MAX}', '*',
    'ticket', id, 'position', fmt(pos), 'at', fmt(now))
  status = 'admitted'
end
local out = snap(r, now)
save(r)
for _, v in ipairs({ status, fmt(expires), fmt(pos), fmt(ahead(r, id, pos)) }) do table.insert(out, v) end
return out`;

/**
 * KEYS: [1] admitted stream. ARGV: cursor ('' from the oldest entry), count.
 * → flat id, ticket, position, at per entry after the cursor.
 */
export const ADMITTED_SINCE_SCRIPT = `
local from = '-'
if ARGV[1] ~= '' then from = '(' .. ARGV[1] end
local out = {}
for _, e in ipairs(redis.call('XRANGE', KEYS[1], from, '+', 'COUNT', ARGV[2])) do
  local f = {}
  for i = 1, #e[2], 2 do f[e[2][i]] = e[2][i + 1] end
  for _, v in ipairs({ e[1], f.ticket or '', f.position or '0', f.at or '0' }) do table.insert(out, v) end
end
return out`;

/** ARGV: now, ticketId. → 'active' | 'ended' | 'waiting' | 'unknown' (types.ts SessionStatus). */
export const SESSION_SCRIPT = `
local rec = redis.call('HGET', KEYS[3], ARGV[2])
if not rec then return 'unknown' end
local u = tonumber(string.match(rec, ':(-?%d+)$'))
if u == -1 then return 'waiting' end
if u > tonumber(ARGV[1]) and redis.call('ZSCORE', KEYS[2], ARGV[2]) then return 'active' end
return 'ended'`;

/** ARGV: now, ticketId. → 1 if a live slot was freed, else 0. */
export const RELEASE_SCRIPT = `${PRELUDE}
local r = load()
if not r then return 0 end
local id = ARGV[2]
local rec = redis.call('HGET', ticketsKey, id)
if rec then
  local p, u = parse(rec)
  if u ~= -1 then redis.call('HSET', ticketsKey, id, fmt(p) .. ':0') end
end
local removed = redis.call('ZREM', activeKey, id)
if removed == 1 then count(r, 'd', 1, now); save(r) end
return removed`;

const d = DEFAULT_ADMISSION_CONFIG;
const DEFAULTS: Record<string, string | number> = {
  rate: d.ratePerMinute,
  maxActive: d.maxActive,
  session: d.sessionSeconds,
  paused: d.paused ? 1 : 0,
  queueAll: d.queueAll ? 1 : 0,
  opensAt: d.opensAt ?? '',
  mode: d.mode,
  target: d.targetP95Ms,
  minRate: d.minRatePerMinute,
  maxRate: d.maxRatePerMinute,
  abandon: d.abandonAfterSeconds,
};
const defaultsLua = Object.entries(DEFAULTS)
  .map(([field, value]) => `'${field}', '${value}'`)
  .join(', ');

/** The config fields as a Lua argument list. */
const CONFIG_LIST = CONFIG_FIELDS.map((f) => `'${f}'`).join(', ');

/** The body of CONFIGURE_SCRIPT (after the prelude), shared with RESTORE_CONFIG_SCRIPT. */
const CONFIGURE_BODY = `
local patch = {}
for i = 4, #ARGV, 2 do patch[ARGV[i]] = ARGV[i + 1] end
local bounds = redis.call('HMGET', room, 'minRate', 'maxRate')
local mn = tonumber(patch.minRate or bounds[1] or '${d.minRatePerMinute}')
local mx = tonumber(patch.maxRate or bounds[2] or '${d.maxRatePerMinute}')
if mn > mx then return { 'bad' } end
local r = load()
if r then
  if needsSeal(r, now) then return { '2' } end
  advance(r, now)
  save(r)
else
  redis.call('HSET', room, ${defaultsLua}, 'serving', '0', 'carry', '0', 'last', fmt(now),
    'queue', '0', 'admitted', '0', 'dS', fmt(now), 'dC', '0', 'dP', '0', 'aS', fmt(now),
    'aC', '0', 'aP', '0', 'lS', fmt(now), 'lC', '0', 'lP', '0', 'sealed', '0', 'base', '0',
    'adjAt', '0', 'seed', ARGV[2], 'commit', ARGV[3])
end
for i = 4, #ARGV, 2 do redis.call('HSET', room, ARGV[i], ARGV[i + 1]) end
local c = redis.call('HMGET', room, 'mode', 'rate', 'minRate', 'maxRate')
if c[1] == 'adaptive' then
  local rate = math.min(tonumber(c[4]), math.max(tonumber(c[3]), tonumber(c[2])))
  redis.call('HSET', room, 'rate', fmt(rate))
end
return redis.call('HMGET', room, ${CONFIG_LIST})`;

/**
 * ARGV: now, seed, commitment, then field/value pairs of the (validated) patch.
 * → config fields, or `{'bad'}` when the merged rate bounds cross, `{'2'}` when a seal is due.
 */
export const CONFIGURE_SCRIPT = `${PRELUDE}${CONFIGURE_BODY}`;

/**
 * CONFIGURE_SCRIPT only when the room has no config (a restore after Redis lost it): in the same
 * atomic step as the check, so a config written meanwhile is never overwritten. Same ARGV.
 * → `{'kept'}` when a config exists (nothing changed), else CONFIGURE_SCRIPT's reply.
 */
export const RESTORE_CONFIG_SCRIPT = `${PRELUDE}
if redis.call('HEXISTS', room, '${CONFIG_FIELDS[0]}') == 1 then return { 'kept' } end${CONFIGURE_BODY}`;

/** No ARGV. → config fields (all nil for an unknown event). */
export const GET_CONFIG_SCRIPT = `return redis.call('HMGET', KEYS[1], ${CONFIG_LIST})`;

/** ARGV: at, p95Ms, errorRate. → { '1', rate, changed } (adaptive-rate.ts, atomically). */
export const HEALTH_SCRIPT = `${PRELUDE}${OPEN}
local p95, errorRate = tonumber(ARGV[2]), tonumber(ARGV[3])
local changed = 0
if r.mode == 'adaptive' and now >= r.adjAt + ${ADJUST_INTERVAL_MS} then
  local nextRate
  if p95 > r.target or errorRate > ${ERROR_RATE_LIMIT} then
    nextRate = math.floor(r.rate * ${DECREASE_NUMERATOR} / ${DECREASE_DENOMINATOR})
  else
    nextRate = r.rate + math.max(1, math.ceil((r.maxRate - r.minRate) / ${INCREASE_STEPS}))
  end
  nextRate = math.min(r.maxRate, math.max(r.minRate, nextRate))
  if nextRate ~= r.rate then changed = 1 end
  r.rate = nextRate
  r.adjAt = now
end
save(r)
return { '1', fmt(r.rate), fmt(changed) }`;

/** No ARGV beyond now. → { '1', seed, commitment, sealed, base, ...log } or { '0' }. */
export const PREQUEUE_READ_SCRIPT = `${PRELUDE}
local r = load()
if not r then return { '0' } end
local out = { '1', r.seed, r.commit, fmt(r.sealed), fmt(r.base) }
for _, id in ipairs(redis.call('LRANGE', logKey, 0, -1)) do table.insert(out, id) end
return out`;

/** No ARGV beyond now. → the join log's positions in join order ('' when unknown). */
export const PREQUEUE_POSITIONS_SCRIPT = `${PRELUDE}
local out = {}
for _, id in ipairs(redis.call('LRANGE', logKey, 0, -1)) do
  local rec = redis.call('HGET', ticketsKey, id)
  local p = rec and parse(rec) or 0
  if p > 0 then table.insert(out, fmt(p)) else table.insert(out, '') end
end
return out`;

/**
 * ARGV: now, n, then the shuffled order (join indices, 0-based; prequeue-shuffle.ts).
 * → 1 sealed (now or before), 0 unknown room, -1 the log changed meanwhile (read again).
 */
export const SEAL_SCRIPT = `${PRELUDE}
local r = load()
if not r then return 0 end
if r.sealed == 1 then return 1 end
local log = redis.call('LRANGE', logKey, 0, -1)
if #log ~= tonumber(ARGV[2]) then return -1 end
local base = r.queue
for k = 1, #log do
  local id = log[tonumber(ARGV[k + 2]) + 1]
  local rec = redis.call('HGET', ticketsKey, id)
  if rec then
    local _, u = parse(rec)
    local pos = base + k
    redis.call('HSET', ticketsKey, id, fmt(pos) .. ':' .. fmt(u))
    if redis.call('ZSCORE', seenKey, id) then redis.call('ZADD', aliveKey, fmt(pos), id) end
  end
end
r.queue = base + #log
r.base = base
r.sealed = 1
save(r)
return 1`;

/** KEYS: [1] counter of this window. ARGV: window length ms. → hits so far. */
export const RATE_LIMIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;
