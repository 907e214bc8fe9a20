import { describe, expect, it } from "vitest";
import { countryCodes, countryList, countryName, toCountryCode, mappedCountries, REGIONS, regionOf } from "~/lib/panel";

describe("World Bank regions", () => {
  it("maps every ISO 3166-1 country of the library to exactly one of the seven regions", () => {
    const codes = countryCodes();
    expect(codes.length).toBeGreaterThanOrEqual(249);
    const unmapped = codes.filter((code) => !regionOf(code));
    expect(unmapped).toEqual([]);
    const mapped = mappedCountries();
    expect(new Set(mapped).size).toBe(mapped.length);
    expect(mapped.filter((code) => !codes.includes(code))).toEqual([]);
  });

  it("follows the World Bank's classification for countries in the seed reports", () => {
    expect(regionOf("US")).toBe("North America");
    expect(regionOf("ca")).toBe("North America");
    expect(regionOf("CL")).toBe("Latin America & Caribbean");
    expect(regionOf("MX")).toBe("Latin America & Caribbean");
    expect(regionOf("IN")).toBe("South Asia");
    expect(regionOf("PH")).toBe("East Asia & Pacific");
    expect(regionOf("MY")).toBe("East Asia & Pacific");
    expect(regionOf("NG")).toBe("Sub-Saharan Africa");
    expect(regionOf("MT")).toBe("Middle East & North Africa");
    expect(regionOf("KZ")).toBe("Europe & Central Asia");
    expect(regionOf("ZZ")).toBeUndefined();
    expect(regionOf("")).toBeUndefined();
  });

  it("uses every region", () => {
    const used = new Set(countryList().map((c) => c.region));
    expect([...used].sort()).toEqual([...REGIONS].sort());
  });
});

describe("country names", () => {
  it("resolves codes, alpha-3 codes and English names", () => {
    expect(toCountryCode("cl")).toBe("CL");
    expect(toCountryCode("CHL")).toBe("CL");
    expect(toCountryCode("Chile")).toBe("CL");
    expect(toCountryCode("United States of America")).toBe("US");
    expect(toCountryCode("Atlantis")).toBeUndefined();
    expect(toCountryCode("XX")).toBeUndefined();
    expect(countryName("CL")).toBe("Chile");
  });
});
