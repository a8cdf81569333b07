import { channelMeterView, channelUseAt } from './meter-model.ts';
import type { ChannelLimits, ChannelUse, MeterView } from './meter-model.ts';

/** The parts of a DOM element the painter touches (plain objects stand in for them in tests). */
export interface PaintTarget {
  setAttribute(name: string, value: string): void;
  classList: { toggle(token: string, force?: boolean): boolean };
}

/** An element whose text the painter owns. */
export interface TextTarget {
  textContent: string | null;
}

/** The nodes of one meter: the role="meter" element, its bar fill and its text. */
export interface MeterNodes {
  meter: PaintTarget;
  fill: { style: { transform: string } };
  text: TextTarget;
}

/** The nodes of one channel row. */
export interface RowNodes {
  row: PaintTarget;
  edquot: TextTarget & { hidden: boolean };
  read: MeterNodes | null;
  write: MeterNodes | null;
}

/** How the painter waits for a frame. @default requestAnimationFrame */
export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(id: number): void;
}

const browserFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (id) => cancelAnimationFrame(id),
};

const setText = (node: TextTarget, text: string): void => {
  if (node.textContent !== text) node.textContent = text;
};

function paintMeter(nodes: MeterNodes | null, view: MeterView | null): void {
  if (!nodes || !view) return;
  nodes.fill.style.transform = `scaleX(${view.bar})`;
  nodes.meter.setAttribute('aria-valuenow', String(view.percent));
  nodes.meter.setAttribute('aria-valuetext', view.valueText);
  nodes.meter.classList.toggle('meter-full', view.state === 'full');
  nodes.meter.classList.toggle('meter-hit', view.state === 'hit');
  setText(nodes.text, view.text);
}

/** Paints one channel's numbers into its row. */
export function paintRow(nodes: RowNodes, limits: ChannelLimits, use: ChannelUse): void {
  const view = channelMeterView(limits, use);
  paintMeter(nodes.read, view.read);
  paintMeter(nodes.write, view.write);
  nodes.row.classList.toggle('meters-row-hit', view.quotaHits > 0);
  setText(nodes.edquot, view.edquot);
  nodes.edquot.hidden = view.quotaHits === 0;
}

/**
 * Writes channel numbers straight into the meters' DOM, outside React: live counters are painted at most
 * once per animation frame (reading the shared counters as they are then), a final report at once.
 */
export class MeterPainter {
  private rows: RowNodes[] = [];
  private limits: ChannelLimits[] = [];
  private live: ArrayLike<number> | null = null;
  private frame: number | null = null;

  constructor(private readonly frames: FrameScheduler = browserFrames) {}

  /** The rows to paint (in counter order) and their limits; call after the rows render. */
  attach(rows: RowNodes[], limits: ChannelLimits[]): void {
    this.rows = rows;
    this.limits = limits;
  }

  /** Live counters (engine layout, channel index = row index): painted at the next frame. */
  schedule(counters: ArrayLike<number>): void {
    this.live = counters;
    this.frame ??= this.frames.request(() => {
      this.frame = null;
      this.paintLive();
    });
  }

  /** Paints the live counters given last, or zeros when there are none. */
  paintLive(): void {
    const counters = this.live ?? [];
    this.rows.forEach((row, i) => paintRow(row, this.limits[i]!, channelUseAt(counters, i)));
  }

  /** Paints final numbers now, dropping live counters and any frame still waiting. */
  paintFinal(uses: ChannelUse[]): void {
    this.cancel();
    this.live = null;
    this.rows.forEach((row, i) => paintRow(row, this.limits[i]!, uses[i]!));
  }

  /** Back to zeros, for a new run. */
  reset(): void {
    this.cancel();
    this.live = null;
    this.paintLive();
  }

  /** Drops a frame still waiting (on unmount). */
  cancel(): void {
    if (this.frame !== null) this.frames.cancel(this.frame);
    this.frame = null;
  }
}
