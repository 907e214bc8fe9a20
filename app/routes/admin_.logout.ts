import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { assertSameOrigin, destroySession, getSession } from "~/http/session.server";

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const session = await getSession(request);
  return redirect("/admin/login", { headers: { "Set-Cookie": await destroySession(session) } });
}

export function loader() {
  return redirect("/admin");
}
