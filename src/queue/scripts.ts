/**
 * The queue's atomic steps, as Lua run inside Redis: whatever jobs do at the same moment, a unit has
 * one holder and at most one backup (a copy another job runs when the holder is slow: see
 * backup-policy.ts), and its results are accepted once, from whichever copy is handed in first.
 * Time is Redis's own clock (TIME), so the jobs' clocks never have to agree.
 */
export const NOW = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;
/** every key a script touches expires `ttl` ms after the build's last write (the last ARGV) */
export const EXPIRE = `for _, key in ipairs(KEYS) do redis.call('PEXPIRE', key, ARGV[#ARGV]) end`;

/**
 * Hands a unit whose holder gives it up (its lease ran out, or it released it) to its live backup,
 * which carries on: the unit is not run a third time. The backup entry stays (with no backup
 * lease), so the unit gets no second backup and COMPLETE knows its holder's copy was one. Needs
 * owner, leases, started, progress, backup and backupLeases as local variables naming those keys.
 * True if there was a backup to take it.
 */
const TO_BACKUP = `local function toBackup(id)
  local backer = redis.call('HGET', backup, id)
  local deadline = redis.call('ZSCORE', backupLeases, id)
  redis.call('ZREM', backupLeases, id)
  redis.call('HDEL', progress, id)
  if not backer or not deadline or tonumber(deadline) <= now or backer == redis.call('HGET', owner, id) then
    redis.call('HDEL', backup, id)
    return false
  end
  redis.call('HSET', owner, id, backer)
  redis.call('ZADD', leases, deadline, id)
  redis.call('HSET', started, id, now)
  return true
end`;

/**
 * KEYS: queue, leases, owner, deaths, units, reserved (this job's), dead, avoid, stopped, started,
 * backup, backupLeases, pace, progress. ARGV: job, leaseMs, count, maxDeaths, ttl.
 * A build stopped by a job's --bail leases nothing more: { 'stopped', that job }.
 * First, leases that ran out (their job stopped heartbeating): a backup's is dropped (the holder
 * still runs the unit); a holder's unit goes to its live backup, else back to the front of the
 * queue, or, once it has outlived maxDeaths jobs, to `dead`. Then up to `count` units are leased
 * to the job, passing over a requeued failure that this job failed (it, or an earlier requeue of
 * it) until its `avoid` time is up (another job should retry it). Returns { state, unit JSON... }:
 * state 'more', or with no unit 'drained', or 'wait' (other jobs still hold units that may come
 * back, or a unit waits for another job) and a JSON view of the units others hold without a backup
 * ({ held: [[id, job, ms held, expected ms, fraction done, ms held when it said so]...], pace:
 * [field, value...] }) for the backup policy.
 */
export const RESERVE = `${NOW}
local owner, leases, started, backup, backupLeases, progress = KEYS[3], KEYS[2], KEYS[10], KEYS[11], KEYS[12], KEYS[14]
${TO_BACKUP}
local stopper = redis.call('GET', KEYS[9])
if stopper then return { 'stopped', stopper } end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', backupLeases, '-inf', now)) do
  redis.call('ZREM', backupLeases, id)
  redis.call('HDEL', backup, id)
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', leases, '-inf', now)) do
  local holder = redis.call('HGET', owner, id)
  local deaths = redis.call('HINCRBY', KEYS[4], id, 1)
  if not toBackup(id) then
    redis.call('ZREM', leases, id)
    redis.call('HDEL', owner, id)
    redis.call('HDEL', started, id)
    redis.call('HDEL', progress, id)
    if deaths >= tonumber(ARGV[4]) then
      redis.call('HSET', KEYS[7], id, holder or '')
    else
      redis.call('LPUSH', KEYS[1], id)
    end
  end
end
local out = { 'more' }
local skipped = {}
local left = redis.call('LLEN', KEYS[1])
while #out <= tonumber(ARGV[3]) and left > 0 do
  left = left - 1
  local id = redis.call('LPOP', KEYS[1])
  local avoid = redis.call('HGET', KEYS[8], id)
  local avoided = false
  if avoid then
    local a = cjson.decode(avoid)
    if now < a.untilMs then for _, job in ipairs(a.jobs) do avoided = avoided or job == ARGV[1] end end
  end
  if avoided then
    table.insert(skipped, id)
  else
    redis.call('ZADD', leases, now + tonumber(ARGV[2]), id)
    redis.call('HSET', owner, id, ARGV[1])
    redis.call('HSET', started, id, now)
    redis.call('RPUSH', KEYS[6], id)
    table.insert(out, redis.call('HGET', KEYS[5], id))
  end
end
for i = #skipped, 1, -1 do redis.call('LPUSH', KEYS[1], skipped[i]) end
if #out == 1 then
  if #skipped > 0 or redis.call('ZCARD', leases) > 0 then
    out[1] = 'wait'
    local held = {}
    local owners = redis.call('HGETALL', owner)
    for i = 1, #owners, 2 do
      local id, holder = owners[i], owners[i + 1]
      if holder ~= ARGV[1] and redis.call('HEXISTS', backup, id) == 0 then
        local unit = cjson.decode(redis.call('HGET', KEYS[5], id) or '{}')
        local since = tonumber(redis.call('HGET', started, id) or now)
        local entry = { id, holder, now - since, tonumber(unit.expectedMs) or 0 }
        local said = redis.call('HGET', progress, id)
        if said then
          local fraction, at = string.match(said, '^(%S+) (%S+)$')
          table.insert(entry, tonumber(fraction))
          table.insert(entry, tonumber(at) - since)
        end
        table.insert(held, entry)
      end
    end
    table.insert(out, cjson.encode({ held = held, pace = redis.call('HGETALL', KEYS[13]) }))
  else
    out[1] = 'drained'
  end
end
${EXPIRE}
return out`;

