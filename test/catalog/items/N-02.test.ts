import { n02 } from "../../../src/catalog/network.js";
import { runCases } from "../check-tester.js";
import { conf, hardened, insecure } from "../helpers/network.js";

runCases(n02, [
  {
    name: "loopback bind passes with a note that the firewall itself was not read",
    snapshot: conf({ gateway: { bind: "loopback" } }),
    expect: { status: "pass", checks: ["loopback-only"], messageIncludes: ["not read", "--live"] },
  },
  {
    name: "default bind counts as loopback-only",
    snapshot: conf({}),
    expect: { status: "pass", checks: ["loopback-only"] },
  },
  {
    name: "lan bind needs --live, naming the configured port",
    snapshot: conf({ gateway: { bind: "lan", port: 19001 } }),
    expect: {
      status: "unknown",
      checks: ["needs-live"],
      messageIncludes: ["needs --live", "19001/tcp"],
      evidenceIncludes: "gateway.port",
    },
  },
  { name: "real insecure config needs --live", snapshot: insecure(), expect: { status: "unknown" } },
  { name: "real hardened config passes", snapshot: hardened(), expect: { status: "pass" } },
]);
