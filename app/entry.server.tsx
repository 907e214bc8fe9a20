import { Transform } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, NonceContext } from "~/lib/web";
import "~/http/load-context";

/** What the process takes from this build (server/app.ts): the one copy of the app it runs. */
export * as quorum from "./process.server";

const ABORT_DELAY = 5_000;

/**
 * React 18.3's streaming renderer can leave NUL bytes at the end of a chunk when a multi-byte
 * character falls on its boundary (react#24985, fixed in React 19); HTML never holds one, so drop them.
 */
function withoutNul(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.indexOf(0) < 0 ? chunk : chunk.filter((byte) => byte !== 0));
    },
  });
}

/** Requests whose loaders or actions failed because the database could not be reached. */
const databaseDown = new WeakSet<Request>();

/** Logs errors; a database outage is one line (the 503 below says the rest), not a stack per request. */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  // A 4xx the router raised itself (a POST to a page without an action, say) is the client's mistake, not ours.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  if (isDatabaseUnavailable(error)) {
    databaseDown.add(request);
    console.error(
      `Database unavailable (${(error as { code: string }).code}) during ${request.method} ${new URL(request.url).pathname}`,
    );
    return;
  }
  console.error(error);
}

/** A data request (client navigation) that failed on the database answers 503 with Retry-After too. */
export function handleDataRequest(response: Response, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (databaseDown.has(request) && response.status >= 500) {
    response.headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
    return new Response(response.body, { status: 503, headers: response.headers });
  }
  return response;
}

/**
 * Renders a page. Every inline script Remix writes carries the nonce from the Content-Security-Policy
 * header (set by the HTTP server), so the policy needs no 'unsafe-inline' for scripts.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  // A page that is not hydrated (the published report: handle.hydrate === false) sends no script and so
  // no loader data; with patches/@remix-run+server-runtime the data is then never encoded for the
  // browser either (turbo-stream flattening the report's view model was a quarter of a second of the
  // event loop per page under npm run test:load).
  const matches = remixContext.staticHandlerContext.matches;
  const leaf = matches[matches.length - 1]?.route.id;
  const handle = leaf ? (remixContext.routeModules[leaf]?.handle as { hydrate?: boolean } | undefined) : undefined;
  if (handle?.hydrate === false) remixContext.serverHandoffStream = undefined;
  if (databaseDown.has(request) && responseStatusCode >= 500) {
    responseStatusCode = 503;
    responseHeaders.set("Retry-After", String(RETRY_AFTER_SECONDS));
  }
  // Bots and no-JS clients get the whole document at once; browsers get it as soon as the shell is ready.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const ready = () => {
      shellRendered = true;
      const body = withoutNul();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(
        new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
      );
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        ...(waitForAll ? { onAllReady: ready } : { onShellReady: ready }),
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
