import { n04 } from "../../../src/catalog/network.js";
import { runCases } from "../check-tester.js";
import { conf, hardened, insecure } from "../helpers/network.js";

runCases(n04, [
  {
    name: "loopback without tunnels passes with a --live note",
    snapshot: conf({ gateway: { bind: "loopback" } }),
    expect: { status: "pass", checks: ["loopback-no-direct"], messageIncludes: "--live" },
  },
  {
    name: "Tailscale Funnel fails critical",
    snapshot: conf({ gateway: { bind: "loopback", tailscale: { mode: "funnel" } } }),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["tailscale-funnel"],
      remediationIncludes: "gateway.tailscale.mode serve",
    },
  },
  {
    name: "Tailscale Serve passes",
    snapshot: conf({ gateway: { tailscale: { mode: "serve" } } }),
    expect: { status: "pass", checks: ["tailscale-serve"] },
  },
  {
    name: "lan bind without a tunnel fails",
    snapshot: conf({ gateway: { bind: "lan" } }),
    expect: { status: "fail", checks: ["direct-exposure"], remediationIncludes: "ssh -N -L" },
  },
  {
    name: "tailnet bind passes (Tailscale is the tunnel)",
    snapshot: conf({ gateway: { bind: "tailnet" } }),
    expect: { status: "pass", checks: ["tailnet-bind"] },
  },
  {
    name: "remote mode over SSH passes",
    snapshot: conf({ gateway: { mode: "remote", remote: { url: "ws://10.0.0.5:18789", transport: "ssh" } } }),
    expect: { status: "pass", checks: ["remote-tunnel"] },
  },
  {
    name: "remote mode through a local forward passes",
    snapshot: conf({ gateway: { mode: "remote", remote: { url: "ws://127.0.0.1:18789" } } }),
    expect: { status: "pass", checks: ["remote-tunnel"] },
  },
  {
    name: "remote mode over the tailnet passes",
    snapshot: conf({ gateway: { mode: "remote", remote: { url: "wss://gw.tail1234.ts.net" } } }),
    expect: { status: "pass", checks: ["remote-tailnet"] },
  },
  {
    name: "remote mode straight to a public host over ws:// fails",
    snapshot: conf({
      gateway: { mode: "remote", remote: { url: "ws://203.0.113.9:18789", transport: "direct" } },
    }),
    expect: { status: "fail", checks: ["remote-direct-plaintext"], messageIncludes: "203.0.113.9" },
  },
  {
    name: "remote mode straight to a public host over wss:// warns",
    snapshot: conf({ gateway: { mode: "remote", remote: { url: "wss://gw.example.com" } } }),
    expect: { status: "warn", checks: ["remote-direct"] },
  },
  {
    name: "an unrecognised bind needs --live",
    snapshot: conf({ gateway: { bind: "localhost" } }),
    expect: { status: "unknown", checks: ["needs-live"] },
  },
  {
    name: "real insecure config fails",
    snapshot: insecure(),
    expect: { status: "fail", checks: ["direct-exposure"] },
  },
  { name: "real hardened config passes", snapshot: hardened(), expect: { status: "pass" } },
]);
