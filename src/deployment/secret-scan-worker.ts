import { parentPort } from "node:worker_threads";
import { runScanTask, type ScanTask } from "./secret-scan-core.js";

// One task at a time: the main thread hands out the next file when this one answers.
parentPort?.on("message", async (task: ScanTask) => {
  parentPort?.postMessage(await runScanTask(task));
});
