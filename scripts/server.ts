import path from "node:path";
import type { Server } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { root } from "./bootstrap";

/** The HTTP server: static assets, then the Remix app. */
export async function startHttpServer(port: number): Promise<Server> {
  const build = (await import(path.join(root, "build", "index.js"))) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(compression());
  app.use((_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    next();
  });
  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  // Remix answers a POST to a page route with HTML; the respondent contract answers JSON,
  // so a POST to /s/:token (or an open link's /o/:code) goes to its resource route.
  app.post(["/s/:token", "/o/:token"], (req, _res, next) => {
    const query = req.originalUrl.includes("?") ? req.originalUrl.slice(req.originalUrl.indexOf("?")) : "";
    req.url = req.originalUrl = `/${req.path[1]}/${encodeURIComponent(req.params.token as string)}/answers${query}`;
    next();
  });
  // React Router has no "slug.json" segments: the published snapshot's formats go to resource routes.
  app.get(["/results/:slug.json", "/results/:slug.csv"], (req, _res, next) => {
    const query = req.originalUrl.includes("?") ? req.originalUrl.slice(req.originalUrl.indexOf("?")) : "";
    const format = req.path.endsWith(".csv") ? "csv" : "json";
    req.url = req.originalUrl = `/results/${encodeURIComponent(req.params.slug as string)}/${format}${query}`;
    next();
  });
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV ?? "production" }));
  return new Promise((resolve, reject) => {
    const server = app.listen(port, () => resolve(server));
    server.on("error", reject);
  });
}
