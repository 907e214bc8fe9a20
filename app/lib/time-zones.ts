/** Time zones offered in forms: UTC first, then the ones panels most often run in. */
export const TIME_ZONES = [
  "UTC", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Toronto", "America/Mexico_City",
  "America/Bogota", "America/Santiago", "America/Sao_Paulo", "Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Madrid",
  "Europe/Warsaw", "Europe/Istanbul", "Africa/Lagos", "Africa/Nairobi", "Africa/Johannesburg", "Asia/Dubai", "Asia/Riyadh",
  "Asia/Karachi", "Asia/Kolkata", "Asia/Dhaka", "Asia/Almaty", "Asia/Singapore", "Asia/Manila", "Asia/Tokyo", "Australia/Sydney",
  "Pacific/Auckland",
];
