import path from "node:path";
import type { Server } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import { createReadableStreamFromReadable, type ServerBuild } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import compression from "compression";
import express, { type Response as ExpressResponse } from "express";
import helmet from "helmet";
import type { Env } from "~/process.server";
import { crossSiteVerdict } from "~/lib/web";
import { root } from "./bootstrap";
import type { QuorumApp } from "./load-app";

/** Pages whose address carries a secret token: no Referer may ever leave them, even to our own assets. */
const TOKEN_PAGES = /^\/(s|o|u|me\/link|me\/email|join\/confirm)\//;

/**
 * Security headers on every response (helmet): a Content-Security-Policy whose scripts need this
 * response's nonce, no framing, no MIME sniffing, and no Referer from pages with tokens in their address.
 */
function securityHeaders(development: boolean, choicesHosts: readonly string[]) {
  const nonce = (_req: unknown, res: unknown) => `'nonce-${(res as ExpressResponse).locals.cspNonce as string}'`;
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", nonce],
        // Styles may be inline: SurveyJS 3 writes its theme variables into a <style> element it
        // creates in the browser, and charts size bars with style attributes. Scripts may not.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        // Choice lists a questionnaire loads (choicesByUrl) come only from hosts the configuration names.
        connectSrc: [...(development ? ["'self'", "ws:"] : ["'self'"]), ...choicesHosts],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    // Served over plain HTTP in development and behind TLS-terminating proxies in production:
    // HSTS is the proxy's job, where the certificate lives.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
}

/** A route may answer (a 413, 415 or 429) before reading a large body; the unread rest makes the
 * connection unusable, so such requests get `Connection: close` instead of a reset on the next one. */
function closeAfterLargeBody(req: express.Request, res: ExpressResponse, next: express.NextFunction) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    const length = Number(req.get("content-length") ?? NaN);
    if (!(length <= 16 * 1024)) res.setHeader("Connection", "close");
  }
  next();
}

/** An address that does not decode, or that carries a NUL, is refused before any route sees it. */
function refuseUndecodable(req: express.Request, res: ExpressResponse, next: express.NextFunction) {
  let bad = /%00/.test(req.originalUrl);
  if (!bad) {
    try {
      decodeURIComponent(req.path);
      const query = req.originalUrl.indexOf("?");
      if (query >= 0) decodeURIComponent(req.originalUrl.slice(query + 1).replace(/\+/g, " "));
    } catch {
      bad = true;
    }
  }
  if (!bad) return next();
  res.status(400).type("text/plain").send("This address is not valid: it has characters that cannot be decoded.");
}

/** Cross-site posts are refused here with a 403 and a sentence (Remix's own check would answer 500). */
function refuseCrossSite(req: express.Request, res: ExpressResponse, next: express.NextFunction) {
  const verdict = crossSiteVerdict(req.method, { get: (name) => req.get(name) ?? null });
  if (!verdict) {
    // A same-origin page with a no-referrer policy sends Origin "null"; Remix would take it for another host.
    if (req.headers.origin === "null") delete req.headers.origin;
    return next();
  }
  if (/^\/(api|s|o)\//.test(req.path)) res.status(verdict.status).json({ ok: false, error: verdict.message });
  else res.status(verdict.status).type("text/plain").send(verdict.message);
}

/**
 * The security headers of a respondent POST's JSON reply, worked out once by helmet (a reply that is
 * no page needs no script nonce, so its policy allows nothing at all): helmet and the nonce per request
 * were 6% of the app's time under load in bench:ingest's profile.
 */
function answerReplyHeaders(): [string, string][] {
  const headers: [string, string][] = [["Referrer-Policy", "no-referrer"]];
  const recorder = {
    setHeader: (name: string, value: unknown) => {
      if (name.toLowerCase() !== "referrer-policy") headers.push([name, String(value)]);
    },
    removeHeader: () => {},
    locals: {},
  };
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  })({} as never, recorder as never, () => {});
  return headers;
}

