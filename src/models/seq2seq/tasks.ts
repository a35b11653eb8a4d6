/** The tasks by name, for configs that travel as plain data (URLs, workers, checkpoints). */
import {dates} from "./dates.js";
import {reverse} from "./reverse.js";
import type {Task} from "./task.js";

export type TaskName = "dates" | "reverse";

export const TASKS: Record<TaskName, Task> = {dates, reverse};

export function taskNamed(name: string): Task {
  if (name !== "dates" && name !== "reverse") throw new Error(`seq2seq: no task "${name}" (dates or reverse)`);
  return TASKS[name];
}
