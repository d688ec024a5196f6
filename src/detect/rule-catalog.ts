import type { Severity } from "../model/finding.js";

export type RuleCategory =
  | "injection"
  | "hidden-text"
  | "clickfix"
  | "credential-request"
  | "suspicious-url"
  | "download-exec"
  | "reverse-shell"
  | "persistence"
  | "credential-access"
  | "exfiltration"
  | "destructive"
  | "evasion"
  | "code-exec"
  | "obfuscation"
  | "packaging"
  | "secret"
  | "ioc"
  | "typosquat"
  | "correlation"
  | "network";

export interface RuleMeta {
  title: string;
  category: RuleCategory;
  severity: Severity;
  why: string;
}

/** Every rule the scanner can report: stable id → title, category, severity and why it matters. */
export const RULES = {
  "injection.override": {
    title: "Instruction override",
    category: "injection",
    severity: "high",
    why: "Text telling the agent to ignore its instructions or safety rules is prompt injection: the skill tries to take control of the agent.",
  },
  "injection.role-hijack": {
    title: "Role hijack / jailbreak",
    category: "injection",
    severity: "high",
    why: "Jailbreak phrasing (DAN, developer mode, no restrictions) has no place in a skill and aims to switch off the model's guardrails.",
  },
  "injection.fake-delimiter": {
    title: "Fake chat delimiters",
    category: "injection",
    severity: "medium",
    why: "Chat-template tokens or fake system headers try to make document text look like system instructions.",
  },
  "injection.indirect-address": {
    title: "Instructions addressed to the AI reading the content",
    category: "injection",
    severity: "high",
    why: "Text that speaks to 'the AI reading this' is an indirect prompt injection: external content giving the agent orders.",
  },
  "injection.fake-system": {
    title: "Forged system message",
    category: "injection",
    severity: "high",
    why: "A bracketed 'system notice' inside content impersonates the operator to make the agent obey.",
  },
  "injection.new-instructions": {
    title: "Announced new instructions",
    category: "injection",
    severity: "medium",
    why: '"New instructions:" in content is a classic injection opener.',
  },
  "injection.secrecy": {
    title: "Hide actions from the user",
    category: "injection",
    severity: "high",
    why: "A skill that tells the agent not to tell or ask the user wants actions to happen without consent.",
  },
  "injection.silent-action": {
    title: "Silent execution or upload",
    category: "injection",
    severity: "high",
    why: "Instructions to act silently (run, send, upload, delete) are how malicious skills hide their payload.",
  },
  "injection.prompt-leak": {
    title: "System prompt extraction",
    category: "injection",
    severity: "medium",
    why: "Asking the agent to reveal its system prompt leaks configuration and secrets.",
  },
  "hidden.unicode-tags": {
    title: "Invisible Unicode tag characters",
    category: "hidden-text",
    severity: "high",
    why: "Unicode tag characters are invisible to people but read by models: a way to smuggle instructions.",
  },
  "hidden.zero-width": {
    title: "Zero-width characters",
    category: "hidden-text",
    severity: "medium",
    why: "Zero-width characters hide or split words so reviewers and filters miss them.",
  },
  "hidden.bidi": {
    title: "Bidirectional override characters",
    category: "hidden-text",
    severity: "high",
    why: "Bidi controls make text display differently from what is parsed (Trojan Source).",
  },
  "hidden.padding": {
    title: "Content hidden after padding",
    category: "hidden-text",
    severity: "high",
    why: "Content placed after hundreds of blank lines or thousands of spaces is out of a reviewer's view but fully read by the agent.",
  },
  "hidden.comment": {
    title: "Dangerous content in a hidden HTML comment",
    category: "hidden-text",
    severity: "high",
    why: "HTML comments are not rendered; instructions or commands inside them are aimed at the agent, not the reader.",
  },
  "clickfix.paste-command": {
    title: "Asks to paste a command into a terminal",
    category: "clickfix",
    severity: "medium",
    why: "ClickFix lures make the user or agent paste and run a command as a fake prerequisite.",
  },
  "clickfix.protected-archive": {
    title: "Password-protected archive download",
    category: "clickfix",
    severity: "high",
    why: "Password-protected archives defeat antivirus scanning; ClawHavoc skills used them to deliver stealers.",
  },
  "clickfix.disable-security": {
    title: "Asks to disable security software",
    category: "clickfix",
    severity: "high",
    why: "No legitimate skill needs antivirus, Gatekeeper or the firewall turned off.",
  },
  "clickfix.run-installer": {
    title: "Fake prerequisite installer",
    category: "clickfix",
    severity: "medium",
    why: "A 'required' installer download is the ClickFix delivery step.",
  },
  "cred-request.send": {
    title: "Asks to send credentials",
    category: "credential-request",
    severity: "high",
    why: "Asking for keys, passwords or seed phrases to be sent somewhere is credential theft.",
  },
  "cred-request.read": {
    title: "Asks to read credential stores",
    category: "credential-request",
    severity: "high",
    why: "Reading SSH keys, cloud credentials or OpenClaw auth files is what stealers do.",
  },
  "url.raw-ip": {
    title: "Link to a raw IP address",
    category: "suspicious-url",
    severity: "medium",
    why: "Raw IP URLs avoid DNS reputation and are typical of C2 and payload hosts.",
  },
  "url.shortener": {
    title: "URL shortener",
    category: "suspicious-url",
    severity: "medium",
    why: "Shorteners hide the real destination from review.",
  },
  "url.paste": {
    title: "Paste or file-drop site",
    category: "suspicious-url",
    severity: "medium",
    why: "Paste and file-drop sites host second-stage payloads.",
  },
  "url.tunnel": {
    title: "Tunnel or dynamic-DNS host",
    category: "suspicious-url",
    severity: "medium",
    why: "Tunnels and dynamic DNS give throwaway endpoints for C2 and exfiltration.",
  },
  "url.webhook": {
    title: "Webhook / request-catcher endpoint",
    category: "suspicious-url",
    severity: "medium",
    why: "Chat webhooks and request catchers are common exfiltration sinks.",
  },
  "url.payload-link": {
    title: "Executable or archive on a suspicious host",
    category: "suspicious-url",
    severity: "high",
    why: "An executable or archive served from a paste site, shortener or raw IP is a payload download.",
  },
  "shell.download-exec": {
    title: "Download and execute",
    category: "download-exec",
    severity: "high",
    why: "Piping a download into a shell runs unreviewed remote code with the agent's privileges.",
  },
  "shell.decode-exec": {
    title: "Decode and execute",
    category: "download-exec",
    severity: "critical",
    why: "Decoding an embedded blob straight into an interpreter hides the real command from review.",
  },
  "shell.download-chmod": {
    title: "Downloaded file made executable",
    category: "download-exec",
    severity: "high",
    why: "Downloading a file and marking it executable is binary dropper behaviour.",
  },
  "shell.reverse-shell": {
    title: "Reverse shell",
    category: "reverse-shell",
    severity: "critical",
    why: "A shell connected to a remote host gives an attacker interactive control.",
  },
  "shell.raw-ip-connect": {
    title: "Raw socket to an IP address",
    category: "network",
    severity: "medium",
    why: "Netcat-style connections to raw IPs are C2 and exfiltration channels.",
  },
  "shell.persistence": {
    title: "Persistence",
    category: "persistence",
    severity: "high",
    why: "Crontabs, shell rc files, systemd units and launch agents make code survive reboots without the user knowing.",
  },
  "shell.credential-access": {
    title: "Credential store access",
    category: "credential-access",
    severity: "high",
    why: "Reading SSH keys, cloud credentials, keychains, browser profiles or wallets is credential theft.",
  },
  "shell.env-dump": {
    title: "Environment dump",
    category: "credential-access",
    severity: "low",
    why: "The environment holds API keys; dumping it whole is a first step of exfiltration.",
  },
  "shell.exfiltration": {
    title: "Data upload to an exfiltration endpoint",
    category: "exfiltration",
    severity: "critical",
    why: "Uploading files or secrets to webhooks, paste sites or raw IPs is exfiltration.",
  },
  "shell.upload": {
    title: "Data upload",
    category: "network",
    severity: "info",
    why: "Sends data to a remote host (a network sink for correlation).",
  },
  "shell.suspicious-fetch": {
    title: "Fetch from a suspicious host",
    category: "suspicious-url",
    severity: "medium",
    why: "Downloads from raw IPs, paste sites, shorteners or tunnels are untrusted payloads.",
  },
  "shell.destructive": {
    title: "Destructive command",
    category: "destructive",
    severity: "high",
    why: "Recursive deletes of home or system directories and disk wipes destroy data.",
  },
  "shell.quarantine-removal": {
    title: "macOS quarantine removal",
    category: "evasion",
    severity: "high",
    why: "Removing com.apple.quarantine bypasses Gatekeeper checks on downloaded binaries (AMOS stealer delivery).",
  },
  "shell.disable-security": {
    title: "Disables a security control",
    category: "evasion",
    severity: "high",
    why: "Turning off Gatekeeper, SIP, SELinux, Defender or the firewall is attacker behaviour.",
  },
  "shell.anti-forensics": {
    title: "Clears shell history",
    category: "evasion",
    severity: "medium",
    why: "Clearing or disabling history hides what was run.",
  },
  "shell.eval": {
    title: "eval of command output",
    category: "code-exec",
    severity: "low",
    why: "eval runs whatever a command prints; fine for trusted local tools, dangerous otherwise.",
  },
  "code.eval-decoded": {
    title: "Dynamic code from decoded data",
    category: "code-exec",
    severity: "critical",
    why: "eval/exec/Function of base64, hex or char-code data is how obfuscated payloads run.",
  },
  "code.remote-eval": {
    title: "Runs code fetched from the network",
    category: "download-exec",
    severity: "high",
    why: "eval/exec of data that comes from a download runs unreviewed remote code.",
  },
  "injection.persistence-request": {
    title: "Asks to install persistence",
    category: "persistence",
    severity: "high",
    why: "Instructions to add entries to crontab, shell rc files or launch agents make something run on every login without the user knowing.",
  },
  "injection.remote-instructions": {
    title: "Loads instructions from a URL at run time",
    category: "injection",
    severity: "medium",
    why: "Instructions fetched at run time can change after review; the skill author controls the agent remotely.",
  },
  "injection.data-forwarding": {
    title: "Forwards the user's data to a third party",
    category: "exfiltration",
    severity: "high",
    why: "Telling the agent to forward all mail, messages or files to an outside address or URL is data theft through the agent's own tools.",
  },
  "injection.agent-tamper": {
    title: "Edits the agent's own instructions or config",
    category: "persistence",
    severity: "high",
    why: "Writing into SOUL.md, AGENTS.md, MEMORY.md or openclaw.json makes an injected instruction permanent (memory/config poisoning).",
  },
  "injection.markdown-exfil": {
    title: "Data exfiltration through a Markdown image or link",
    category: "exfiltration",
    severity: "high",
    why: "A Markdown image whose URL carries conversation data or secrets leaks them as soon as the reply is rendered.",
  },
  "code.dynamic-eval": {
    title: "Dynamic code evaluation",
    category: "code-exec",
    severity: "medium",
    why: "Evaluating computed strings runs code that is not visible in the source.",
  },
  "code.shell-exec": {
    title: "Command run through a shell",
    category: "code-exec",
    severity: "low",
    why: "Shell execution from code; judged further by the command it runs.",
  },
  "code.reverse-shell": {
    title: "Reverse shell in code",
    category: "reverse-shell",
    severity: "critical",
    why: "A socket wired to a shell gives an attacker interactive control.",
  },
  "code.env-exfiltration": {
    title: "Environment sent over the network",
    category: "exfiltration",
    severity: "critical",
    why: "The whole environment, API keys included, is sent to a remote host.",
  },
  "code.env-dump": {
    title: "Environment serialised",
    category: "credential-access",
    severity: "low",
    why: "Serialising the whole environment collects every API key.",
  },
  "code.credential-access": {
    title: "Reads a credential store",
    category: "credential-access",
    severity: "high",
    why: "Reading SSH keys, cloud credentials, browser data or wallets is credential theft.",
  },
  "code.secret-env": {
    title: "Reads a credential from the environment",
    category: "credential-access",
    severity: "info",
    why: "A credential source, used for correlation with network sinks.",
  },
  "code.network": {
    title: "Network call",
    category: "network",
    severity: "info",
    why: "A network sink, used for correlation with credential sources.",
  },
  "code.suspicious-endpoint": {
    title: "Network call to a suspicious endpoint",
    category: "suspicious-url",
    severity: "medium",
    why: "Raw IPs, webhooks, paste sites and tunnels are typical exfiltration and C2 endpoints.",
  },
  "obfuscation.minified": {
    title: "Minified single-line script",
    category: "obfuscation",
    severity: "low",
    why: "Minified code in a skill cannot be reviewed by a person.",
  },
  "obfuscation.high-entropy": {
    title: "High-entropy string",
    category: "obfuscation",
    severity: "low",
    why: "Long random-looking literals are often encrypted or packed payloads.",
  },
  "obfuscation.obfuscator": {
    title: "Obfuscator output",
    category: "obfuscation",
    severity: "high",
    why: "javascript-obfuscator style code exists to defeat review.",
  },
  "obfuscation.string-folding": {
    title: "Module or function name hidden by string tricks",
    category: "obfuscation",
    severity: "high",
    why: "`require('child'+'_process')` or `getattr(__import__('o'+'s'), 'sys'+'tem')` names the same thing as the plain call; splitting it only defeats review.",
  },
  "obfuscation.shell-indirection": {
    title: "Command hidden by quote-splitting or variable indirection",
    category: "obfuscation",
    severity: "high",
    why: "Splitting `curl` into `c\"\"u''rl` or `$a$b` changes nothing for the shell and exists only to slip past review and scanners.",
  },
  "obfuscation.encoded-payload": {
    title: "Dangerous content inside an encoded blob",
    category: "obfuscation",
    severity: "critical",
    why: "A base64/hex/char-code blob that decodes to a dangerous command or instruction is a hidden payload.",
  },
  "packaging.install-script": {
    title: "npm install script",
    category: "packaging",
    severity: "medium",
    why: "preinstall/install/postinstall scripts run on install, before anyone reviews the code.",
  },
  "packaging.binary": {
    title: "Bundled native binary",
    category: "packaging",
    severity: "high",
    why: "ELF/Mach-O/PE binaries cannot be reviewed; skills do not need them.",
  },
  "packaging.pyc": {
    title: "Compiled Python bytecode",
    category: "packaging",
    severity: "high",
    why: ".pyc files run without source and hide their behaviour.",
  },
  "packaging.encrypted-archive": {
    title: "Encrypted archive",
    category: "packaging",
    severity: "high",
    why: "Encrypted archive members cannot be scanned.",
  },
  "packaging.nested-archive": {
    title: "Nested archive",
    category: "packaging",
    severity: "medium",
    why: "Archives inside a skill hide content from shallow review.",
  },
  "packaging.symlink-escape": {
    title: "Symlink escapes the skill root",
    category: "packaging",
    severity: "high",
    why: "A link outside the skill exposes or overwrites files elsewhere (e.g. ~/.ssh).",
  },
  "packaging.path-escape": {
    title: "Archive path escapes the root",
    category: "packaging",
    severity: "high",
    why: "Zip-slip style member names write outside the install directory.",
  },
  "packaging.archive-mismatch": {
    title: "Archive whose index and contents disagree",
    category: "packaging",
    severity: "high",
    why: "Overlapping zip entries or a central directory that disagrees with the local headers make different tools see different files: the scanner and the installer would not read the same thing.",
  },
  "packaging.archive-bomb": {
    title: "Archive over the safety limits",
    category: "packaging",
    severity: "high",
    why: "Extreme compression ratios or sizes are decompression bombs.",
  },
  "packaging.oversize": {
    title: "File over the size limit",
    category: "packaging",
    severity: "info",
    why: "Not analysed: the skill cannot be reported clean.",
  },
  "packaging.opaque": {
    title: "Binary file of unknown type",
    category: "packaging",
    severity: "info",
    why: "Not analysed: an unknown binary can carry an encrypted payload for a loader script, so the skill cannot be reported clean.",
  },
  "packaging.unreadable": {
    title: "File could not be analysed",
    category: "packaging",
    severity: "info",
    why: "Not analysed: the skill cannot be reported clean.",
  },
  "secret.credential-cache": {
    title: "Several live credentials of different kinds",
    category: "secret",
    severity: "high",
    why: "A skill that carries keys for several services is a stash of stolen or leaked credentials, not a configuration slip.",
  },
  "secret.embedded": {
    title: "Hard-coded credential",
    category: "secret",
    severity: "medium",
    why: "A credential shipped inside a skill leaks to everyone who installs it, or is stolen.",
  },
  "ioc.sha256": {
    title: "Known-malicious file hash",
    category: "ioc",
    severity: "critical",
    why: "The file matches a published indicator of compromise.",
  },
  "ioc.domain": {
    title: "Known-malicious domain",
    category: "ioc",
    severity: "critical",
    why: "The skill references a domain from a published indicator list.",
  },
  "ioc.ip": {
    title: "Known-malicious IP address",
    category: "ioc",
    severity: "critical",
    why: "The skill references an IP from a published indicator list.",
  },
  "ioc.publisher": {
    title: "Known-malicious publisher",
    category: "ioc",
    severity: "critical",
    why: "The publisher is listed in a published indicator list.",
  },
  "ioc.name": {
    title: "Known-malicious skill name",
    category: "ioc",
    severity: "high",
    why: "The skill name matches a published list of malicious skills.",
  },
  "typosquat.name": {
    title: "Name close to a popular skill",
    category: "typosquat",
    severity: "high",
    why: "Names one or two edits away from popular skills are how typosquats get installed by mistake.",
  },
  "typosquat.dependency": {
    title: "Dependency name close to a popular npm package",
    category: "typosquat",
    severity: "high",
    why: "A dependency one edit away from a popular package (axois, lodahs) is a classic typosquat that runs code on install.",
  },
  "correlation.cred-exfil": {
    title: "Credential source and network sink in one skill",
    category: "correlation",
    severity: "critical",
    why: "Reading credentials and talking to the network in the same skill is the stealer pattern, even when each part alone looks harmless.",
  },
  "correlation.clickfix": {
    title: "ClickFix lure with a payload link or command",
    category: "clickfix",
    severity: "high",
    why: "Asking the user or agent to paste a command or run an installer, next to a paste-site, raw-IP or shortener link or a download-and-run command, is how ClickFix skills deliver malware.",
  },
  "code.download-exec": {
    title: "Downloads a file, makes it executable and runs it",
    category: "download-exec",
    severity: "high",
    why: "Fetching a binary, marking it executable and starting it is a dropper: the code that runs was never in the skill.",
  },
  "packaging.unanalysed-code": {
    title: "Code that is not analysed",
    category: "packaging",
    severity: "medium",
    why: "Ruby, Perl, Go, Makefiles, CI workflows or scripts for other interpreters run with the agent's rights, but no analyser here reads them: a person must.",
  },
  "packaging.install-hook": {
    title: "Python install hook",
    category: "packaging",
    severity: "medium",
    why: "A setup.py cmdclass or install subclass runs arbitrary code on `pip install`, before anyone reviews it.",
  },
  "correlation.install-time-payload": {
    title: "Install-time download and execute",
    category: "correlation",
    severity: "critical",
    why: "An install hook (npm preinstall/postinstall, setup.py) that downloads and runs code compromises the host at install time.",
  },
  "correlation.typosquat-dropper": {
    title: "Typosquatted name with a download-and-run installer",
    category: "correlation",
    severity: "critical",
    why: "A name one edit away from a popular skill plus a download-and-run step is the ClawHavoc impersonation pattern.",
  },
  "correlation.remote-payload": {
    title: "Download-and-execute from a suspicious host",
    category: "correlation",
    severity: "critical",
    why: "Remote code from a raw IP, paste site, shortener or tunnel is a payload delivery.",
  },
} as const satisfies Record<string, RuleMeta>;

/** A scanner rule id: a typo is a type error, never an "Unclassified finding". */
export type RuleId = keyof typeof RULES;

export function ruleMeta(rule: RuleId): RuleMeta {
  return RULES[rule];
}
