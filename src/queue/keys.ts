/**
 * Every Redis key of one build, under `ptest:<build id>:`, so builds never meet and a whole build
 * can be expired at once.
 */
export interface BuildKeys {
  /** string: the leader's job id (SET NX) */
  leader: string;
  /** hash: total, planId, leader, createdAt; written last by the leader, so it means "the plan is in" */
  meta: string;
  /** hash: unit id → unit JSON */
  units: string;
  /** list: unit ids waiting, longest first */
  queue: string;
  /** sorted set: unit id → lease deadline (Redis time, ms) */
  leases: string;
  /** hash: unit id → the job holding it */
  owner: string;
  /** hash: unit id → when its holder's lease began (Redis time, ms) */
  started: string;
  /** hash: unit id → '<fraction> <Redis ms>': the share of its tests its holder said were done, and when */
  progress: string;
  /** hash: unit id → the job running a backup copy of it (at most one) */
  backup: string;
  /** sorted set: unit id → its backup's lease deadline (Redis time, ms) */
  backupLeases: string;
  /** hash: unit id → the job whose copy of it lost the race (the other copy was handed in first) */
  lost: string;
  /** hash: ran:<job> and planned:<job> → the job's accepted units' run time and estimates (ms) */
  pace: string;
  /** hash: unit id → how many jobs died holding it */
  deaths: string;
  /** hash: unit id → the job whose results were accepted */
  done: string;
  /** hash: unit id → how many failures its accepted hand-in requeued: the reply a resent hand-in gets again */
  handins: string;
  /** hash: unit id → the last job that died holding it, for units given up on */
  dead: string;
  /** hash: requeued unit id → JSON { jobs, untilMs }: the jobs that failed it, and until when only others may take it */
  avoid: string;
  /** string: how many failures the build has requeued */
  requeued: string;
  /** hash: job id → 'running' or 'finished' */
  jobs: string;
  /** string: the job whose --bail stopped the build; no job reserves after it is set */
  stopped: string;
  /** list: the unit ids a job reserved, in order */
  reserved: (job: string) => string;
  /** string, expiring a lease after the job's last heartbeat: the job is alive */
  alive: (job: string) => string;
  /** list: a job's result batches (JSON) */
  events: (job: string) => string;
}

export function buildKeys(buildId: string): BuildKeys {
  const p = `ptest:${buildId}:`;
  return {
    leader: `${p}leader`,
    meta: `${p}meta`,
    units: `${p}units`,
    queue: `${p}queue`,
    leases: `${p}leases`,
    owner: `${p}owner`,
    started: `${p}started`,
    progress: `${p}progress`,
    backup: `${p}backup`,
    backupLeases: `${p}backupLeases`,
    lost: `${p}lost`,
    pace: `${p}pace`,
    deaths: `${p}deaths`,
    done: `${p}done`,
    handins: `${p}handins`,
    dead: `${p}dead`,
    avoid: `${p}avoid`,
    requeued: `${p}requeued`,
    jobs: `${p}jobs`,
    stopped: `${p}stopped`,
    reserved: (job) => `${p}reserved:${job}`,
    events: (job) => `${p}events:${job}`,
    alive: (job) => `${p}alive:${job}`,
  };
}

/** the build's fixed keys (the per-job ones are added by each job) */
export function fixedKeys(keys: BuildKeys): string[] {
  return [keys.leader, keys.meta, keys.units, keys.queue, keys.leases, keys.owner, keys.started, keys.progress, keys.backup, keys.backupLeases, keys.lost, keys.pace, keys.deaths, keys.done, keys.handins, keys.dead, keys.avoid, keys.requeued, keys.jobs, keys.stopped];
}
