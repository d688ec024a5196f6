/**
 * Runs `clawwarden fix --yes --no-openclaw` on argv[2] in its own process, so a test can SIGKILL or
 * SIGTERM it mid-transaction (CLAWWARDEN_FAULT=kill-after-step:N / term-after-step:N).
 */
import { runFix } from "../../../src/fix/run.js";

// vite-node's dev server exits on SIGTERM; the real CLI has no such handler, so drop it here.
process.removeAllListeners("SIGTERM");
const stateDir = process.argv[2] as string;
const result = await runFix({
  plan: {
    stateDir,
    configPath: `${stateDir}/openclaw.json`,
    profile: "personal",
    lang: "en",
    assisted: false,
    assistedDir: `${stateDir}/assisted`,
    env: process.env,
    who: "fault-driver",
    now: new Date(),
  },
  dryRun: false,
  yes: true,
  openclaw: false,
  command: "fix",
  out: () => {},
  err: (s) => process.stderr.write(s),
  confirm: async () => true,
});
process.stdout.write(
  `${JSON.stringify({ status: result.applied?.status, steps: result.applied?.stepsDone })}\n`,
);
process.exitCode = result.exitCode;
