import { Link } from "@remix-run/react";

/** Previous/next links for a paged list, keeping other query parameters. */
export function Pager({
  page,
  total,
  perPage,
  href,
  labels = ["← Previous", "Next →"],
}: {
  page: number;
  total: number;
  perPage: number;
  href: (page: number) => string;
  labels?: [string, string];
}) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <nav className="pager" aria-label="Pages">
      {page > 1 ? <Link to={href(page - 1)}>{labels[0]}</Link> : null}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? <Link to={href(page + 1)}>{labels[1]}</Link> : null}
    </nav>
  );
}
