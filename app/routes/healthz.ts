import { databaseIsUp } from "~/http/health.server";

export async function loader() {
  const up = await databaseIsUp();
  return Response.json(up ? { status: "ok", database: "ok" } : { status: "error", database: "unreachable" }, {
    status: up ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
