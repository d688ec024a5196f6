import { finding } from "../finding.js";
import { cfg, configEvidence, manualOrAttested, where } from "../helpers.js";
import { isLoopbackUrl, providerBaseUrls } from "../lib/llm.js";
import type { CatalogItem, Finding } from "../types.js";

export const l04: CatalogItem = {
  id: "L-04",
  title: "Data classification and masking",
  category: "llm",
  priority: "P2",
  action: "Make sure data sent to the LLM does not contain sensitive information",
  verification: "Data flow review",
  why: "Everything in the context window goes to the model provider and, with content capture on, to telemetry; secrets and personal data must be masked before they get there.",
  openclaw: ["logging.redact_off"],
  fix: "assisted",
  needs: ["config", "person"],
  evaluate(s) {
    const out: Finding[] = [];
    if (cfg(s, "diagnostics.otel.captureContent") === true)
      out.push(
        finding(l04, {
          check: "otel-capture-content",
          status: "fail",
          message:
            "diagnostics.otel.captureContent copies prompts, messages and tool content into telemetry.",
          evidence: [configEvidence(s, "diagnostics.otel.captureContent")],
          remediation: "openclaw config set diagnostics.otel.captureContent false",
          location: where(s, "diagnostics.otel.captureContent"),
          subject: "diagnostics.otel.captureContent",
        }),
      );
    if (cfg(s, "logging.redactSensitive") === "off")
      out.push(
        finding(l04, {
          check: "redact-off",
          status: "fail",
          openclawChecks: ["logging.redact_off"],
          message: 'logging.redactSensitive "off": nothing is masked in logs.',
          evidence: [configEvidence(s, "logging.redactSensitive")],
          remediation:
            "openclaw config set logging.redactSensitive tools (or `openclaw doctor --fix` on newer releases)",
          location: where(s, "logging.redactSensitive"),
          subject: "logging.redactSensitive",
        }),
      );
    const patterns = cfg(s, "logging.redactPatterns");
    if (Array.isArray(patterns))
      out.push(
        finding(l04, {
          check: "custom-redact-patterns",
          status: "warn",
          severity: "low",
          message: `logging.redactPatterns (${patterns.length}) replaces OpenClaw's default masking patterns for logs and transcripts.`,
          evidence: [
            configEvidence(
              s,
              "logging.redactPatterns",
              `logging.redactPatterns has ${patterns.length} pattern(s)`,
            ),
          ],
          remediation:
            "Make sure the custom list still covers API keys, bearer tokens and passwords, or remove it to restore the defaults.",
          location: where(s, "logging.redactPatterns"),
          subject: "logging.redactPatterns",
        }),
      );
    for (const p of providerBaseUrls(s)) {
      const loopback = isLoopbackUrl(p.url);
      if (p.url.startsWith("http://") && loopback === false)
        out.push(
          finding(l04, {
            check: "cleartext-provider",
            status: "warn",
            message: `Provider ${p.name} is reached over plain http: prompts cross the network unencrypted.`,
            evidence: [configEvidence(s, p.keyPath)],
            remediation: `Use an https:// baseUrl for models.providers.${p.name}, or keep the inference server on loopback.`,
            location: where(s, p.keyPath),
            subject: p.keyPath,
          }),
        );
      const skip = `models.providers.${p.name}.request.tls.insecureSkipVerify`;
      if (cfg(s, skip) === true)
        out.push(
          finding(l04, {
            check: "tls-skip-verify",
            status: "warn",
            message: `Provider ${p.name} skips TLS verification: anyone on the path can read prompts.`,
            evidence: [configEvidence(s, skip)],
            remediation: `openclaw config set ${skip} false (trust the server's CA with request.tls.caPath instead).`,
            location: where(s, skip),
            subject: skip,
          }),
        );
    }
    out.push(
      manualOrAttested(
        l04,
        s,
        "review what data reaches the model (workspace files, channel messages, tool output) and mask secrets and personal data before it does",
      ),
    );
    return out;
  },
};
