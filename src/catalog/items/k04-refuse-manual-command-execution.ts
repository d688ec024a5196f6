import { finding } from "../finding.js";
import { cfg, configEvidence, manualOrAttested, where } from "../helpers.js";
import type { CatalogItem, Finding } from "../types.js";

export const k04: CatalogItem = {
  id: "K-04",
  title: "Refuse manual command execution",
  category: "skills",
  priority: "P0",
  action:
    "Be wary of any docs that ask you to manually paste commands or install password-protected archives",
  verification: "Security awareness training",
  why: "Malicious skills ask the operator to paste a 'setup' command or open a password-protected archive so that the payload never passes a scanner.",
  openclaw: [],
  fix: "manual",
  needs: ["config", "person"],
  evaluate(s) {
    const out: Finding[] = [];
    if (cfg(s, "skills.install.allowUploadedArchives") === true)
      out.push(
        finding(k04, {
          check: "uploaded-archives",
          status: "warn",
          message:
            "skills.install.allowUploadedArchives is true: skills can be installed from uploaded archives.",
          evidence: [configEvidence(s, "skills.install.allowUploadedArchives")],
          remediation: "openclaw config set skills.install.allowUploadedArchives false",
          location: where(s, "skills.install.allowUploadedArchives"),
          subject: "skills.install.allowUploadedArchives",
        }),
      );
    out.push(
      manualOrAttested(
        k04,
        s,
        "make sure everyone who installs skills refuses instructions to paste shell commands or open password-protected archives, and reports them",
      ),
    );
    return out;
  },
};
