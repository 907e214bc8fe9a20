// Demo data: the demo panel's people, synthetic responses and the findings written from their figures.
export * from "./demo-findings";
export * from "./demo-people";
export * from "./demo-responses";
export * from "./demo-series";
