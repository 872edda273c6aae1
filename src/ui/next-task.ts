/**
 * A promise that settles in a new task (a macrotask, after rendering if one is due): work after
 * `await nextTask()` runs apart from the work before it, so a start cut this way never holds the
 * main thread long on a slow phone (Lighthouse's Total Blocking Time counts every task over 50 ms).
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
