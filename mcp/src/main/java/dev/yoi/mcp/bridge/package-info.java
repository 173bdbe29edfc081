/**
 * MCP servers as features: the {@code mcp_bridge} runtime kind. A pinned descriptor says how to
 * start (or reach) the server and which tools, with which descriptions and input schemas, a
 * person approved; {@link dev.yoi.mcp.bridge.McpBridge} starts the server with an environment
 * built from the grants, checks what it lists against the pin, and answers each declared tool
 * through {@code tools/call}. {@link dev.yoi.mcp.bridge.McpPin} writes the pin.
 */
package dev.yoi.mcp.bridge;
