import type { DeskKpis } from '@baton/handoff-protocol';

export interface DeskKpiFeedOptions {
  compute: () => Promise<DeskKpis>;
  send: (kpis: DeskKpis) => void;
  /** Whether a supervisor on this node watches the dashboard. */
  watching: () => boolean;
  /** Figures are re-sent this often while someone watches (waits grow with the clock). */
  intervalMs: number;
  /** A change is shown after at most this long; changes meanwhile share one computation. */
  refreshDelayMs: number;
  onError: (error: unknown) => void;
}

/**
 * The dashboard's KPI figures, computed only while a supervisor watches: on a timer, and
 * soon after changes (many changes, one computation). Nobody watching: no work at all.
 */
export class DeskKpiFeed {
  readonly #options: DeskKpiFeedOptions;
  #interval: NodeJS.Timeout | undefined;
  #soon: NodeJS.Timeout | undefined;
  #computing = false;
  #again = false;

  constructor(options: DeskKpiFeedOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#interval) return;
    this.#interval = setInterval(() => this.#tick(), this.#options.intervalMs);
    this.#interval.unref?.();
  }

  /** Something the figures count changed. */
  refresh(): void {
    if (this.#soon || !this.#options.watching()) return;
    this.#soon = setTimeout(() => {
      this.#soon = undefined;
      this.#tick();
    }, this.#options.refreshDelayMs);
    this.#soon.unref?.();
  }

  stop(): void {
    clearInterval(this.#interval);
    clearTimeout(this.#soon);
    this.#interval = undefined;
    this.#soon = undefined;
  }

  #tick(): void {
    if (this.#computing) {
      this.#again = true;
      return;
    }
    if (!this.#options.watching()) return;
    this.#computing = true;
    this.#options
      .compute()
      .then(this.#options.send, this.#options.onError)
      .finally(() => {
        this.#computing = false;
        if (this.#again) {
          this.#again = false;
          this.#tick();
        }
      });
  }
}
