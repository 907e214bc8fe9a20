/** The seven World Bank regions, in the order reports list them. */
export const REGIONS = [
  "North America",
  "Latin America & Caribbean",
  "Europe & Central Asia",
  "Middle East & North Africa",
  "Sub-Saharan Africa",
  "South Asia",
  "East Asia & Pacific",
] as const;

export type Region = (typeof REGIONS)[number];

// World Bank country classification; territories it does not list follow their geography.
const MEMBERS: Record<Region, string> = {
  "North America": "BM CA US PM",
  "Latin America & Caribbean":
    "AG AI AR AW BB BL BO BQ BR BS BZ CL CO CR CU CW DM DO EC FK GD GF GP GS GT GY HN HT JM KN KY LC MF MQ MS MX NI PA PE PR PY SR SV SX TC TT UY VC VE VG VI",
  "Europe & Central Asia":
    "AD AL AM AT AX AZ BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GE GG GI GL GR HR HU IE IM IS IT JE KG KZ LI LT LU LV MC MD ME MK NL NO PL PT RO RS RU SE SI SJ SK SM TJ TM TR UA UZ VA XK",
  "Middle East & North Africa": "AE BH DJ DZ EG EH IL IQ IR JO KW LB LY MA MT OM PS QA SA SY TN YE",
  "Sub-Saharan Africa":
    "AO BF BI BJ BV BW CD CF CG CI CM CV ER ET GA GH GM GN GQ GW KE KM LR LS MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TF TG TZ UG YT ZA ZM ZW",
  "South Asia": "AF BD BT IN IO LK MV NP PK",
  "East Asia & Pacific":
    "AQ AS AU BN CC CK CN CX FJ FM GU HK HM ID JP KH KI KP KR LA MH MM MN MO MP MY NC NF NR NU NZ PF PG PH PN PW SB SG TH TK TL TO TV TW UM VN VU WF WS",
};

const REGION_BY_COUNTRY = new Map<string, Region>();
for (const region of REGIONS) {
  for (const code of MEMBERS[region].split(" ")) REGION_BY_COUNTRY.set(code, region);
}

/** The World Bank region of an ISO 3166-1 alpha-2 country code, or undefined when unknown. */
export function regionOf(country: string | null | undefined): Region | undefined {
  return country ? REGION_BY_COUNTRY.get(country.toUpperCase()) : undefined;
}

/** Every country code the region table knows. */
export function mappedCountries(): string[] {
  return [...REGION_BY_COUNTRY.keys()];
}

export function isRegion(value: string): value is Region {
  return (REGIONS as readonly string[]).includes(value);
}
