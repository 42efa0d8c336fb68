import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { loadConfig } from '../config/load-config.js';
import { DEFAULT_HISTORY, ISOLATE_MODES, POOL_KINDS, resolveOptions, type Options, type UserConfig } from '../config/options.js';
import { positiveInt } from '../config/numbers.js';
import { UsageError } from '../config/usage-error.js';
import { DIST_MODES } from '../plan/create-planner.js';
import { ExitCode } from '../model/exit-codes.js';
import { mergeCommand } from './merge-command.js';
import { planCommand } from './plan-command.js';
import { quarantineCommand, type QuarantineAction } from './quarantine-command.js';
import { cacheDirOf, runCommand } from './run-command.js';
import { OWN_VERSION } from '../runtime-paths.js';

/**
 * The command line: argv → options → command, and every error → its exit code. No run logic here.
 */
type Flags = Record<string, string | boolean | string[] | undefined>;

export async function main(argv: readonly string[], cwd = process.cwd(), env = process.env): Promise<number> {
  const warn = (line: string): void => void process.stderr.write(line + '\n');
  const write = (line: string): void => void process.stdout.write(line + '\n');
  let code: number = ExitCode.passed;
  const program = withQueueOptions(withRunOptions(new Command('ptest')), true)
    .description('Run a TypeScript/JavaScript test suite in parallel on worker threads')
    .version(OWN_VERSION, '-v, --version')
    // `ptest plan -n 4`: options after the subcommand are the subcommand's
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeErr: (text) => warn(text.trimEnd()) })
    .action(async (paths: string[], flags: Flags) => {
      code = await runCommand(await optionsFrom(paths, flags, cwd, env), { cwd, env, warn });
    });
  program.addCommand(
    withRunOptions(new Command('plan'))
      .description('print which worker (or shard) would run what, and when each is expected to finish; run nothing')
      .option('--shards <n>', 'plan n CI shards instead of this machine\'s workers')
      .option('--out <file>', 'with --shards: write the plan for `ptest --plan <file> --shard i/n` to replay')
      .exitOverride()
      .action(async (paths: string[], flags: Flags) => {
        const sharding = { shards: flags.shards === undefined ? null : positiveInt(flags.shards as string, '--shards'), out: (flags.out as string | undefined) ?? null };
        code = await planCommand(await optionsFrom(paths, flags, cwd, env), sharding, { cwd, write, warn });
      }),
  );
  program.addCommand(
    withQueueOptions(withReportOptions(new Command('report')), false)
      .description('wait for the build shared through --queue to finish, then write its reports, history and exit code')
      .exitOverride()
      .action(async (flags: Flags) => {
        const { queueReportCommand } = await import('./queue-report-command.js');
        code = await queueReportCommand(await optionsFrom([], flags, cwd, env, false), { cwd, env, warn });
      }),
  );
  program.addCommand(quarantineProgram(cwd, (result) => (code = result), { write, warn }));
  program.addCommand(
    withReportOptions(new Command('merge-reports'))
      .description('combine the blob reports of every shard into the reports, history and exit code of one run')
      .argument('<dir>', 'the directory the shards wrote with --reporter blob:<dir>')
      .exitOverride()
      .action(async (dir: string, flags: Flags) => {
        code = await mergeCommand(dir, await optionsFrom([], flags, cwd, env, false), { cwd, env, warn });
      }),
  );
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.passed : ExitCode.usageError;
    if (error instanceof UsageError) {
      warn(`ptest: ${error.message}`);
      return ExitCode.usageError;
    }
    warn(`ptest: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return ExitCode.internalError;
  }
}

/** what decides how a finished run is reported and judged: a run and `merge-reports` take the same */
function withReportOptions(command: Command): Command {
  return command
    .option('--reporter <name[:path]>', 'default | json[:path] | junit[:path] | markdown[:path] | html[:path] | blob[:dir] | github; repeatable', (value: string, all: string[] = []) => [...all, value])
    .option('--config <path>', 'config file (default: ptest.config.{ts,mts,js,mjs,json} in the current directory, else the root)')
    .option('--root <dir>', 'directory test ids are relative to (default: the current directory)')
    .option('--history <path>', `duration and outcome history (default ${DEFAULT_HISTORY} in the root)`)
    .option('--no-history', 'neither read nor write the history')
    .option('--fail-on-flaky', 'a flaky test fails the run (exit 1)')
    .option('--quarantine <path>', 'quarantine file (default ptest.quarantine.json in the root)')
    .option('--strict-quarantine', 'an expired quarantine entry fails the run')
    .option('--auto-quarantine', 'after the run, quarantine tests that were flaky in enough recent runs');
}

function withRunOptions(command: Command): Command {
  return withReportOptions(command)
    .argument('[paths...]', 'test files, directories or globs (default: every test file under the root)')
    .option('-n, --workers <n|auto>', 'worker threads (auto = available cores)')
    .addOption(new Option('--pool <kind>', 'threads (default) or forks: a child process per worker, for suites that need process.chdir() or a process of their own').choices(POOL_KINDS))
    .addOption(new Option('--dist <mode>', 'how work is spread over workers').choices(DIST_MODES))
    .option('-t, --grep <pattern>', 'run only tests whose id matches this regular expression')
    .option('--timeout <ms>', 'per-test timeout in ms (default 5000)')
    .option('--bail [n]', 'stop after n failed tests (default 1)')
    .option('--max-worker-memory <MB>', "each worker thread's heap limit; a test that passes it is reported crashed by memory")
    .option('--worker-idle-memory <MB>', "replace a worker thread between files when its heap is above this (Jest's workerIdleMemoryLimit)")
    .option('--reruns <n>', 'try a failed test up to n more times; one that then passes is flaky')
    .option('--reruns-delay <ms>', 'pause before each retry')
    .option('--rerun-isolated', 'run the last retry alone in a fresh worker thread, to tell order-dependent tests apart')
    .option('--shard <i/n|auto>', 'run only shard i of n (1-based); auto reads the CI system\'s variables')
    .option('--plan <file>', 'with --shard: replay the shards of a plan written by `ptest plan --shards n --out <file>`')
    .option('--lf, --last-failed', 'run only the tests that failed in the last run (with --shard: those of this shard)')
    .option('--repeat <n>', 'run every test n times, shuffled over the workers, and report each pass rate (to hunt flaky tests)')
    .option('--seed <n>', 'the --repeat shuffle seed, to run the same order again (default: a new one, printed)')
    .option('--keep-sandbox [when]', 'keep the worker sandboxes after the run: always (default), or failed (those of workers with a failed test)')
    .option('--isolate [mode]', "keep one file's state from the next: worker (the default mode: a fresh worker per file, as Vitest; the default with a Vitest config) or modules (fresh packages and globals per file in a reused worker, as Jest; the default with a Jest config)")
    .option('--no-isolate', 'reuse each worker for file after file (the default for ptest configs): faster, module state still fresh per file')
    .option('--globals', 'describe, it, expect, vi and jest as globals, as Jest has them (Vitest: globals: true)')
    .option('--environment <name>', 'node (default), jsdom or happy-dom, for files whose docblock names none')
    .option('-u, --update', 'rewrite snapshots that do not match')
    .option('--silent', 'do not print what tests write to stdout and stderr (console.log included)');
}

/** The options of a build shared through Redis: all of them for a job, the ones that find the build for `ptest report`. */
function withQueueOptions(command: Command, job: boolean): Command {
  command
    .option('--queue [redis-url]', 'share the suite with the other jobs of a CI build through Redis (URL, or PTEST_REDIS_URL)')
    .option('--build-id <id>', 'with --queue: the build every job shares (default from the CI\'s variables)')
    .option('--queue-timeout <ms>', 'with --queue: how long to wait for the plan, or for the build to finish')
    .option('--queue-idle-timeout <ms>', 'with --queue: how long a build report waits while no job is running and units are left (default 120000)');
  if (!job) return command;
  return command
    .option('--job-id <id>', 'with --queue: this job\'s id (default: the CI\'s job index, else host and process)')
    .option('--queue-lease <ms>', 'with --queue: how long a job that stopped heartbeating keeps its units (default 30000)')
    .option('--requeue <n>', 'with --queue: send a failed test back to the queue up to n times, for another job to retry (then it is flaky if it passes)')
    .option('--wait-report', 'with --queue: wait until every job is done, then report the whole build')
    .addOption(new Option('--queue-fallback <mode>', 'with --queue: if Redis cannot be reached, run a --shard auto share instead').choices(['shard']));
}

/** `ptest quarantine list|add|remove|prune`, each with the options that find the files */
function quarantineProgram(cwd: string, done: (code: number) => void, io: { write: (l: string) => void; warn: (l: string) => void }): Command {
  const sub = (name: string, description: string) =>
    new Command(name)
      .description(description)
      .option('--root <dir>', 'the directory test ids are relative to (default: the current directory)')
      .option('--config <path>', 'config file')
      .option('--quarantine <path>', 'quarantine file (default ptest.quarantine.json in the root)')
      .option('--history <path>', `history (default ${DEFAULT_HISTORY} in the root)`)
      .exitOverride();
  const run = async (action: QuarantineAction, flags: Flags) => done(await quarantineCommand(action, await optionsFrom([], flags, cwd, process.env, false), { ...io, now: new Date() }));
  return new Command('quarantine')
    .description('list, add, remove or prune quarantined tests')
    .exitOverride()
    .addCommand(sub('list', 'print the quarantined tests').action((flags: Flags) => run({ kind: 'list' }, flags)))
    .addCommand(
      sub('add', 'quarantine a test by id')
        .argument('<id>', "test id: 'file > describe > name'")
        .option('--reason <text>', 'why')
        .option('--owner <name>', 'who fixes it')
        .option('--ticket <url>', 'the issue that tracks the fix')
        .option('--expires <date|Nd>', 'when the entry expires (YYYY-MM-DD, or 30d from today)')
        .action((id: string, flags: Flags) => run({ kind: 'add', id, ...(flags as { reason?: string; owner?: string; ticket?: string; expires?: string }) }, flags)),
    )
    .addCommand(sub('remove', 'release a test by id').argument('<id>', 'test id').action((id: string, flags: Flags) => run({ kind: 'remove', id }, flags)))
    .addCommand(sub('prune', 'release tests that passed cleanly in each of their last runs (quarantine.pruneAfter, default 10)').action((flags: Flags) => run({ kind: 'prune' }, flags)));
}

/** config keys that choose what one run runs: `merge-reports` and `quarantine` run nothing, and ignore them */
const RUN_ONLY_KEYS = ['shard', 'plan', 'lastFailed', 'repeat', 'seed'] as const;

async function optionsFrom(paths: string[], flags: Flags, cwd: string, env: NodeJS.ProcessEnv = process.env, runs = true): Promise<Options> {
  const root = resolve(cwd, (flags.root as string | undefined) ?? '.');
  const { config: loaded, notice } = await loadConfig({ cwd, root }, flags.config as string | undefined, cacheDirOf(root));
  if (notice && runs) process.stderr.write(`ptest: ${notice}\n`);
  const config: UserConfig = runs ? loaded : Object.fromEntries(Object.entries(loaded).filter(([key]) => !(RUN_ONLY_KEYS as readonly string[]).includes(key)));
  // `--isolate a.test.ts`: commander hands the path to the optional mode; it stays a path
  const isolate = flags.isolate as boolean | string | undefined;
  const pathAsMode = typeof isolate === 'string' && !ISOLATE_MODES.includes(isolate) ? isolate : undefined;
  const fromFlags: UserConfig = {
    root: flags.root as string | undefined,
    workers: flags.workers as string | undefined,
    pool: flags.pool as string | undefined,
    dist: flags.dist as string | undefined,
    grep: flags.grep as string | undefined,
    timeout: flags.timeout as string | undefined,
    reporters: flags.reporter as string[] | undefined,
    bail: flags.bail as string | boolean | undefined,
    maxWorkerMemory: flags.maxWorkerMemory as string | undefined,
    workerIdleMemory: flags.workerIdleMemory as string | undefined,
    keepSandbox: flags.keepSandbox as string | boolean | undefined,
    reruns: flags.reruns as string | undefined,
    rerunsDelay: flags.rerunsDelay as string | undefined,
    rerunIsolated: flags.rerunIsolated as boolean | undefined,
    failOnFlaky: flags.failOnFlaky as boolean | undefined,
    quarantineFile: flags.quarantine as string | undefined,
    strictQuarantine: flags.strictQuarantine as boolean | undefined,
    autoQuarantine: flags.autoQuarantine as boolean | undefined,
    repeat: flags.repeat as string | undefined,
    shard: flags.shard as string | undefined,
    plan: flags.plan as string | undefined,
    lastFailed: flags.lastFailed as boolean | undefined,
    seed: flags.seed as string | undefined,
    globals: flags.globals as boolean | undefined,
    isolate: pathAsMode === undefined ? isolate : true,
    environment: flags.environment as string | undefined,
    update: flags.update as boolean | undefined,
    silent: flags.silent as boolean | undefined,
    queue: flags.queue as string | boolean | undefined,
    buildId: flags.buildId as string | undefined,
    jobId: flags.jobId as string | undefined,
    queueLease: flags.queueLease as string | undefined,
    queueTimeout: flags.queueTimeout as string | undefined,
    queueIdleTimeout: flags.queueIdleTimeout as string | undefined,
    requeue: flags.requeue as string | undefined,
    waitReport: flags.waitReport as boolean | undefined,
    queueFallback: flags.queueFallback as string | undefined,
    // --no-history makes commander default `history` to true: only a path or false is a choice.
    history: flags.history === true ? undefined : (flags.history as string | false | undefined),
  };
  return resolveOptions([config, fromFlags], pathAsMode === undefined ? paths : [pathAsMode, ...paths], cwd, env);
}
