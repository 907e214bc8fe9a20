// Completions that are mostly wrong in the ways a hostile or broken client (or a stale page) would
// send: answers dropped, emptied, swapped with another respondent's, numbers and dates out of range,
// text that fails validators, comments gone, rows and panels damaged. Each starts from a completion
// the real page produced, so conditions, panels and matrices are in realistic states.
type Json = Record<string, unknown>;
type Random = () => number;

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

const EMPTIES: unknown[] = ["", "   ", [], {}, null];

function damageValue(value: unknown, random: Random, other: unknown): unknown {
  const roll = random();
  if (roll < 0.25) return pick(random, EMPTIES);
  if (roll < 0.45 && other !== undefined) return structuredClone(other);
  if (typeof value === "number") return pick(random, [value * 1000 + 7, -value - 1, value + 0.37, 0]);
  if (typeof value === "string") {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return pick(random, ["1999-01-01", "2035-06-30", value]);
    if (value.includes("@")) return pick(random, ["not-an-email", "a@b", value.replace("@", "")]);
    return pick(random, ["x", "12345", `${value} ${value} ${value} ${value}`.slice(0, 200), "a1"]);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return value;
    if (isObject(value[0])) return damageRows(value as Json[], random);
    return random() < 0.5 ? value.slice(0, Math.max(0, value.length - 1)) : [value[0]];
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return value;
    const copy = structuredClone(value);
    const key = pick(random, keys);
    if (isObject(copy[key])) copy[key] = damageRecord(copy[key] as Json, random);
    else if (random() < 0.5) delete copy[key];
    else copy[key] = copy[pick(random, keys)];
    return copy;
  }
  return value;
}

function damageRecord(record: Json, random: Random): Json {
  const copy = structuredClone(record);
  const keys = Object.keys(copy);
  if (keys.length === 0) return copy;
  const key = pick(random, keys);
  if (random() < 0.5) delete copy[key];
  else copy[key] = damageValue(copy[key], random, undefined);
  return copy;
}

function damageRows(rows: Json[], random: Random): Json[] {
  const copy = structuredClone(rows);
  const roll = random();
  if (roll < 0.3 && copy.length > 0)
    copy.push(structuredClone(copy[0] as Json)); // a repeated key
  else if (roll < 0.5) copy.push({});
  else if (roll < 0.7) copy.pop();
  else if (copy.length > 0) {
    const i = Math.floor(random() * copy.length);
    copy[i] = damageRecord(copy[i] as Json, random);
  }
  return copy;
}

/** One to three damages to a page-made completion, sometimes mixing in another respondent's answers. */
export function mutate(valid: Json, another: Json | undefined, random: Random): Json {
  const data = structuredClone(valid);
  const keys = Object.keys(data).filter((k) => !k.endsWith("-total"));
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count && keys.length > 0; i += 1) {
    const key = pick(random, keys);
    const roll = random();
    const damaged = roll < 0.25 ? undefined : damageValue(data[key], random, another?.[key]);
    if (damaged === undefined) delete data[key];
    else data[key] = damaged;
  }
  // Now and then take a whole answer from another respondent (a different branch of the conditions).
  if (another && random() < 0.3) {
    const key = pick(random, Object.keys(another));
    if (another[key] !== undefined) data[key] = structuredClone(another[key]);
  }
  return data;
}
