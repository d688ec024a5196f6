import { join } from "node:path";

/** Where the event log lives: `<state dir>/.clawwarden/events/`. */
export const eventsDir = (stateDir: string) => join(stateDir, ".clawwarden", "events");
