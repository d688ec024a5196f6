// Run by the tests as an unprivileged user (setpriv): prints what the collectors see without root.
import { collectFirewall } from "../../src/deployment/host/firewall.js";
import { collectGatewayProcesses } from "../../src/deployment/host/processes.js";
import { collectSockets } from "../../src/deployment/host/sockets.js";

const port = Number(process.argv[2] ?? 18789);
const [processes, firewall, sockets] = await Promise.all([
  collectGatewayProcesses(),
  collectFirewall(port),
  collectSockets(),
]);
process.stdout.write(JSON.stringify({ processes, firewall, sockets }));
