type Task = () => Promise<void>;

const tasks: Task[] = [];

/** Registers something to undo at the end of the run (undone last-in, first-out). */
export function onCleanup(task: Task): void {
  tasks.push(task);
}

/** Runs every registered task once; safe to call more than once. */
export async function cleanup(): Promise<void> {
  for (let task = tasks.pop(); task; task = tasks.pop()) {
    try {
      await task();
    } catch (error) {
      process.stderr.write(`cleanup: ${String(error)}\n`);
    }
  }
}
