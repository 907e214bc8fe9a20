import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { recordId } from "~/http/ids";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FIELD_LABELS, IMPORT_FIELDS, importButtonLabel, type Mapping } from "~/lib/panel";
import { createImport, previewImport, runImport } from "~/flows/import-panelists.server";
import { getImport } from "~/models/panelist-import.server";
import { requirePanelAdmin } from "~/http/session.server";
import { readForm } from "~/http/forms.server";

const MAX_BYTES = 20 * 1024 * 1024;

export const meta: MetaFunction = () => [{ title: "Import panelists · Quorum admin" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { panel } = await requirePanelAdmin(request, params.slug, "editor");
  const id = recordId(new URL(request.url).searchParams.get("import"));
  const imp = id === undefined ? undefined : await getImport(panel.id, id);
  if (!imp) return { panel, step: "upload" as const };
  if (imp.finishedAt) {
    return {
      panel,
      step: "done" as const,
      id: imp.id,
      fileName: imp.fileName,
      created: imp.createdCount ?? 0,
      updated: imp.updatedCount ?? 0,
      rejected: (imp.rejected ?? []).slice(0, 200).map((r) => ({ line: r.line, reasons: r.reasons })),
      rejectedCount: imp.rejectedCount ?? 0,
    };
  }
  return { panel, step: "map" as const, id: imp.id, fileName: imp.fileName, ...previewImport(imp) };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const { admin, panel } = await requirePanelAdmin(request, params.slug, "editor");
  const form = await readForm(request, MAX_BYTES).catch((thrown: unknown) => {
    if (thrown instanceof Response && thrown.status === 413) return null;
    throw thrown;
  });
  if (!form) return data({ error: "The file is larger than 20 MB: split it into smaller files." }, { status: 413 });
  if (form.get("intent") === "upload") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0)
      return data({ error: "Choose a CSV file to upload." }, { status: 400 });
    const created = await createImport(panel.id, admin.id, file.name || "upload.csv", await file.text());
    if (!created.ok) return data({ error: created.error }, { status: 400 });
    return redirect(`/admin/panels/${panel.slug}/import?import=${created.id}`);
  }
  const id = recordId(form.get("importId"));
  const imp = id === undefined ? undefined : await getImport(panel.id, id);
  if (!imp) return data({ error: "That upload was not found; upload the file again." }, { status: 404 });
  const mapping = { attributes: [] } as unknown as Mapping;
  for (const field of IMPORT_FIELDS) {
    const v = form.get(`map.${field}`);
    mapping[field] = v === null || v === "" ? null : Number(v);
  }
  mapping.attributes = form
    .getAll("attribute")
    .map(Number)
    .filter((n) => Number.isInteger(n));
  if (mapping.email === null || mapping.name === null || mapping.country === null) {
    return data({ error: "Choose the columns for Email, Name and Country: they are required." }, { status: 400 });
  }
  await runImport(imp, mapping, { label: admin.email, adminId: admin.id });
  return redirect(`/admin/panels/${panel.slug}/import?import=${imp.id}`);
}

export default function Import() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { panel } = page;
  return (
    <>
      <p className="crumbs">
        <Link to="/admin">Panels</Link> › <Link to={`/admin/panels/${panel.slug}/panelists`}>{panel.name}</Link> ›
        Import
      </p>
      <h1>Import panelists from CSV</h1>
      {actionData?.error ? (
        <p className="form-error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {page.step === "upload" ? (
        <Form method="post" encType="multipart/form-data" className="form">
          <p>
            One row per person, with a header line. Rows are matched by email: new people are added, people already on
            the panel have their profile updated (their consent and status are kept). Email, name and country are
            required.
          </p>
          <input type="hidden" name="intent" value="upload" />
          <div className="field">
            <label htmlFor="file">CSV file</label>
            <input id="file" name="file" type="file" accept=".csv,text/csv" required />
          </div>
          <button type="submit" className="button primary" disabled={busy}>
            Upload and preview
          </button>
        </Form>
      ) : null}
      {page.step === "map" ? (
        <Form method="post" className="form">
          <p>
            <strong>{page.fileName}</strong>: {page.rows.toLocaleString("en")} rows. Check which column holds each
            field.
          </p>
          <input type="hidden" name="importId" value={page.id} />
          <fieldset>
            <legend>Columns</legend>
            {IMPORT_FIELDS.map((field) => (
              <div className="field inline" key={field}>
                <label htmlFor={`map-${field}`}>{FIELD_LABELS[field]}</label>
                <select id={`map-${field}`} name={`map.${field}`} defaultValue={page.mapping[field] ?? ""}>
                  <option value="">(none)</option>
                  {page.headers.map((h, i) => (
                    <option key={i} value={i}>
                      {h || `Column ${i + 1}`}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </fieldset>
          <fieldset>
            <legend>Keep other columns as custom attributes</legend>
            {page.headers.map((h, i) =>
              IMPORT_FIELDS.some((f) => page.mapping[f] === i) ? null : (
                <label key={i} className="check">
                  <input type="checkbox" name="attribute" value={i} /> {h || `Column ${i + 1}`}
                </label>
              ),
            )}
          </fieldset>
          <h2>Preview (first rows)</h2>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  {page.headers.map((h, i) => (
                    <th scope="col" key={i}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {page.sample.map((r) => (
                  <tr key={r.line}>
                    <td>{r.line}</td>
                    {page.headers.map((_, i) => (
                      <td key={i}>{r.cells[i]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {page.previewRejected.length ? (
            <p className="hint">
              With this mapping, {page.previewRejected.length} of the first rows would be rejected: line{" "}
              {page.previewRejected[0]?.line}: {page.previewRejected[0]?.reasons.join(" ")}
            </p>
          ) : null}
          <button type="submit" className="button primary" disabled={busy}>
            {importButtonLabel(page.rows, page.sample.length, page.previewRejected.length)}
          </button>
        </Form>
      ) : null}
      {page.step === "done" ? (
        <section aria-labelledby="summary">
          <div role="status">
            <h2 id="summary">
              {page.created.toLocaleString("en")} created, {page.updated.toLocaleString("en")} updated,{" "}
              {page.rejectedCount.toLocaleString("en")} rejected
            </h2>
          </div>
          {page.rejectedCount > 0 ? (
            <>
              <p>
                <a className="button" href={`/admin/panels/${panel.slug}/import/${page.id}/rejected.csv`}>
                  Download the rejected rows
                </a>
              </p>
              <table className="table">
                <caption>
                  Rejected rows{page.rejectedCount > page.rejected.length ? ` (first ${page.rejected.length})` : ""}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {page.rejected.map((r) => (
                    <tr key={r.line}>
                      <td>{r.line}</td>
                      <td>{r.reasons.join(" ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          <p>
            <Link to={`/admin/panels/${panel.slug}/panelists`}>See the panel</Link> ·{" "}
            <Link to={`/admin/panels/${panel.slug}/import`}>Import another file</Link>
          </p>
        </section>
      ) : null}
    </>
  );
}
