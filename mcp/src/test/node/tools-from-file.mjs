// A small stdio MCP server for Yoi's tests, written with the official TypeScript SDK: it lists the
// tools in the JSON file named by its first argument ([{name, description, inputSchema}]) and
// answers every call with the tool's name and arguments. Tests change the file between runs to make
// a server drift (a new description, a wider schema, a tool added or removed).
import { readFileSync } from "node:fs";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const tools = JSON.parse(readFileSync(process.argv[2], "utf8"));
const server = new Server({ name: "tools-from-file", version: "0.3.1" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
server.setRequestHandler(CallToolRequestSchema, async (request) => ({
  content: [{ type: "text", text: request.params.name + " " + JSON.stringify(request.params.arguments ?? {}) }],
}));
await server.connect(new StdioServerTransport());
