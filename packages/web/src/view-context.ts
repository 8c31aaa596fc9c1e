/** What a view gets from the shell (main.ts): its route, the element to fill, and a way to re-render. Its own
 * module, so the views do not import main.ts (which imports them). */
import type { Route } from './router.ts';

export interface ViewContext {
  route: Route;
  main: HTMLElement;
  /** Re-render the current route (after a language switch or a save). */
  refresh(): void;
}
