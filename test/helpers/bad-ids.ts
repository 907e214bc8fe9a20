/** Ids that are not ids: words, fractions, signs, exponents, hex, spaces, and numbers past bigint. */
export const BAD_IDS = [
  "abc",
  "1.5",
  "-1",
  "0",
  "1e3",
  "0x10",
  " 1",
  "1 ",
  "+1",
  "99999999999999999999",
  "9223372036854775808",
  "1%00",
  "１",
  "NaN",
  "Infinity",
  "",
];
