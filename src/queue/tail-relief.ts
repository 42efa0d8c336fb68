import type { RemotePlanner } from '../plan/remote-planner.js';
import type { FedRun } from '../run/run-units.js';
import { chooseBackups, type TailView } from './backup-policy.js';
import type { RedisQueue } from './redis-queue.js';
import type { UnitResults } from './unit-results.js';

/**
 * One job's side of tail relief (backup-policy.ts decides): the backup copies it takes of units
 * slower jobs hold once the queue has nothing left for its idle workers, and its copies that it
 * stops because another job's copy of the same unit was handed in first (or that it drops when
 * Redis is lost). Says at the end what happened, since the job's own reports leave those out.
 */
export class TailRelief {
  private taken = 0;
  private won = 0;
  /** units this job held whose backup (another job's copy) was handed in first */
  private readonly beaten = new Set<string>();
  /** this job's backup copies that Redis never got (it was lost), left out of this job's reports */
  private readonly abandoned: string[] = [];
  /** this job's backup copies dropped when they lost a worker thread here: never copied again by this job */
  private readonly dropped = new Map<string, string>();

  constructor(
    private readonly queue: RedisQueue,
    private readonly planner: RemotePlanner,
    private readonly results: UnitResults,
    private readonly jobId: string,
  ) {}

  /** Copies of the held units worth running on this job's `idle` workers; how many it got. */
  async backUp(view: TailView, idle: number): Promise<number> {
    let taken = 0;
    const worth = { ...view, held: view.held.filter((h) => !this.dropped.has(h.id)) };
    for (const id of chooseBackups(worth, this.jobId, idle)) {
      const unit = await this.queue.backup(id);
      if (!unit) continue;
      this.results.hold([unit], true);
      this.planner.add([unit]);
      taken++;
    }
    this.taken += taken;
    return taken;
  }

  /** Another job's copy of `root` was handed in first: this job's copy stops where it is, and its events go. */
  stopCopy(root: string, run: FedRun): void {
    if (!this.results.isBackup(root)) this.beaten.add(root);
    this.results.cancel(root);
    run.cancel(this.planner.cancel(root));
    run.wake();
  }

  /**
   * This job's copy of `root` lost a worker thread: it stops here, and is left out. Its holder runs
   * the unit and answers for its crashes; a copy that went on would spend this job's restarts (and
   * could stop it at the cap) on a unit that is not its own.
   */
  dropCopy(root: string, run: FedRun): void {
    this.dropped.set(root, this.results.nameOf(root));
    this.stopCopy(root, run);
  }

  /**
   * Redis is lost: this job's backup copies stop where they are and are left out of its reports.
   * Each unit's holder runs it too and reports it, to the queue or, if it lost Redis as well, in
   * its own reports: this job's copy would report the same tests twice. (A unit whose holder had
   * died is this job's now, and goes back to the queue when its lease runs out.)
   */
  abandonCopies(run: FedRun): void {
    for (const root of this.results.heldIds.filter((id) => this.results.isBackup(id))) {
      this.abandoned.push(this.results.nameOf(root));
      this.stopCopy(root, run);
    }
  }

  /** a backup copy done here that Redis never got: left out, as the copies still running are */
  abandon(name: string): void {
    this.abandoned.push(name);
  }

  /** The queue took or refused this job's results for a unit; `lost`: another copy of it came first. */
  handedIn(root: string, o: { backup: boolean; accepted: boolean; lost: boolean }): void {
    if (o.accepted && o.backup) this.won++;
    if (!o.accepted && o.lost && !o.backup) this.beaten.add(root);
  }

  closingWords(): string[] {
    const lines: string[] = [];
    if (this.taken > 0) lines.push(`ptest: ran backup copies of ${this.taken} unit(s) that slower jobs held once the queue had nothing left; ${this.won} of them were handed in first`);
    if (this.beaten.size > 0) lines.push(`ptest: another job's backup copy of ${this.beaten.size} unit(s) this job held was handed in first: this job's copies were stopped, and are in the build's report from that job, not in this job's`);
    if (this.dropped.size > 0) lines.push(`ptest: dropped this job's backup copies of ${this.dropped.size} unit(s) when they lost a worker thread here (their holders run them): ${[...this.dropped.values()].join(', ')}`);
    if (this.abandoned.length > 0) lines.push(`ptest: this job's backup copies of ${this.abandoned.length} unit(s) other jobs hold were not handed in (the queue was lost): they are not reported here, since their holders report them: ${this.abandoned.join(', ')}`);
    return lines;
  }
}
