import type { SyntheticResponse } from "./demo-responses";
import { syntheticResponses } from "./demo-responses";

/**
 * The demo's second wave of the 2024 questionnaire, two years on, to the same synthetic leaders
 * (issue 28): most of those who answered the first answer again, a few newcomers join, and answers
 * move the way a maturing practice would: some who did not offer for-credit micro-credentials now
 * do, almost nobody stops; plans shift from expanding to integrating; the job-ready rating drifts up
 * a little. Everything is invented; the same seed gives the same answers at every start.
 */
export function secondWave(
  random: () => number,
  first: SyntheticResponse[],
  options: { answerAgain: number; newcomers: number },
): { again: { index: number; response: SyntheticResponse }[]; newcomers: SyntheticResponse[] } {
  const again: { index: number; response: SyntheticResponse }[] = [];
  first.forEach((before, index) => {
    if (random() >= options.answerAgain) return;
    const fresh = syntheticResponses(random, 1)[0]!;
    const was = before.data;
    const offerToday =
      was.offerToday === "yes"
        ? random() < 0.95
          ? "yes"
          : "not-sure"
        : was.offerToday === "no"
          ? random() < 0.3
            ? "yes"
            : random() < 0.9
              ? "no"
              : "not-sure"
          : random() < 0.4
            ? "yes"
            : random() < 0.5
              ? "no"
              : "not-sure";
    const plans5y =
      was.plans5y === "expand" && random() < 0.3 ? "integrate" : random() < 0.85 ? was.plans5y : fresh.data.plans5y;
    const skills = Number(was.jobReadySkills);
    const drift = random();
    const jobReadySkills = Math.min(5, Math.max(1, skills + (drift < 0.2 ? 1 : drift < 0.27 ? -1 : 0)));
    const data: Record<string, unknown> = {
      ...fresh.data,
      country: was.country,
      organisationType: was.organisationType,
      offerToday,
      plans5y,
      jobReadySkills,
    };
    delete data["organisationType-Comment"];
    if (was["organisationType-Comment"] !== undefined)
      data["organisationType-Comment"] = was["organisationType-Comment"];
    delete data.careerTopThree;
    if (offerToday === "no") data.careerTopThree = random() < 0.6;
    // A comment is written again only rarely; quotes stay with the first wave.
    delete data.comment;
    delete data.consentToQuote;
    again.push({ index, response: { ...before, data } });
  });
  const newcomers = syntheticResponses(random, options.newcomers).map((r) => {
    const data = { ...r.data };
    delete data.comment;
    delete data.consentToQuote;
    return { ...r, data };
  });
  return { again, newcomers };
}
