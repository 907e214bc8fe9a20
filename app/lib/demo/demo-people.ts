import type { OrganisationType, RoleCategory } from "~/lib/panel";

export interface DemoPerson {
  email: string;
  name: string;
  jobTitle: string;
  roleCategory: RoleCategory;
  organisation: string;
  organisationType: OrganisationType;
  country: string;
  /** Preferred language (null: the panel's, English). */
  language: string | null;
}

// Who reads in what: Spanish in Spain and Latin America, Portuguese in Brazil, French in France,
// Québec-style names in Canada and the Maghreb, Arabic in the Gulf and the Levant.
const LANGUAGE_OF: Record<string, string> = {
  ES: "es",
  CL: "es",
  MX: "es",
  CO: "es",
  BR: "pt",
  MA: "fr",
  AE: "ar",
  JO: "ar",
};

// Fictional people at fictional organisations; any likeness is chance.
const SEATS: [country: string, organisation: string, type: OrganisationType, count: number][] = [
  ["US", "Lakeshore State University", "public-university", 5],
  ["US", "Cedar Ridge Community College", "community-college", 3],
  ["US", "Hartwell College", "private-university", 4],
  ["US", "Brightpath Learning", "edtech", 2],
  ["US", "Meridian Health Systems", "industry", 2],
  ["CA", "Université du Littoral Nord", "public-university", 3],
  ["CA", "Prairie Polytechnic", "other-he", 2],
  ["BM", "Atlantic Skills Council", "association", 1],
  ["AU", "Southern Cross Metropolitan University", "public-university", 3],
  ["NZ", "Te Awa Institute of Technology", "other-he", 2],
  ["SG", "Straits Digital Academy", "online-provider", 2],
  ["PH", "Visayas Tech College", "private-university", 2],
  ["JP", "Kansai Open University", "online-provider", 2],
  ["GB", "Northgate University", "public-university", 3],
  ["DE", "Hochschule am Rheinbogen", "public-university", 2],
  ["ES", "Universidad del Mediterráneo", "private-university", 2],
  ["PL", "Vistula Business School", "private-university", 1],
  ["KZ", "Steppe Digital University", "online-provider", 1],
  ["CL", "Universidad de los Andes Australes", "private-university", 2],
  ["MX", "Instituto Tecnológico del Golfo", "other-he", 2],
  ["CO", "Corporación Universitaria del Caribe", "private-university", 1],
  ["BR", "Faculdade Horizonte", "private-university", 1],
  ["AE", "Gulf Institute of Applied Sciences", "other-he", 2],
  ["MA", "Université Atlas Ouest", "public-university", 1],
  ["JO", "Levant Skills Ministry Unit", "government", 1],
  ["NG", "Lagoon City University", "private-university", 2],
  ["KE", "Rift Valley Technical University", "public-university", 1],
  ["ZA", "Karoo Learning Labs", "edtech", 1],
  ["IN", "Deccan Institute of Management", "private-university", 2],
  ["PK", "Indus Virtual University", "online-provider", 1],
  ["BD", "Padma University of Engineering", "public-university", 1],
];

const FIRST = [
  "Ana",
  "Ben",
  "Chen",
  "Dara",
  "Elif",
  "Femi",
  "Grace",
  "Hugo",
  "Ines",
  "Jomo",
  "Kiri",
  "Lena",
  "Mateo",
  "Nadia",
  "Omar",
  "Priya",
  "Quentin",
  "Rosa",
  "Sami",
  "Tariq",
  "Uma",
  "Vera",
  "Wen",
  "Ximena",
  "Yusuf",
  "Zoe",
];
const LAST = [
  "Alvarez",
  "Brennan",
  "Castro",
  "Dlamini",
  "Eriksen",
  "Fontaine",
  "Gupta",
  "Haddad",
  "Ibarra",
  "Jensen",
  "Kowalski",
  "Lindqvist",
  "Moreau",
  "Nakamura",
  "Okafor",
  "Petrov",
  "Quispe",
  "Rahman",
  "Sato",
  "Tanaka",
  "Usman",
  "Varga",
  "Walsh",
  "Yilmaz",
  "Zhou",
];

const ROLES: Record<OrganisationType, [RoleCategory, string][]> = {
  "public-university": [
    ["president", "President"],
    ["provost", "Provost"],
    ["digital-leader", "Chief Information Officer"],
    ["dean", "Dean of Continuing Studies"],
    ["strategy", "Director of Strategy"],
  ],
  "private-university": [
    ["president", "Rector"],
    ["provost", "Vice-Rector Academic"],
    ["online-learning", "Director of Online Learning"],
    ["strategy", "Head of Innovation"],
  ],
  "community-college": [
    ["president", "President"],
    ["student-services", "Registrar"],
    ["online-learning", "Dean of Workforce Programs"],
  ],
  "online-provider": [
    ["provost", "Chief Academic Officer"],
    ["digital-leader", "Chief Digital Officer"],
    ["online-learning", "Head of Micro-credentials"],
  ],
  "other-he": [
    ["president", "Principal"],
    ["dean", "Head of School"],
    ["strategy", "Director of Partnerships"],
  ],
  industry: [
    ["industry-executive", "Chief Learning Officer"],
    ["industry-executive", "VP Talent Development"],
  ],
  edtech: [
    ["edtech-executive", "Chief Executive Officer"],
    ["edtech-executive", "Head of Partnerships"],
  ],
  government: [["policy-maker", "Director of Skills Policy"]],
  association: [["other", "Executive Director"]],
};

function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** About sixty fictional panelists spread over the seven regions and the organisation types. */
export function demoPeople(): DemoPerson[] {
  const people: DemoPerson[] = [];
  let n = 0;
  for (const [country, organisation, organisationType, count] of SEATS) {
    for (let i = 0; i < count; i++, n++) {
      const first = FIRST[(n * 7) % FIRST.length] as string;
      const last = LAST[(n * 11 + 3) % LAST.length] as string;
      const roles = ROLES[organisationType];
      const [roleCategory, jobTitle] = roles[i % roles.length] as [RoleCategory, string];
      people.push({
        email: `${slugify(first)}.${slugify(last)}${n}@${slugify(organisation)}.example`,
        name: `${first} ${last}`,
        jobTitle,
        roleCategory,
        organisation,
        organisationType,
        country,
        language: LANGUAGE_OF[country] ?? (organisation.startsWith("Université") ? "fr" : null),
      });
    }
  }
  return people;
}
