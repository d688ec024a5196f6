import { createServer, type Server } from "node:http";

/**
 * A deterministic OpenAI-compatible model on loopback for driving real OpenClaw turns (recipe in
 * shared/reference/openclaw-live.md §7). The user message scripts the turn: `RUN: <command>` makes the model
 * call `exec` with that command; once a tool result follows the last real user message it answers
 * `MOCK_FINAL tool said: <result>`. Usage is reported so budgets can be tested.
 */
export interface MockModel {
  url: string;
  port: number;
  /** Every tool result text the model was shown, in order (what reached the model after middleware). */
  seenToolResults: string[];
  close(): Promise<void>;
}

const textOf = (c: unknown): string =>
  typeof c === "string"
    ? c
    : Array.isArray(c)
      ? c.map((p) => (p as { text?: string }).text ?? "").join("")
      : JSON.stringify(c ?? "");

export async function startMockModel(usageTokens = 15): Promise<MockModel> {
  const seenToolResults: string[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      n++;
      if (req.method === "GET" && (req.url ?? "").endsWith("/models")) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({ object: "list", data: [{ id: "mock-model", object: "model", owned_by: "mock" }] }),
        );
        return;
      }
      let j: {
        messages?: Array<{ role: string; content: unknown }>;
        tools?: Array<{ function?: { name?: string } }>;
        stream?: boolean;
        model?: string;
      } = {};
      try {
        j = JSON.parse(body || "{}");
      } catch {
        // empty body
      }
      const msgs = j.messages ?? [];
      const internal = (m: { role: string; content: unknown }) =>
        m.role === "user" &&
        textOf(m.content).trimStart().startsWith("<<<BEGIN_OPENCLAW_INTERNAL_CONTEXT>>>");
      let lastUser = -1;
      msgs.forEach((m, i) => {
        if (m.role === "user" && !internal(m)) lastUser = i;
      });
      const tools = msgs.slice(lastUser + 1).filter((m) => m.role === "tool");
      const userText = lastUser >= 0 ? textOf(msgs[lastUser]?.content) : "";
      const run = /RUN: (.+)$/m.exec(userText)?.[1]?.trim();
      const names = (j.tools ?? []).map((t) => t.function?.name);
      let message: Record<string, unknown>;
      let finish: string;
      if (tools.length) {
        const result = textOf(tools[tools.length - 1]?.content).trim();
        seenToolResults.push(result);
        message = { role: "assistant", content: `MOCK_FINAL tool said: ${result.slice(0, 500)}` };
        finish = "stop";
      } else if (run && names.includes("exec")) {
        message = {
          role: "assistant",
          content: null,
          tool_calls: [
            {
              id: `call_mock_${n}`,
              type: "function",
              function: { name: "exec", arguments: JSON.stringify({ command: run }) },
            },
          ],
        };
        finish = "tool_calls";
      } else {
        message = { role: "assistant", content: "MOCK_OK" };
        finish = "stop";
      }
      const id = `chatcmpl-mock-${n}`;
      const created = Math.floor(Date.now() / 1000);
      const model = j.model ?? "mock-model";
      const usage = { prompt_tokens: usageTokens - 5, completion_tokens: 5, total_tokens: usageTokens };
      if (!j.stream) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            id,
            object: "chat.completion",
            created,
            model,
            choices: [{ index: 0, message, finish_reason: finish }],
            usage,
          }),
        );
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      const send = (o: unknown) => res.write(`data: ${JSON.stringify(o)}\n\n`);
      const base = { id, object: "chat.completion.chunk", created, model };
      send({
        ...base,
        choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }],
      });
      const calls = message.tool_calls as
        | Array<{ id: string; function: { name: string; arguments: string } }>
        | undefined;
      if (calls?.[0]) {
        const tc = calls[0];
        send({
          ...base,
          choices: [
            {
              index: 0,
              delta: {
                tool_calls: [
                  {
                    index: 0,
                    id: tc.id,
                    type: "function",
                    function: { name: tc.function.name, arguments: "" },
                  },
                ],
              },
              finish_reason: null,
            },
          ],
        });
        send({
          ...base,
          choices: [
            {
              index: 0,
              delta: { tool_calls: [{ index: 0, function: { arguments: tc.function.arguments } }] },
              finish_reason: null,
            },
          ],
        });
      } else {
        send({ ...base, choices: [{ index: 0, delta: { content: message.content }, finish_reason: null }] });
      }
      send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finish }] });
      send({ ...base, choices: [], usage });
      res.write("data: [DONE]\n\n");
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const a = server.address();
  const port = typeof a === "object" && a ? a.port : 0;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    seenToolResults,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
