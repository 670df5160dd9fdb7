/**
 * Runs jobs one at a time, in the order they were asked for: a second experiment started while
 * one trains waits its turn instead of fighting it for the CPU. Pure: no vscode.
 */
export interface Enqueued<R> {
  /** 0: started now; n: n jobs run before it. */
  position: number;
  /** The job's result; undefined when it was dropped before it started. */
  result: Promise<R | undefined>;
}

interface Item<J, R> {
  job: J;
  resolve: (r: R | undefined) => void;
  reject: (e: unknown) => void;
}

export class RunQueue<J, R> {
  private running: Item<J, R> | undefined;
  private readonly waitingItems: Item<J, R>[] = [];

  constructor(private readonly start: (job: J) => Promise<R>) {}

  get active(): J | undefined {
    return this.running?.job;
  }

  get waiting(): readonly J[] {
    return this.waitingItems.map((i) => i.job);
  }

  enqueue(job: J): Enqueued<R> {
    let item!: Item<J, R>;
    const result = new Promise<R | undefined>((resolve, reject) => (item = { job, resolve, reject }));
    const position = (this.running ? 1 : 0) + this.waitingItems.length;
    this.waitingItems.push(item);
    this.pump();
    return { position, result };
  }

  /** Drops every job that has not started; their results settle as undefined. */
  clearWaiting(): J[] {
    const dropped = this.waitingItems.splice(0);
    for (const i of dropped) i.resolve(undefined);
    return dropped.map((i) => i.job);
  }

  private pump(): void {
    if (this.running) return;
    const item = this.waitingItems.shift();
    if (!item) return;
    this.running = item;
    let started: Promise<R>;
    try {
      started = this.start(item.job);
    } catch (error) {
      started = Promise.reject(error);
    }
    started.then(item.resolve, item.reject).finally(() => {
      this.running = undefined;
      this.pump();
    });
  }
}
