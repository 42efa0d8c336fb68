/**
 * The queue's atomic steps, as Lua run inside Redis: whatever jobs do at the same moment, a unit is
 * held by at most one job, and its results are accepted once. Time is Redis's own clock (TIME),
 * so the jobs' clocks never have to agree.
 */
const NOW = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;
/** every key a script touches expires `ttl` ms after the build's last write (the last ARGV) */
const EXPIRE = `for _, key in ipairs(KEYS) do redis.call('PEXPIRE', key, ARGV[#ARGV]) end`;

/**
 * KEYS: queue, leases, owner, deaths, units, reserved (this job's), dead, avoid, stopped.
 * ARGV: job, leaseMs, count, maxDeaths, ttl.
 * A build stopped by a job's --bail leases nothing more: { 'stopped', that job }.
 * First, units whose lease ran out (their job stopped heartbeating) go back to the front of the
 * queue, or, once they have outlived maxDeaths jobs, to `dead`. Then up to `count` units are leased
 * to the job, passing over a requeued failure that this job failed (it, or an earlier requeue of
 * it) until its `avoid` time is up (another job should retry it). Returns { state, unit JSON... }: state 'more', or with no unit
 * 'wait' (other jobs still hold units that may come back, or a unit waits for another job) or
 * 'drained'.
 */
export const RESERVE = `${NOW}
local stopper = redis.call('GET', KEYS[9])
if stopper then return { 'stopped', stopper } end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)) do
  redis.call('ZREM', KEYS[2], id)
  local holder = redis.call('HGET', KEYS[3], id)
  redis.call('HDEL', KEYS[3], id)
  if redis.call('HINCRBY', KEYS[4], id, 1) >= tonumber(ARGV[4]) then
    redis.call('HSET', KEYS[7], id, holder or '')
  else
    redis.call('LPUSH', KEYS[1], id)
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
    redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), id)
    redis.call('HSET', KEYS[3], id, ARGV[1])
    redis.call('RPUSH', KEYS[6], id)
    table.insert(out, redis.call('HGET', KEYS[5], id))
  end
end
for i = #skipped, 1, -1 do redis.call('LPUSH', KEYS[1], skipped[i]) end
if #out == 1 then
  if #skipped > 0 or redis.call('ZCARD', KEYS[2]) > 0 then out[1] = 'wait' else out[1] = 'drained' end
end
${EXPIRE}
return out`;

/**
 * KEYS: leases, owner, alive (this job's), stopped. ARGV: job, leaseMs, ids...
 * Says the job is alive for another lease, and renews the leases it still holds. Returns the job
 * whose --bail stopped the build, or false.
 */
export const HEARTBEAT = `${NOW}
redis.call('SET', KEYS[3], '1', 'PX', ARGV[2])
for i = 3, #ARGV do
  if redis.call('HGET', KEYS[2], ARGV[i]) == ARGV[1] then
    redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[i])
  end
end
return redis.call('GET', KEYS[4])`;

/**
 * KEYS: owner, leases, queue. ARGV: job, ids...
 * Gives back units the job holds but will not finish (its run stopped early), to the front of the
 * queue, without counting a death against them. Returns how many it gave back.
 */
export const RELEASE = `
local released = 0
for i = 2, #ARGV do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[1] then
    redis.call('HDEL', KEYS[1], ARGV[i])
    redis.call('ZREM', KEYS[2], ARGV[i])
    redis.call('LPUSH', KEYS[3], ARGV[i])
    released = released + 1
  end
end
return released`;

/**
 * KEYS: owner, leases, done, events (this job's), queue, units, avoid, requeued (a counter).
 * ARGV: job, id, results batch, requeues (JSON [[id, unit JSON]...]), cap, avoidMs, ttl.
 * Accepts a unit's results once: from the job holding it, or from a job whose lease ran out while
 * the unit still waits in the queue (it is taken back out). Anything else (another job holds it or
 * finished it) is refused. With the results, the unit's failures to retry elsewhere go to the front
 * of the queue in the same step (so no job sees the queue drained in between), while the build's
 * requeue count stays within `cap`. Returns { accepted 0/1, requeued }.
 */
export const COMPLETE = `${NOW}
if redis.call('HEXISTS', KEYS[3], ARGV[2]) == 1 then return { 0, 0 } end
local holder = redis.call('HGET', KEYS[1], ARGV[2])
if holder ~= ARGV[1] then
  if holder or redis.call('LREM', KEYS[5], 0, ARGV[2]) == 0 then return { 0, 0 } end
end
redis.call('HDEL', KEYS[1], ARGV[2])
redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('HSET', KEYS[3], ARGV[2], ARGV[1])
redis.call('RPUSH', KEYS[4], ARGV[3])
local requeued = 0
-- every job that failed this test so far (this one, and those that failed its earlier requeues) leaves the retry to others
local failedBy = { ARGV[1] }
local before = redis.call('HGET', KEYS[7], ARGV[2])
if before then for _, job in ipairs(cjson.decode(before).jobs) do if job ~= ARGV[1] then table.insert(failedBy, job) end end end
for _, pair in ipairs(cjson.decode(ARGV[4])) do
  if redis.call('HEXISTS', KEYS[6], pair[1]) == 0 and tonumber(redis.call('GET', KEYS[8]) or '0') < tonumber(ARGV[5]) then
    redis.call('INCR', KEYS[8])
    redis.call('HSET', KEYS[6], pair[1], pair[2])
    redis.call('HSET', KEYS[7], pair[1], cjson.encode({ jobs = failedBy, untilMs = now + tonumber(ARGV[6]) }))
    redis.call('LPUSH', KEYS[5], pair[1])
    requeued = requeued + 1
  end
end
${EXPIRE}
return { 1, requeued }`;
