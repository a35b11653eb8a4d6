/**
 * A tooltip inside a view's own (position: relative) container, kept within the container's width.
 * What it shows is also announced through a polite live region when the reader moves by keyboard.
 */
import {el, uid} from "./style.js";

export interface Tooltip {
  /** The tooltip element (give the focusable plot aria-describedby = element.id). */
  element: HTMLDivElement;
  /** The live region; add it to the view too. */
  live: HTMLDivElement;
  /** Shows `lines` with the tooltip's corner near (x, y), in the container's coordinates. */
  show(x: number, y: number, lines: string[], announce?: boolean): void;
  hide(): void;
}

export function tooltip(container: HTMLElement): Tooltip {
  const element = el("div", "rt-tooltip");
  element.id = uid("tip");
  element.setAttribute("role", "tooltip");
  element.hidden = true;
  const live = el("div", "rt-sr");
  live.setAttribute("aria-live", "polite");
  return {
    element,
    live,
    show(x, y, lines, announce = false) {
      element.replaceChildren(...lines.map((line) => el("div", undefined, line)));
      element.hidden = false;
      const w = element.offsetWidth, h = element.offsetHeight;
      const maxX = container.clientWidth - w - 2;
      let left = x + 14;
      if (left > maxX) left = x - w - 14;
      left = Math.max(0, Math.min(maxX, left));
      const top = y - h - 10 >= 0 ? y - h - 10 : y + 16;
      element.style.left = `${left}px`;
      element.style.top = `${top}px`;
      if (announce) live.textContent = lines.join(", ");
    },
    hide() {
      element.hidden = true;
    }
  };
}
