// The official TypeScript MCP client against a server it starts over stdio (for yoi: `yoi mcp
// serve`). Lists the tools, calls a builtin, an example plugin tool and a tool the manifest
// denies, collects logging notifications, and prints one JSON object on stdout for the Java test.
//
//   node serve-client.mjs <command> [args...]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { LoggingMessageNotificationSchema } from "@modelcontextprotocol/sdk/types.js";

const [command, ...args] = process.argv.slice(2);
const transport = new StdioClientTransport({ command, args, stderr: "pipe" });
let stderr = "";
transport.stderr.on("data", (chunk) => { stderr += chunk; });

const client = new Client({ name: "yoi-interop-test", version: "1.0.0" });
const logged = [];
client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => { logged.push(n.params); });

// A tool error is a result with isError; a protocol error is a rejected promise. Both are kept.
async function call(name, input) {
  try {
    const result = await client.callTool({ name, arguments: input });
    return { isError: result.isError === true, text: result.content.map((c) => c.text).join("\n") };
  } catch (e) {
    return { protocolError: String(e) };
  }
}

await client.connect(transport);
const { tools } = await client.listTools();
const out = {
  server: client.getServerVersion(),
  capabilities: client.getServerCapabilities(),
  tools: tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema, meta: t._meta })),
  taskCreate: await call("TaskCreate", { subject: "Pack for Lisbon", description: "Flight on Friday" }),
  weather: await call("WeatherForecast", { city: "Lisbon", days: 2 }),
  denied: await call("MemoryDelete", { key: "trip" }),
  invalid: await call("TaskCreate", { title: "no subject" }),
};
await client.close();
out.logged = logged;
out.stderr = stderr;
process.stdout.write(JSON.stringify(out) + "\n");
