/** The engine demo's one config, with its defaults (imported by the page without the model code). */
export interface DemoConfig {
  /** Number of classes (spiral arms), K. */
  classes: number;
  /** Training points per class. */
  perClass: number;
  /** Angle noise of the spirals (radians). */
  noise: number;
  /** Hidden units. */
  hidden: number;
  /** Adam's step size η (can change while training, through configure). */
  learningRate: number;
  seed: number;
}

export const defaultDemoConfig: DemoConfig = {classes: 3, perClass: 60, noise: 0.2, hidden: 24, learningRate: 0.02, seed: 1};
