import { EXPIRE, NOW } from './scripts.js';

/**
 * KEYS: owner, leases, done, events (this job's), queue, units, avoid, requeued (a counter), backup,
 * backupLeases, started, lost, pace, reserved (this job's), progress, handins.
 * ARGV: job, id, results batch, requeues (JSON [[id, unit JSON]...]), cap, avoidMs, ranMs, plannedMs, ttl.
 * Accepts a unit's results once: from its holder or its backup, whichever hands it in first (the
 * other copy's job is named in `lost`, and hears it at its next heartbeat), or from a job whose
 * lease ran out while the unit still waits in the queue (it is taken back out). Anything else
 * (another job holds it or finished it) is refused. With the results, the unit's failures to retry
 * elsewhere go to the front of the queue in the same step (so no job sees the queue drained in
 * between), while the build's requeue count stays within `cap`; and the job's pace (its units' run
 * time against their estimates) grows by this unit. A backup handed in first joins the job's
 * reserved units, which a CI retry of the job runs again. Returns { accepted 0/1, requeued, lost 0/1 }:
 * `lost` says a refusal is this job's copy losing the race, not a lease it lost. A hand-in this
 * job already made (the client resent it after a lost reply) gets the first reply again.
 */
export const COMPLETE = `${NOW}
local id, job = ARGV[2], ARGV[1]
local doneBy = redis.call('HGET', KEYS[3], id)
if doneBy == job then return { 1, tonumber(redis.call('HGET', KEYS[16], id) or '0'), 0 } end
if doneBy then return { 0, 0, redis.call('HGET', KEYS[12], id) == job and 1 or 0 } end
local holder = redis.call('HGET', KEYS[1], id)
local backer = redis.call('HGET', KEYS[9], id)
if holder ~= job and backer ~= job then
  if holder or redis.call('LREM', KEYS[5], 0, id) == 0 then return { 0, 0, 0 } end
end
if backer == job then
  if holder and holder ~= job then redis.call('HSET', KEYS[12], id, holder) end
  redis.call('RPUSH', KEYS[14], id)
elseif backer then
  redis.call('HSET', KEYS[12], id, backer)
end
redis.call('HDEL', KEYS[9], id)
redis.call('ZREM', KEYS[10], id)
redis.call('HDEL', KEYS[1], id)
redis.call('ZREM', KEYS[2], id)
redis.call('HDEL', KEYS[11], id)
redis.call('HDEL', KEYS[15], id)
redis.call('HSET', KEYS[3], id, job)
redis.call('RPUSH', KEYS[4], ARGV[3])
if tonumber(ARGV[8]) > 0 then
  redis.call('HINCRBY', KEYS[13], 'ran:' .. job, ARGV[7])
  redis.call('HINCRBY', KEYS[13], 'planned:' .. job, ARGV[8])
end
local requeued = 0
-- every job that failed this test so far (this one, and those that failed its earlier requeues) leaves the retry to others
local failedBy = { job }
local before = redis.call('HGET', KEYS[7], id)
if before then for _, other in ipairs(cjson.decode(before).jobs) do if other ~= job then table.insert(failedBy, other) end end end
for _, pair in ipairs(cjson.decode(ARGV[4])) do
  if redis.call('HEXISTS', KEYS[6], pair[1]) == 0 and tonumber(redis.call('GET', KEYS[8]) or '0') < tonumber(ARGV[5]) then
    redis.call('INCR', KEYS[8])
    redis.call('HSET', KEYS[6], pair[1], pair[2])
    redis.call('HSET', KEYS[7], pair[1], cjson.encode({ jobs = failedBy, untilMs = now + tonumber(ARGV[6]) }))
    redis.call('LPUSH', KEYS[5], pair[1])
    requeued = requeued + 1
  end
end
redis.call('HSET', KEYS[16], id, requeued)
${EXPIRE}
return { 1, requeued, 0 }`;