/**
 * KEYS: leases, owner, alive (this job's), stopped, backup, backupLeases, lost, queue, progress.
 * ARGV: job, leaseMs, then id and fraction done for each unit the job runs.
 * Says the job is alive for another lease, and renews the leases it still holds, as holder (with
 * how far it got, for other jobs' backup policy) or as backup. Returns { the job whose --bail stopped the build or '', units waiting in the queue, the
 * ids whose other copy was handed in first... }: the job stops its copies of those.
 */
export const HEARTBEAT = `${NOW}
redis.call('SET', KEYS[3], '1', 'PX', ARGV[2])
local out = { redis.call('GET', KEYS[4]) or '', redis.call('LLEN', KEYS[8]) }
for i = 3, #ARGV, 2 do
  local id = ARGV[i]
  if redis.call('HGET', KEYS[2], id) == ARGV[1] then
    redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), id)
    redis.call('HSET', KEYS[9], id, ARGV[i + 1] .. ' ' .. now)
  elseif redis.call('HGET', KEYS[5], id) == ARGV[1] then
    redis.call('ZADD', KEYS[6], 'XX', now + tonumber(ARGV[2]), id)
  elseif redis.call('HGET', KEYS[7], id) == ARGV[1] then
    table.insert(out, id)
  end
end
return out`;

/**
 * KEYS: owner, leases, queue, backup, backupLeases, started, progress. ARGV: job, ids...
 * Gives back units the job holds but will not finish (its run stopped early), without counting a
 * death against them: to their backup if one runs them, else to the front of the queue. A backup
 * copy given back is just dropped. Returns how many units it gave back.
 */
export const RELEASE = `${NOW}
local owner, leases, backup, backupLeases, started, progress = KEYS[1], KEYS[2], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
${TO_BACKUP}
local released = 0
for i = 2, #ARGV do
  local id = ARGV[i]
  if redis.call('HGET', owner, id) == ARGV[1] then
    if not toBackup(id) then
      redis.call('HDEL', owner, id)
      redis.call('ZREM', leases, id)
      redis.call('HDEL', started, id)
      redis.call('HDEL', progress, id)
      redis.call('LPUSH', KEYS[3], id)
    end
    released = released + 1
  elseif redis.call('HGET', backup, id) == ARGV[1] then
    redis.call('HDEL', backup, id)
    redis.call('ZREM', backupLeases, id)
  end
end
return released`;

/**
 * KEYS: stopped, done, owner, leases, backup, backupLeases, units, avoid. ARGV: job, id, leaseMs, ttl.
 * Leases this job a backup copy of a unit another job holds under a live lease, if the build is not
 * stopped and the unit is not done, not backed up already, and not a requeued failure (those go to
 * chosen jobs). Returns the unit's JSON, or nil.
 */
export const BACKUP = `${NOW}
local id = ARGV[2]
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('HEXISTS', KEYS[2], id) == 1 or redis.call('HEXISTS', KEYS[5], id) == 1 or redis.call('HEXISTS', KEYS[8], id) == 1 then return false end
local holder = redis.call('HGET', KEYS[3], id)
local deadline = redis.call('ZSCORE', KEYS[4], id)
if not holder or holder == ARGV[1] or not deadline or tonumber(deadline) <= now then return false end
redis.call('HSET', KEYS[5], id, ARGV[1])
redis.call('ZADD', KEYS[6], now + tonumber(ARGV[3]), id)
${EXPIRE}
return redis.call('HGET', KEYS[7], id)`;
