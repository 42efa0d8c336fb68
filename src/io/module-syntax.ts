/**
 * A line that only an ES module has: `import x`, `import {`, `import '...'`, `export `; not one
 * calling `importNode(` or `import(`, nor an identifier such as `imports` or `importScripts`. Node
 * and ptest decide by it whether a file labelled one kind is the other.
 */
export const ES_MODULE_SYNTAX = /^\s*(?:import\s*[{*'"]|import\s+[\w$]|export\s)/m;
