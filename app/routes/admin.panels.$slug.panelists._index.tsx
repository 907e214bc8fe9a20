import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { OptionSelect } from "~/components/forms";
import { Pager } from "~/components/Pager";
import {
  countriesBySize,
  countryName,
  ORGANISATION_TYPES,
  PANELIST_STATUSES,
  ROLE_CATEGORIES,
  REGIONS,
  parseFilters,
} from "~/lib/panel";
import { activeByCountry, listPanelists, panelCounts } from "~/models/panelist.server";
import { requirePanelAdmin } from "~/http/session.server";

const PER_PAGE = 50;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.panel.name ?? "Panel"} · Quorum admin` },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { panel } = await requirePanelAdmin(request, params.slug);
  const url = new URL(request.url);
  const filters = parseFilters(url);
  const [list, counts, byCountry] = await Promise.all([
    listPanelists(panel.id, filters, filters.page, PER_PAGE),
    panelCounts(panel.id),
    activeByCountry([panel.id]),
  ]);
  return { panel, filters, ...list, counts, countries: countriesBySize(byCountry[String(panel.id)] ?? {}) };
}

const label = <T extends Record<string, string>>(options: T, code: string | null) =>
  code ? (options[code] ?? code) : "";

export default function Panelists() {
  const { panel, filters, panelists, total, counts, countries } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  const pageLink = (page: number) => {
    const params = new URLSearchParams(
      Object.entries(filters)
        .filter(([k, v]) => v && k !== "page")
        .map(([k, v]) => [k, String(v)]),
    );
    params.set("page", String(page));
    return `?${params}`;
  };
  return (
    <>
      <p className="crumbs">
        <Link to="/admin">Panels</Link> › {panel.name}
      </p>
      {params.get("created") ? (
        <p className="notice success" role="status">
          The panel is created. People can join at <a href={`/join/${panel.slug}`}>/join/{panel.slug}</a>, or add them
          here or from a CSV.
        </p>
      ) : null}
      <div className="title-row">
        <h1>{panel.name}</h1>
        <p>
          <Link className="button" to="new">
            Add a panelist
          </Link>{" "}
          <Link className="button" to={`/admin/panels/${panel.slug}/import`}>
            Import CSV
          </Link>{" "}
          <a className="button" href={`/admin/panels/${panel.slug}/export.csv`}>
            Export CSV
          </a>{" "}
          <Link className="button" to={`/admin/panels/${panel.slug}/logo`}>
            Logo
          </Link>{" "}
          <Link className="button" to={`/admin/panels/${panel.slug}/contact`}>
            Contact rule
          </Link>
        </p>
      </div>

      <section aria-label="Counts" className="counts">
        <div>
          <h2>By region</h2>
          <ul>
            {REGIONS.map((r) => (
              <li key={r}>
                {r}: <strong>{(counts.byRegion[r] ?? 0).toLocaleString("en")}</strong>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h2>By status</h2>
          <ul>
            {PANELIST_STATUSES.map((s) => (
              <li key={s}>
                {s}: <strong>{(counts.byStatus[s] ?? 0).toLocaleString("en")}</strong>
              </li>
            ))}
          </ul>
        </div>
      </section>

      <Form method="get" className="filters" role="search" aria-label="Find panelists">
        <div className="field">
          <label htmlFor="q">Search name, email or organisation</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="region">Region</label>
          <OptionSelect
            id="region"
            name="region"
            empty="Any region"
            options={REGIONS.map((r) => [r, r] as [string, string])}
            defaultValue={filters.region}
          />
        </div>
        <div className="field">
          <label htmlFor="country">Country</label>
          {/* This panel's countries first, largest first; a native list: type a name to jump to it, a tap on a phone. */}
          <select id="country" name="country" defaultValue={filters.country ?? ""}>
            <option value="">Any country</option>
            <optgroup label="Countries of this panel's active members, largest first">
              {countries
                .filter((c) => c.count > 0)
                .map((c) => (
                  <option key={c.code} value={c.code}>
                    {`${c.name} (${c.count.toLocaleString("en")})`}
                  </option>
                ))}
            </optgroup>
            <optgroup label="Other countries">
              {countries
                .filter((c) => c.count === 0)
                .map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
            </optgroup>
          </select>
        </div>
        <div className="field">
          <label htmlFor="organisationType">Organisation type</label>
          <OptionSelect
            id="organisationType"
            name="organisationType"
            empty="Any type"
            options={ORGANISATION_TYPES}
            defaultValue={filters.organisationType}
          />
        </div>
        <div className="field">
          <label htmlFor="roleCategory">Role category</label>
          <OptionSelect
            id="roleCategory"
            name="roleCategory"
            empty="Any role"
            options={ROLE_CATEGORIES}
            defaultValue={filters.roleCategory}
          />
        </div>
        <div className="field">
          <label htmlFor="status">Status</label>
          <OptionSelect
            id="status"
            name="status"
            empty="Any status"
            options={PANELIST_STATUSES.map((s) => [s, s] as [string, string])}
            defaultValue={filters.status}
          />
        </div>
        <button type="submit" className="button primary">
          Filter
        </button>
      </Form>

      <p role="status">
        {total.toLocaleString("en")} panelist{total === 1 ? "" : "s"} match.
      </p>
      <table className="table">
        <caption className="visually-hidden">
          Panelists, page {filters.page} of {pages}
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Organisation</th>
            <th scope="col">Type</th>
            <th scope="col">Role</th>
            <th scope="col">Country</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {panelists.map((p) => (
            <tr key={p.id}>
              <td>
                {p.status === "erased" ? <em>erased</em> : <Link to={String(p.id)}>{p.name || "(no name)"}</Link>}
              </td>
              <td>{p.email}</td>
              <td>{p.organisation}</td>
              <td>{label(ORGANISATION_TYPES, p.organisationType)}</td>
              <td>{label(ROLE_CATEGORIES, p.roleCategory)}</td>
              <td>{p.country ? countryName(p.country) : ""}</td>
              <td>{p.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={filters.page} total={total} perPage={PER_PAGE} href={pageLink} />
    </>
  );
}
