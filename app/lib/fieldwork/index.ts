// Fieldwork: a wave's state, the reminder schedule, time zones and local times.
export * from "./wave-state";
export * from "./reminder-schedule";
export * from "./zoned-time";
export * from "./time-zones";
export * from "./contact-rule";
