import { useId, useState } from "react";

export interface CountryChoice {
  code: string;
  name: string;
  /** Active members of the panel in this country. */
  count: number;
}

/**
 * Several countries chosen with checkboxes (a tap each on a phone, no Ctrl-click), this panel's
 * largest first with their counts, and a search box that narrows the list as one types (without
 * JavaScript the whole list shows). Chosen countries stay in view whatever the search.
 */
export function CountryPicker({
  name,
  countries,
  legend,
  defaultChosen = [],
}: {
  name: string;
  countries: CountryChoice[];
  legend: string;
  defaultChosen?: string[];
}) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(defaultChosen));
  const needle = query.trim().toLocaleLowerCase("en");
  const shown = (c: CountryChoice) =>
    chosen.has(c.code) || !needle || c.name.toLocaleLowerCase("en").includes(needle) || c.code.toLowerCase() === needle;
  const visible = countries.filter(shown).length;
  const withMembers = countries.filter((c) => c.count > 0).length;
  return (
    <fieldset className="country-picker">
      <legend>{legend}</legend>
      <p className="hint" id={`${id}-hint`}>
        {withMembers > 0
          ? `The ${withMembers} ${withMembers === 1 ? "country" : "countries"} with active members first, largest first (members in brackets); none chosen: every country.`
          : "None chosen: every country."}{" "}
        {chosen.size > 0 ? `${chosen.size} chosen.` : ""}
      </p>
      <label htmlFor={`${id}-search`}>Find a country</label>
      <input
        id={`${id}-search`}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        aria-describedby={`${id}-hint`}
        aria-controls={`${id}-list`}
        autoComplete="off"
      />
      <p className="visually-hidden" role="status">
        {needle ? `${visible} ${visible === 1 ? "country" : "countries"} shown` : ""}
      </p>
      <ul className="country-list" id={`${id}-list`}>
        {countries.map((c) => (
          <li key={c.code} hidden={!shown(c)}>
            <label className="check">
              <input
                type="checkbox"
                name={name}
                value={c.code}
                checked={chosen.has(c.code)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(c.code);
                  else next.delete(c.code);
                  setChosen(next);
                }}
              />{" "}
              {c.name}
              {c.count > 0 ? ` (${c.count.toLocaleString("en")})` : ""}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
