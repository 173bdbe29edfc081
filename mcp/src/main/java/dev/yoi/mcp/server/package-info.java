/**
 * A Pod's tools served to MCP clients: {@link dev.yoi.mcp.server.PodMcpServer} (what
 * {@code yoi mcp serve} runs), with features' model notifications relayed as MCP logging
 * notifications by {@link dev.yoi.mcp.server.ClientNotifications}.
 */
package dev.yoi.mcp.server;
