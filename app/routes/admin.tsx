import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { requireAdmin } from "~/http/session.server";
import { plural } from "~/lib/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const scope =
    admin.panels === null || admin.role === "owner" ? "" : `, ${plural(Object.keys(admin.panels).length, "panel")}`;
  return { admin: { email: admin.email, role: admin.role, scope } };
}

export default function AdminLayout() {
  const { admin } = useLoaderData<typeof loader>();
  return (
    <div className="admin">
      <header className="admin-bar">
        <a href="/admin" className="brand">
          Quorum admin
        </a>
        <nav aria-label="Admin">
          <NavLink to="/admin" end>
            Panels
          </NavLink>
          <NavLink to="/admin/waves">Waves</NavLink>
          <NavLink to="/admin/outbox">Outbox</NavLink>
          <NavLink to="/admin/audit">Audit log</NavLink>
          {admin.role === "owner" ? <NavLink to="/admin/api-keys">API keys</NavLink> : null}
          <NavLink to="/admin/account">Your account</NavLink>
        </nav>
        <Form method="post" action="/admin/logout" className="signout">
          <span>
            {admin.email} ({admin.role}
            {admin.scope})
          </span>
          <button type="submit" className="button link">
            Sign out
          </button>
        </Form>
      </header>
      <main id="main" className="page wide">
        <Outlet />
      </main>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <main id="main" className="page narrow">
      <GeneralErrorBoundary
        statusHandlers={{
          403: ({ data }) => (
            <>
              <h1>Not allowed</h1>
              <p>{typeof data === "string" ? data : "Your role does not allow this."}</p>
              <p>
                <a href="/admin">Back to your panels</a>
              </p>
            </>
          ),
        }}
      />
    </main>
  );
}
