import {
  CARRY_UNITS,
  DEFAULT_ADMISSION_CONFIG,
  MAX_ELAPSED_MS,
  WINDOW_MS,
} from '../admission-policy';

/**
 * Lua scripts of the Redis room store. Each operation is ONE script, so it runs atomically in
 * Redis: any number of edge instances can read state and admit concurrently without
 * over-admitting. The arithmetic mirrors admission-policy.ts line by line (the contract test
 * holds both to the same results).
 *
 * KEYS: [1] room hash, [2] active sessions (sorted set: ticketId by expiry ms), [3] admissions
 * hash (ticketId → expiry ms, '0' once released). ARGV[1] is always `now` (epoch ms).
 * Snapshots are returned as strings: '1', rate, maxActive, session, paused, queueAll, opensAt,
 * serving, queue, active, admitted, departure window (start, current, previous) — then the
 * operation's own results. The departure rate itself is computed in JavaScript (same float math).
 */

const PRELUDE = `
local room, activeKey, admissionsKey = KEYS[1], KEYS[2], KEYS[3]
local now = tonumber(ARGV[1])
local CARRY, WINDOW, MAXEL = ${CARRY_UNITS}, ${WINDOW_MS}, ${MAX_ELAPSED_MS}
local function num(v) return tonumber(v) or 0 end
local function fmt(n) return string.format('%.0f', n) end

local function load()
  local h = redis.call('HMGET', room, 'rate', 'maxActive', 'session', 'paused', 'queueAll',
    'opensAt', 'serving', 'carry', 'last', 'queue', 'admitted', 'depStart', 'depCur', 'depPrev')
  if not h[1] then return nil end
  return { rate = num(h[1]), maxActive = num(h[2]), session = num(h[3]), paused = num(h[4]),
    queueAll = num(h[5]), opensAt = h[6] or '', serving = num(h[7]), carry = num(h[8]),
    last = num(h[9]), queue = num(h[10]), admitted = num(h[11]), depStart = num(h[12]),
    depCur = num(h[13]), depPrev = num(h[14]), active = 0 }
end

local function roll(r, t)
  local w = math.floor((t - r.depStart) / WINDOW)
  if w >= 1 then
    if w == 1 then r.depPrev = r.depCur else r.depPrev = 0 end
    r.depCur = 0
    r.depStart = r.depStart + w * WINDOW
  end
end

local function depart(r, n, t)
  if n > 0 then roll(r, t); r.depCur = r.depCur + n end
end

local function advance(r, t)
  depart(r, redis.call('ZREMRANGEBYSCORE', activeKey, '-inf', t), t)
  r.active = redis.call('ZCARD', activeKey)
  if t <= r.last then return end
  local opens = tonumber(r.opensAt)
  if r.paused == 1 or r.queueAll == 1 or (opens and t < opens) then
    r.carry = 0; r.last = t; return
  end
  local start = r.last
  if opens and opens > start then start = opens end
  local units = r.carry + r.rate * math.min(t - start, MAXEL)
  local adv = math.floor(units / CARRY)
  local carry = units - adv * CARRY
  local free = math.max(0, math.min(r.queue - r.serving, r.maxActive - r.active))
  if adv > free then adv = free; carry = 0 end
  r.serving = r.serving + adv; r.carry = carry; r.last = t
end

local function save(r)
  redis.call('HSET', room, 'serving', fmt(r.serving), 'carry', fmt(r.carry), 'last', fmt(r.last),
    'queue', fmt(r.queue), 'admitted', fmt(r.admitted), 'depStart', fmt(r.depStart),
    'depCur', fmt(r.depCur), 'depPrev', fmt(r.depPrev))
end

local function snap(r, t)
  roll(r, t)
  return { '1', fmt(r.rate), fmt(r.maxActive), fmt(r.session), fmt(r.paused), fmt(r.queueAll),
    r.opensAt, fmt(r.serving), fmt(r.queue), fmt(r.active), fmt(r.admitted),
    fmt(r.depStart), fmt(r.depCur), fmt(r.depPrev) }
end
`;

