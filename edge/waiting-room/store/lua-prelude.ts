import { CARRY_UNITS, MAX_ELAPSED_MS } from '../admission-policy';
import { WINDOW_MS } from '../rate-window';
import { PURGE_BATCH, SWEEP_BATCH } from './limits';

/**
 * The shared head of the room store's Lua scripts: loading and saving the room hash, and the
 * steps every operation starts with. Each function mirrors store/memory-room.ts (and the pure
 * policy) line by line; the differential test holds them to identical answers.
 *
 * KEYS: [1] room hash, [2] active sessions (zset ticketId → session end), [3] tickets hash
 * (ticketId → "pos:until", until -1 waiting / 0 ended / else admitted until ms), [4] clients
 * hash (clientHash → ticketId), [5] alive zset (waiting tickets still in line → position),
 * [6] seen zset (waiting tickets → last poll ms), [7] ttl zset (`t:<ticketId>` / `c:<clientHash>`
 * → record expiry ms), [8] pre-queue join log (list of ticket ids), [9] back zset (returning
 * tickets whose passed position is not invited again yet → position), [10] admitted stream
 * (one entry per first admission: ticket, position, at). ARGV[1] is always `now`.
 * Every key of an event carries the hash tag `{eventId}`, so the scripts also run on Redis Cluster.
 */

/** The config fields of the room hash, in the order the scripts return them. */
export const CONFIG_FIELDS = [
  'rate',
  'maxActive',
  'session',
  'paused',
  'queueAll',
  'opensAt',
  'mode',
  'target',
  'minRate',
  'maxRate',
  'abandon',
];

const STATE_FIELDS = [
  'serving',
  'carry',
  'last',
  'queue',
  'admitted',
  ...['d', 'a', 'l'].flatMap((w) => [`${w}S`, `${w}C`, `${w}P`]),
  'sealed',
  'base',
  'adjAt',
];

const quoted = (fields: string[]) => fields.map((f) => `'${f}'`).join(', ');

