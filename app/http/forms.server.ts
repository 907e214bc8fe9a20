import { readAtMost, sizeLabel } from "./body.server";

/** No form of Quorum's needs more (the CSV import asks for more). */
const FORM_LIMIT = 1024 * 1024;

/**
 * The form of a POST, or a 4xx with a sentence when there is none to read: another method (405),
 * another content type (415), a body over `maxBytes` (413, counted as it arrives), a body that does
 * not parse (400), or a text field with a NUL character, which PostgreSQL cannot store (400). Every
 * action reads its form through here, so bad requests never reach the database as 500s.
 */
export async function readForm(request: Request, maxBytes = FORM_LIMIT): Promise<FormData> {
  if (request.method !== "POST") {
    throw new Response("Send this form with POST.", { status: 405, headers: { Allow: "POST" } });
  }
  const type = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i.test(type)) {
    throw new Response("Send this form as application/x-www-form-urlencoded or multipart/form-data.", { status: 415 });
  }
  const bytes = await readAtMost(request, maxBytes);
  if (!bytes) {
    throw new Response(
      `This form is larger than ${sizeLabel(maxBytes)}: shorten it (or split the file) and send it again.`,
      { status: 413, headers: { Connection: "close" } },
    );
  }
  let form: FormData;
  try {
    form = await new Response(Buffer.from(bytes), { headers: { "Content-Type": type } }).formData();
  } catch {
    throw new Response("The form could not be read: it is cut short or badly encoded.", { status: 400 });
  }
  for (const [name, value] of form) {
    if (typeof value === "string" && value.includes("\u0000")) {
      throw new Response(`The field "${name.slice(0, 40)}" contains a NUL character, which cannot be stored.`, {
        status: 400,
      });
    }
  }
  return form;
}