/** A respondent's answers: POST /s/:token, or an open link's /o/:code (as Express matched them: any case, a trailing slash). */
const ANSWER_POST = /^\/(s|o)\/([^/]+)\/?$/i;

/** A body this small, of a declared length, is read whole before the action runs (see fetchRequest). */
const SMALL_BODY = 256 * 1024;

/** The body of a request whose length Node's parser holds it to, read whole. */
function bodyOf(req: express.Request): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * A Fetch API request for an Express one, as @remix-run/express builds it. The answer actions read
 * no abort signal, and a body of a declared length up to 256 KB (every completion) is read whole
 * first: a web stream over the socket and an AbortController per request were a tenth of the app's
 * time under load in bench:ingest's profile. Larger or chunked bodies stay streams, so the action's
 * own limits (413, the connection closed) apply as before.
 */
async function fetchRequest(req: express.Request): Promise<Request> {
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  if (smallBody(req)) {
    const body = Number(req.headers["content-length"]) > 0 ? await bodyOf(req) : null;
    return new Request(url, {
      method: req.method,
      headers,
      // A Buffer is a Uint8Array (TypeScript's DOM types ask for one over a plain ArrayBuffer).
      body: body as unknown as BodyInit | null,
    });
  }
  return new Request(url, {
    method: req.method,
    headers,
    body: createReadableStreamFromReadable(req),
    duplex: "half",
  } as RequestInit);
}