/** ARGV: now, clientHash (unused seam). → snapshot + position. */
export const JOIN_SCRIPT = `${PRELUDE}
local r = load()
if not r then return { '0' } end
advance(r, now)
r.queue = r.queue + 1
local out = snap(r, now)
save(r)
table.insert(out, fmt(r.queue))
return out`;

/** ARGV: now. → snapshot. */
export const STATE_SCRIPT = `${PRELUDE}
local r = load()
if not r then return { '0' } end
advance(r, now)
local out = snap(r, now)
save(r)
return out`;

/** ARGV: now, ticketId, position. → snapshot + status + expiresAt ('0' when none). */
export const ADMIT_SCRIPT = `${PRELUDE}
local r = load()
if not r then return { '0' } end
advance(r, now)
local ticket, position = ARGV[2], tonumber(ARGV[3])
local status, expires = 'waiting', 0
local previous = redis.call('HGET', admissionsKey, ticket)
if previous then
  expires = tonumber(previous)
  if expires > now then status = 'already_admitted' else status = 'ended'; expires = 0 end
elseif position > r.serving then
  status = 'waiting'
elseif r.active >= r.maxActive then
  status = 'full'
else
  expires = now + r.session * 1000
  redis.call('ZADD', activeKey, fmt(expires), ticket)
  redis.call('HSET', admissionsKey, ticket, fmt(expires))
  r.admitted = r.admitted + 1
  r.active = r.active + 1
  status = 'admitted'
end
local out = snap(r, now)
save(r)
table.insert(out, status)
table.insert(out, fmt(expires))
return out`;

/** ARGV: now, ticketId. → 1 if a live slot was freed, else 0. */
export const RELEASE_SCRIPT = `${PRELUDE}
local r = load()
if not r then return 0 end
local ticket = ARGV[2]
if redis.call('HEXISTS', admissionsKey, ticket) == 1 then
  redis.call('HSET', admissionsKey, ticket, '0')
end
local removed = redis.call('ZREM', activeKey, ticket)
if removed == 1 then depart(r, 1, now); save(r) end
return removed`;

const d = DEFAULT_ADMISSION_CONFIG;
const defaults = [
  ['rate', d.ratePerMinute],
  ['maxActive', d.maxActive],
  ['session', d.sessionSeconds],
  ['paused', d.paused ? 1 : 0],
  ['queueAll', d.queueAll ? 1 : 0],
  ['opensAt', d.opensAt ?? ''],
]
  .map(([field, value]) => `'${field}', '${value}'`)
  .join(', ');

/** The config fields of the room hash, in the order GET_CONFIG and CONFIGURE return them. */
export const CONFIG_FIELDS = "'rate', 'maxActive', 'session', 'paused', 'queueAll', 'opensAt'";

/** ARGV: now, then field/value pairs of the (validated) patch. → config fields. */
export const CONFIGURE_SCRIPT = `${PRELUDE}
local r = load()
if r then
  advance(r, now)
  save(r)
else
  redis.call('HSET', room, ${defaults}, 'serving', '0', 'carry', '0', 'last', fmt(now),
    'queue', '0', 'admitted', '0', 'depStart', fmt(now), 'depCur', '0', 'depPrev', '0')
end
for i = 2, #ARGV, 2 do redis.call('HSET', room, ARGV[i], ARGV[i + 1]) end
return redis.call('HMGET', room, ${CONFIG_FIELDS})`;

/** No ARGV. → config fields (all nil for an unknown event). */
export const GET_CONFIG_SCRIPT = `return redis.call('HMGET', KEYS[1], ${CONFIG_FIELDS})`;

/** KEYS: [1] counter of this window. ARGV: window length ms. → hits so far. */
export const RATE_LIMIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;
