/**
 * What a live model is doing: a status line (steps, steps per second, parameters), a progress bar of
 * the current training run, and on failure the message with a "Restart the model" button. Screen
 * readers hear changes of status (not every step) through a polite status region. While a model
 * trains the line is redrawn ten times a second (a change of status at once): each redraw lays
 * out the page again, and a reader cannot read a step counter faster than that.
 */
import type {ClientState, Status} from "../src/workers/client.js";
import {formatCount, formatNumber} from "./format.js";
import {el, installStyles} from "./style.js";
import {throttle} from "./throttle.js";

/** The part of a LiveClient this view uses. */
export interface StatusSource {
  subscribe(listener: (state: ClientState) => void): () => void;
  restart(): Promise<unknown>;
}

export interface ModelStatusElement extends HTMLElement {
  /** Stops listening to the client (also happens by itself once the element leaves the page). */
  dispose(): void;
}

const STATUS_CSS = `
.rt-status { display: grid; gap: 0.3rem; padding: 0.5rem 0.7rem; border: 1px solid var(--theme-foreground-faintest, #e3e3e3); border-radius: 6px; }
.rt-status .rt-line { display: flex; align-items: center; gap: 0.45rem; flex-wrap: wrap; font-variant-numeric: tabular-nums; }
.rt-status .rt-dot { width: 0.65rem; height: 0.65rem; border-radius: 50%; background: #888; flex: none; }
.rt-status[data-status="training"] .rt-dot { background: #1a7f37; }
.rt-status[data-status="ready"] .rt-dot { background: var(--theme-foreground-focus, #3b5fc0); }
.rt-status[data-status="paused"] .rt-dot { background: #b08800; }
.rt-status[data-status="error"] .rt-dot, .rt-status[data-status="crashed"] .rt-dot { background: #c62828; border-radius: 2px; }
.rt-status .rt-progress { display: flex; align-items: center; gap: 0.5rem; font-size: 12px; color: var(--theme-foreground-muted, #666); font-variant-numeric: tabular-nums; }
.rt-status progress { flex: 1; min-width: 6rem; height: 0.6rem; accent-color: var(--theme-foreground-focus, #3b5fc0); }
.rt-status .rt-error { color: #8a1f1f; background: #fdecea; border-radius: 4px; padding: 0.4rem 0.6rem; }
.rt-status .rt-error[hidden] { display: none; }
.rt-status .rt-error button { font: inherit; margin-top: 0.35rem; padding: 0.3rem 0.8rem; min-height: 2rem; border-radius: 4px; border: 1px solid #8a1f1f; background: #fff; color: #8a1f1f; cursor: pointer; }
`;

const WORDS: Record<Status, string> = {
  starting: "Starting the model…",
  ready: "Ready",
  training: "Training",
  paused: "Paused",
  error: "Something went wrong",
  crashed: "The model stopped"
};

export interface ModelStatusOptions {
  label?: string;
  /** What the progress line says before the first training run (default "not trained yet"). */
  idle?: string;
  testid?: string;
}

export function modelStatus(client: StatusSource, {label = "Model", idle = "not trained yet", testid}: ModelStatusOptions = {}): ModelStatusElement {
  const root = el("div", "rt-view rt-status") as HTMLElement as ModelStatusElement;
  if (testid) root.dataset.testid = testid;
  const dot = el("span", "rt-dot");
  dot.setAttribute("aria-hidden", "true");
  const text = el("span");
  const line = el("div", "rt-line");
  line.append(dot, el("strong", undefined, `${label}:`), text);
  const bar = el("progress");
  bar.setAttribute("aria-label", `${label}: training progress`);
  const count = el("span");
  const progress = el("div", "rt-progress");
  progress.append(bar, count);
  const error = el("div", "rt-error");
  error.setAttribute("role", "alert");
  error.hidden = true;
  const message = el("div");
  const restart = el("button", undefined, "Restart the model");
  restart.type = "button";
  restart.addEventListener("click", () => void client.restart().catch(() => {}));
  error.append(message, restart);
  const live = el("div", "rt-sr");
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  installStyles(STATUS_CSS);
  root.append(line, progress, error, live);

  let lastStatus: Status | null = null;
  let rate = NaN, mark = {t: 0, done: 0};
  let connected = false;

  function render(s: ClientState): void {
    const now = performance.now();
    const step = s.history.steps.length ? s.history.steps[s.history.steps.length - 1] : 0;
    if (s.status !== "training" || s.done < mark.done) (mark = {t: now, done: s.done}), (rate = s.status === "training" ? NaN : rate);
    else if (now - mark.t > 400) {
      const r = ((s.done - mark.done) * 1000) / (now - mark.t);
      rate = Number.isNaN(rate) ? r : 0.5 * rate + 0.5 * r;
      mark = {t: now, done: s.done};
    }
    const parts = [WORDS[s.status]];
    if (step && s.status !== "starting") parts.push(`step ${formatCount(step)}`);
    if (s.status === "training" && Number.isFinite(rate)) parts.push(`${formatNumber(rate, 3)} steps/s`);
    if (s.status === "ready" && s.info) parts.push(`${formatCount(s.info.parameters)} parameters`);
    text.textContent = parts.join(" · ");
    root.dataset.status = s.status;
    bar.max = Math.max(1, s.total);
    bar.value = Math.min(s.done, s.total);
    count.textContent = s.total ? `${formatCount(s.done)} / ${formatCount(s.total)} steps` : idle;
    const failed = s.status === "error" || s.status === "crashed";
    error.hidden = !failed;
    message.textContent = failed ? s.message ?? "" : "";
    if (s.status !== lastStatus) {
      live.textContent = `${label}: ${WORDS[s.status]}${step && s.status !== "starting" ? ` at step ${formatCount(step)}` : ""}.`;
      lastStatus = s.status;
    }
  }

  const unsubscribe = throttle(client, 100)((s) => {
    if (root.isConnected) connected = true;
    else if (connected) return root.dispose();
    render(s);
  });
  root.dispose = () => void unsubscribe();
  return root;
}
