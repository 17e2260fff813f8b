import { reconcileIntake, type IntakeOutcome, type IntakeRequest } from "./intake.js";
import type { TicketEditor } from "./port.js";
import { reviewAfterTriage, type ProjectStepOutcome } from "./project-step.js";

/** What a new or reopened issue came to: its intake, and the project-work review that followed it. */
export interface TriageOutcome {
  intake: IntakeOutcome;
  /** Present when intake triaged a ticket whose estimate made it project work at once. */
  review?: ProjectStepOutcome;
}

/**
 * A new or reopened issue, whole: intake, then, for a ticket the team
 * opened with an estimate above the threshold, the project step at once. One
 * trip through the desk for the adapter; call it inside the lock.
 */
export async function triageTicket(request: IntakeRequest & { tracker: TicketEditor; platformEstimate?: string }): Promise<TriageOutcome> {
  const intake = await reconcileIntake(request);
  if (intake.kind !== "triage" || request.config.kind !== "valid") return { intake };
  const { tracker, ticket, now, log, teamMembers } = request;
  const review = await reviewAfterTriage({ tracker, config: request.config.config, ticket, now, log, teamMembers }, request.platformEstimate);
  return review ? { intake, review } : { intake };
}
