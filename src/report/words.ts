import { DateTime } from "luxon";
import type { Language } from "../core/messages.js";

/**
 * The words of the Markdown and HTML reports, in English and German, and how
 * numbers, shares and durations are written in each.
 */
export interface Words {
  title: string;
  agency: string;
  client: string;
  clients: string;
  tickets: string;
  byUrgency: string;
  byFunction: string;
  median: string;
  p90: string;
  firstResponse: string;
  withinPromise: string;
  reminders: string;
  escalations: string;
  projectWork: string;
  booked: string;
  people: string;
  person: string;
  support: string;
  supportShare: string;
  late: string;
  volumeChart: string;
  responseChart: string;
  promiseChart: string;
  unanswered: string;
  kept: string;
  missed: string;
  of: string;
  generated: string;
  notIncluded: string;
  method: string;
  summary: string;
}

const EN: Words = {
  title: "Support report",
  agency: "All clients",
  client: "Client",
  clients: "Clients",
  tickets: "Tickets",
  byUrgency: "By urgency",
  byFunction: "By function",
  median: "median",
  p90: "90th percentile",
  firstResponse: "First response",
  withinPromise: "Answered within the promise",
  reminders: "Reminders",
  escalations: "Escalations",
  projectWork: "Project work",
  booked: "Booked from the pool",
  people: "People (client team)",
  person: "Person",
  support: "Support",
  supportShare: "Share of support",
  late: "Support tickets late",
  volumeChart: "Tickets per week (from Monday) by urgency",
  responseChart: "Time to first response",
  promiseChart: "Promise kept per client",
  unanswered: "no answer",
  kept: "kept",
  missed: "missed",
  of: "of",
  generated: "Generated",
  notIncluded: "Not included",
  method:
    "Response times count business hours (the wall clock for urgency levels with hours: always), from the ticket's opening to the team's first comment; median and 90th percentile (nearest rank) over the answered tickets. A promise is kept when the first response came by the due time the acknowledgement named; open tickets not yet due and project work are not counted.",
  summary: "{tickets} tickets, first response median {median} (90th percentile {p90}), {share} answered within the promise.",
};

const DE: Words = {
  title: "Support-Bericht",
  agency: "Alle Kunden",
  client: "Kunde",
  clients: "Kunden",
  tickets: "Tickets",
  byUrgency: "Nach Dringlichkeit",
  byFunction: "Nach Funktion",
  median: "Median",
  p90: "90. Perzentil",
  firstResponse: "Erste Antwort",
  withinPromise: "In der zugesagten Zeit beantwortet",
  reminders: "Erinnerungen",
  escalations: "Eskalationen",
  projectWork: "Projektarbeit",
  booked: "Aus dem Pool gebucht",
  people: "Personen (Kundenteam)",
  person: "Person",
  support: "Support",
  supportShare: "Anteil Support",
  late: "Support-Tickets verspätet",
  volumeChart: "Tickets pro Woche (ab Montag) nach Dringlichkeit",
  responseChart: "Zeit bis zur ersten Antwort",
  promiseChart: "Zusage eingehalten je Kunde",
  unanswered: "ohne Antwort",
  kept: "eingehalten",
  missed: "verfehlt",
  of: "von",
  generated: "Erstellt",
  notIncluded: "Nicht enthalten",
  method:
    "Antwortzeiten zählen Geschäftszeit (die Uhrzeit bei Dringlichkeitsstufen mit hours: always), von der Eröffnung des Tickets bis zum ersten Kommentar des Teams; Median und 90. Perzentil (nächster Rang) über die beantworteten Tickets. Eine Zusage gilt als eingehalten, wenn die erste Antwort bis zur in der Eingangsbestätigung genannten Zeit kam; offene, noch nicht fällige Tickets und Projektarbeit zählen nicht.",
  summary: "{tickets} Tickets, erste Antwort im Median nach {median} (90. Perzentil {p90}), {share} in der zugesagten Zeit beantwortet.",
};

/** The words of a language. */
export function wordsFor(language: Language): Words {
  return language === "de" ? DE : EN;
}

/** `2026-10` as "October 2026" / "Oktober 2026". */
export function monthName(month: string, language: Language): string {
  return DateTime.fromFormat(month, "yyyy-MM", { zone: "UTC" }).setLocale(language).toFormat("LLLL yyyy");
}

/** A Monday (YYYY-MM-DD) as "5 Oct" / "5. Okt.". */
export function shortDate(day: string, language: Language): string {
  return DateTime.fromISO(day, { zone: "UTC" }).setLocale(language).toFormat(language === "de" ? "d. LLL" : "d LLL");
}

/** Minutes as "45 min", "2 h 45 min", "9 h"; "–" for none. */
export function formatDuration(minutes: number | null): string {
  if (minutes === null) return "–";
  const whole = Math.round(minutes);
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** A share 0..1 as "83 %" (German) or "83%"; "–" for none. */
export function formatShare(value: number | null, language: Language): string {
  if (value === null) return "–";
  const percent = Math.round(value * 100);
  return language === "de" ? `${percent} %` : `${percent}%`;
}

/** `{name}` placeholders filled in. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/gu, (whole, name: string) => values[name] ?? whole);
}

/** `{ a: 2, b: 0, c: 1 }` as "a 2, c 1" (names through `name`); "–" when all are zero. */
export function formatCounts(values: Record<string, number>, name: (text: string) => string = (text) => text): string {
  const parts = Object.entries(values)
    .filter(([, value]) => value > 0)
    .map(([key, value]) => `${name(key)} ${value}`);
  return parts.length === 0 ? "–" : parts.join(", ");
}