/** Config (as stored strings) then the snapshot fields: see `toSnapshot` in redis.ts. */
export const PRELUDE = `
local room, activeKey, ticketsKey, clientsKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local aliveKey, seenKey, ttlKey, logKey = KEYS[5], KEYS[6], KEYS[7], KEYS[8]
local backKey, admittedKey = KEYS[9], KEYS[10]
local now = tonumber(ARGV[1])
local CARRY, WINDOW, MAXEL = ${CARRY_UNITS}, ${WINDOW_MS}, ${MAX_ELAPSED_MS}
local SWEEP, PURGE = ${SWEEP_BATCH}, ${PURGE_BATCH}
local CONFIG = { ${quoted(CONFIG_FIELDS)} }
local STATE = { ${quoted(STATE_FIELDS)} }
local function num(v) return tonumber(v) or 0 end
local function fmt(n) return string.format('%.0f', n) end

local function load()
  local c = redis.call('HMGET', room, unpack(CONFIG))
  if not c[1] then return nil end
  local s = redis.call('HMGET', room, unpack(STATE))
  local r = { config = c, active = 0 }
  for i, f in ipairs(STATE) do r[f] = num(s[i]) end
  r.rate, r.maxActive, r.session = num(c[1]), num(c[2]), num(c[3])
  r.paused, r.queueAll, r.opensAt = num(c[4]), num(c[5]), tonumber(c[6])
  r.mode, r.target, r.minRate, r.maxRate = c[7], num(c[8]), num(c[9]), num(c[10])
  r.abandon = num(c[11])
  local seeds = redis.call('HMGET', room, 'seed', 'commit')
  r.seed, r.commit = seeds[1] or '', seeds[2] or ''
  return r
end

local function save(r)
  local args = {}
  for _, f in ipairs(STATE) do table.insert(args, f); table.insert(args, fmt(r[f])) end
  table.insert(args, 'rate'); table.insert(args, fmt(r.rate))
  redis.call('HSET', room, unpack(args))
end

local function roll(r, w, t)
  local s, c, p = w .. 'S', w .. 'C', w .. 'P'
  local n = math.floor((t - r[s]) / WINDOW)
  if n >= 1 then
    if n == 1 then r[p] = r[c] else r[p] = 0 end
    r[c] = 0
    r[s] = r[s] + n * WINDOW
  end
end

local function count(r, w, n, t)
  if n > 0 then roll(r, w, t); r[w .. 'C'] = r[w .. 'C'] + n end
end

local function parse(rec)
  local p, u = string.match(rec, '^(-?%d+):(-?%d+)$')
  return tonumber(p), tonumber(u)
end

local function needsSeal(r, t)
  return r.sealed ~= 1 and (not r.opensAt or t >= r.opensAt) and redis.call('LLEN', logKey) > 0
end

local function inPrequeue(r, t)
  return r.sealed ~= 1 and r.opensAt and t < r.opensAt
end

local function halted(r, t)
  return r.paused == 1 or r.queueAll == 1 or (r.opensAt and t < r.opensAt)
end

local function keepUntil(member, at)
  local current = redis.call('ZSCORE', ttlKey, member)
  if not current or tonumber(current) < at then redis.call('ZADD', ttlKey, fmt(at), member) end
end

local function purge(t)
  for _, m in ipairs(redis.call('ZRANGEBYSCORE', ttlKey, '-inf', fmt(t), 'LIMIT', 0, PURGE)) do
    local id = string.sub(m, 3)
    if string.sub(m, 1, 2) == 't:' then
      redis.call('HDEL', ticketsKey, id)
      redis.call('ZREM', aliveKey, id)
      redis.call('ZREM', seenKey, id)
      redis.call('ZREM', backKey, id)
    else
      redis.call('HDEL', clientsKey, id)
    end
    redis.call('ZREM', ttlKey, m)
  end
end

local function sweep(r, t)
  local cutoff = t - r.abandon * 1000
  local gone = redis.call('ZRANGEBYSCORE', seenKey, '-inf', fmt(cutoff), 'LIMIT', 0, SWEEP)
  for _, id in ipairs(gone) do
    redis.call('ZREM', seenKey, id)
    local pos = redis.call('ZSCORE', aliveKey, id)
    if pos then
      redis.call('ZREM', aliveKey, id)
      local owed = redis.call('ZREM', backKey, id) == 1
      if tonumber(pos) <= r.serving and not owed then r.carry = r.carry + CARRY end
    end
  end
  count(r, 'l', #gone, t)
end

local function advance(r, t)
  count(r, 'd', redis.call('ZREMRANGEBYSCORE', activeKey, '-inf', fmt(t)), t)
  r.active = redis.call('ZCARD', activeKey)
  purge(t)
  sweep(r, t)
  if t <= r.last then return end
  if halted(r, t) then r.carry = 0; r.last = t; return end
  local start = r.last
  if r.opensAt and r.opensAt > start then start = r.opensAt end
  local units = r.carry + r.rate * math.min(t - start, MAXEL)
  r.last = t
  if units < 0 then r.carry = units; return end
  local budget = math.floor(units / CARRY)
  local slots = math.max(0, r.maxActive - r.active)
  local repay = math.min(budget, redis.call('ZCARD', backKey), slots)
  if repay > 0 then redis.call('ZPOPMIN', backKey, repay) end
  local pass = budget - repay
  slots = slots - repay
  local below = redis.call('ZCOUNT', aliveKey, '-inf', fmt(r.serving))
  local liveAhead = redis.call('ZCARD', aliveKey) - below
  local free = math.min(liveAhead, slots)
  if pass > free then
    r.carry = 0
    if liveAhead <= slots then r.serving = r.queue; return end
    pass = free
  else
    r.carry = units - budget * CARRY
  end
  if pass > 0 then
    local at = redis.call('ZRANGE', aliveKey, below + pass - 1, below + pass - 1, 'WITHSCORES')
    r.serving = tonumber(at[2])
  end
end

local function touch(r, id, pos, t)
  redis.call('ZADD', seenKey, fmt(t), id)
  if pos > 0 and not redis.call('ZSCORE', aliveKey, id) then
    redis.call('ZADD', aliveKey, fmt(pos), id)
    if pos <= r.serving then redis.call('ZADD', backKey, fmt(pos), id) end
  end
end

local function invited(r, id, pos)
  return pos > 0 and pos <= r.serving and not redis.call('ZSCORE', backKey, id)
end

local function ahead(r, id, pos)
  if redis.call('ZSCORE', backKey, id) then return redis.call('ZCOUNT', backKey, '-inf', '(' .. fmt(pos)) end
  if pos <= r.serving then return 0 end
  return redis.call('ZCOUNT', aliveKey, '(' .. fmt(r.serving), '(' .. fmt(pos))
end

local function snap(r, t)
  roll(r, 'd', t); roll(r, 'a', t); roll(r, 'l', t)
  local out = { '1' }
  for i = 1, #CONFIG do table.insert(out, r.config[i] or '') end
  out[2] = fmt(r.rate)
  local waiting = redis.call('ZCARD', aliveKey) - redis.call('ZCOUNT', aliveKey, '-inf', fmt(r.serving))
    + redis.call('ZCARD', backKey)
  for _, v in ipairs({ r.serving, r.queue, waiting, r.active, r.admitted,
    r.dS, r.dC, r.dP, r.aS, r.aC, r.aP, r.lS, r.lC, r.lP,
    redis.call('LLEN', logKey), r.sealed, r.base }) do table.insert(out, fmt(v)) end
  table.insert(out, r.commit)
  if r.sealed == 1 then table.insert(out, r.seed) else table.insert(out, '') end
  return out
end
`;

/** Length of a snapshot reply (the operation's own results follow it). */
export const SNAPSHOT_LENGTH = 1 + CONFIG_FIELDS.length + 17 + 2;
