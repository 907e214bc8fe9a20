import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The Content-Security-Policy nonce the HTTP server put in this response's header. */
    cspNonce?: string;
    /** The client's address as the HTTP server sees it (behind a trusted proxy, the forwarded one). */
    clientIp?: string;
  }
}

/** The client's address for rate limits and logs; "unknown" when called without the HTTP server (tests, scripts). */
export function clientIp(context: AppLoadContext | undefined): string {
  return context?.clientIp ?? "unknown";
}