/** Sends a web Response (an action's, or one thrown: 429, 503) through Express. */
async function sendResponse(res: ExpressResponse, response: Response) {
  res.status(response.status);
  for (const [name, value] of response.headers) res.append(name, value);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Whether a request's body has a declared length small enough to read whole before answering. */
function smallBody(req: express.Request): boolean {
  const declared = Number(req.headers["content-length"] ?? NaN);
  return !req.headers["transfer-encoding"] && declared >= 0 && declared <= SMALL_BODY;
}

/**
 * A completion to a personal link, answered from its bytes by the app's plain function (the route
 * action's checks and replies, without a web Request or Response: a tenth of the app's time under load).
 */
async function answerFromBytes(
  answer: QuorumApp["answerPersonalLink"],
  req: express.Request,
  res: ExpressResponse,
  token: string,
) {
  let reply: Awaited<ReturnType<typeof answer>>;
  try {
    const bytes = await bodyOf(req);
    reply = await answer(token, req.headers["content-type"] ?? "", bytes, () => req.ip ?? "unknown");
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return sendResponse(res, thrown);
  }
  res.statusCode = reply.status;
  for (const name in reply.headers) res.setHeader(name, reply.headers[name] as string);
  res.end(reply.body);
}

/** Runs a route action for an Express request and sends its Response (thrown ones too: 429, 503). */
async function runAction(
  action: QuorumApp["completionAction"],
  req: express.Request,
  res: ExpressResponse,
  params: Record<string, string>,
) {
  let response: unknown;
  try {
    response = await action({
      request: await fetchRequest(req),
      params,
      // The address is worked out (trust proxy) only when an action asks for it: a link that matched nothing.
      context: {
        cspNonce: "",
        get clientIp() {
          return req.ip ?? "unknown";
        },
      },
    });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  if (!(response instanceof Response)) throw new Error(`the action for ${req.path} did not return a Response`);
  await sendResponse(res, response);
}

/** The HTTP server: static assets, then the Remix app (the build the process loaded). */
export async function startHttpServer(
  build: ServerBuild,
  quorum: Pick<QuorumApp, "completionAction" | "openLinkCompletionAction" | "answerPersonalLink">,
  env: Env,
): Promise<Server> {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.QUORUM_TRUST_PROXY);
  // Remix answers a POST to a page route with HTML; the respondent contract answers JSON, so a POST
  // to /s/:token (or an open link's /o/:code) goes to its resource route's action. It is called
  // directly, the same compiled code Remix would run, because matching the URL against every route
  // on each completion was 7% of the app's time under load.
  const answerActions = {
    s: { action: quorum.completionAction, param: "token" },
    o: { action: quorum.openLinkCompletionAction, param: "code" },
  };
  // They come first, with what every request gets that a JSON reply needs (the security headers
  // worked out once, Connection: close after a large body, undecodable addresses and cross-site posts
  // refused), but no compression (replies of a few bytes), nonce or per-request helmet.
  const replyHeaders = answerReplyHeaders();
  // A middleware, not app.post: a route would decode the token before refuseUndecodable could answer.
  app.use((req, res, next) => {
    const match = req.method === "POST" ? ANSWER_POST.exec(req.path) : null;
    if (!match) return next();
    for (const [name, value] of replyHeaders) res.setHeader(name, value);
    closeAfterLargeBody(req, res, () =>
      refuseUndecodable(req, res, () =>
        refuseCrossSite(req, res, () => {
          const kind = (match[1] as string).toLowerCase() as "s" | "o";
          const route = answerActions[kind];
          const token = decodeURIComponent(match[2] as string);
          // A completion to a personal link (a small body of a declared length) is answered from its
          // bytes; open links, and larger or chunked bodies (413 as they arrive), go through the action.
          const answered =
            kind === "s" && smallBody(req)
              ? answerFromBytes(quorum.answerPersonalLink, req, res, token)
              : runAction(route.action, req, res, { [route.param]: token });
          answered.catch((error: unknown) => {
            console.error(
              `POST ${req.path.slice(0, 3)}…: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
            );
            if (res.headersSent) return res.destroy();
            res.status(500).json({
              ok: false,
              error: "Something went wrong on our side. Your answers are kept on this device; try again in a moment.",
            });
          });
        }),
      ),
    );
  });
  // Pages, assets and API reads are compressed; respondents' POST replies are a few bytes of JSON,
  // and compressing them cost a zlib stream per completion (7% of the app's time under load).
  app.use(
    compression({
      filter: (req, res) => (req.method === "GET" || req.method === "HEAD") && compression.filter(req, res),
    }),
  );
  app.use((req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(securityHeaders(env.NODE_ENV === "development", env.QUORUM_CHOICES_HOSTS));
  app.use((req, res, next) => {
    if (TOKEN_PAGES.test(req.path)) res.setHeader("Referrer-Policy", "no-referrer");
    next();
  });
  app.use(closeAfterLargeBody);
  app.use(refuseUndecodable);
  app.use(refuseCrossSite);
  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  // React Router has no "slug.json" segments: the published snapshot's formats go to resource routes.
  app.get(["/results/series/:slug.json", "/results/series/:slug.csv"], (req, _res, next) => {
    const query = req.originalUrl.includes("?") ? req.originalUrl.slice(req.originalUrl.indexOf("?")) : "";
    const format = req.path.endsWith(".csv") ? "csv" : "json";
    req.url = req.originalUrl = `/results/series/${encodeURIComponent(req.params.slug as string)}/${format}${query}`;
    next();
  });
  app.get(["/results/:slug.json", "/results/:slug.csv"], (req, _res, next) => {
    const query = req.originalUrl.includes("?") ? req.originalUrl.slice(req.originalUrl.indexOf("?")) : "";
    const format = req.path.endsWith(".csv") ? "csv" : "json";
    req.url = req.originalUrl = `/results/${encodeURIComponent(req.params.slug as string)}/${format}${query}`;
    next();
  });
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV,
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientIp: req.ip ?? "unknown" }),
    }),
  );
  return new Promise((resolve, reject) => {
    const server = app.listen(env.PORT, () => resolve(server));
    // An idle connection stays open longer than proxies and load balancers keep theirs (commonly 60
    // s), so the server never closes one just as a client reuses it; headers may take a little longer.
    server.keepAliveTimeout = env.QUORUM_KEEP_ALIVE_TIMEOUT * 1000;
    server.headersTimeout = (env.QUORUM_KEEP_ALIVE_TIMEOUT + 5) * 1000;
    server.on("error", reject);
  });
}
