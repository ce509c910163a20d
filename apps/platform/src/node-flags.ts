/**
 * V8 flags every Emporium process runs with; `npm start` (package.json) passes the same.
 * - A 4 MiB semi-space instead of V8's machine-sized young generation: about 50 MiB less
 *   resident memory, no measurable loss of throughput (ADR 0008).
 * - The old generation may grow 20% past the live data before the next full collection
 *   instead of V8's default factor: under a search storm the platform stayed at about
 *   210 MiB instead of climbing past 300 MiB of garbage, at the same requests/s.
 * - WebAssembly stays on V8's baseline compiler (Liftoff): the wasm the process runs is
 *   Node's TypeScript stripper (amaro, at every .ts import) and undici's HTTP parser. Their
 *   optimizing recompiles on V8's worker threads left some 20 MiB of compiler memory in
 *   glibc's per-thread arenas (resident, never reused); undici's CPU per request is the
 *   same either way (ADR 0038).
 */
export const NODE_FLAGS = [
  '--max-semi-space-size=4',
  '--heap-growing-percent=20',
  '--liftoff-only',
] as const;
