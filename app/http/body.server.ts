/**
 * A body over the limit is still read to its end, and thrown away, when it is no larger than this:
 * a client that is still sending when the server answers and closes gets a broken pipe instead of
 * the 413 and its sentence. Past this, the connection is cut at once.
 */
const DRAIN_LIMIT = 32 * 1024 * 1024;

/**
 * The body's bytes, or undefined as soon as they pass `limit`: counted as they arrive, so a chunked
 * body (which has no Content-Length to trust) is limited too, and a declared length over the limit
 * is refused without keeping anything. A refused body of a declared length up to DRAIN_LIMIT is read
 * to its end and discarded, so the client reads the refusal; a chunked one is cut at the limit.
 */
export async function readAtMost(request: Request, limit: number): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (!request.body) return declared > limit ? undefined : new Uint8Array();
  // A body the server already read whole (server/http.ts), of a length within the limit.
  if (declared > 0 && declared <= limit && !request.headers.has("transfer-encoding")) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength <= limit) return bytes;
    return undefined;
  }
  const reader = request.body.getReader();
  if (declared > limit) {
    await discard(reader, declared <= DRAIN_LIMIT ? DRAIN_LIMIT : 0);
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // A chunked body says nothing of its size: stop here rather than read an unbounded stream.
      await discard(reader, 0);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Reads and drops what is left of a body, up to `budget` bytes; past that, cancels it. */
async function discard(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number): Promise<void> {
  let left = budget;
  try {
    while (left > 0) {
      const { done, value } = await reader.read();
      if (done) return;
      left -= value.byteLength;
    }
    await reader.cancel();
  } catch {
    // the client went away
  }
}

/** "1 MB", "256 KB": a limit as people read it. */
export function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}
