import { z } from "zod";
import { onCallSchema } from "./on-call-schema.js";
import { agencyMember, dateOrRange, login, logins, rejectDuplicates } from "./value-schemas.js";

/**
 * The roster: who is the team (everyone else is the client side), who may
 * be picked and how much each person may hold, who is away and who is on
 * call. Part of the configuration schema (schema.ts).
 */
export const team = z
  .strictObject({
    contacts: logins.min(1).describe("The communication layer: who talks to the client and owns the ticket."),
    functions: z
      .record(z.string().min(1), logins.min(1))
      .default({})
      .describe("The implementation layer: function -> logins."),
    bookable: z
      .record(z.string().min(1), logins.min(1))
      .default({})
      .describe("The agency pool for functions this team lacks: function -> logins."),
    leads: logins.default([]).describe("Who escalations go to."),
    away: z
      .record(login, z.array(dateOrRange))
      .default({})
      .describe("Absences per login (someone in the roster): dates or inclusive ranges."),
    capacity: z
      .int()
      .positive()
      .default(10)
      .describe("Open tickets (support and project work) a person may hold across every client frontdesk serves before being skipped."),
    client_capacity: z
      .int()
      .positive()
      .optional()
      .describe("Open tickets of this client a person may hold before being skipped here; default no limit beyond capacity."),
    on_call: onCallSchema.optional(),
    agency: z
      .array(agencyMember)
      .superRefine(rejectDuplicates)
      .default([])
      .describe(
        "Agency colleagues who are not in this client's roster but may run commands and answer tickets: logins, or on GitHub @org/team-slug. Everyone outside the roster and this list is the client side.",
      ),
  })
  .describe("The roster. A file that sets team replaces the inherited team as a whole.");
