/** MCP in both directions: servers bridged in as features, and a Pod's tools served out. */
package dev.yoi.mcp;
