import type { LoaderFunctionArgs } from "@remix-run/node";
import { panelLogo } from "~/models/panel.server";

/** A panel's logo, for its reports, survey pages and emails: public, like the panel's name. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const logo = params.slug ? await panelLogo(params.slug) : undefined;
  if (!logo)
    return new Response("This panel has no logo.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const etag = `"logo-${logo.version}"`;
  const headers = {
    "Content-Type": logo.type,
    ETag: etag,
    // Addresses carry ?v=<version>, so a new logo is a new address; an old one may be kept a day.
    "Cache-Control": "public, max-age=86400",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(logo.bytes), { headers });
}
