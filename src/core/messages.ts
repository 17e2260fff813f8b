import { DateTime } from "luxon";
import type { Config } from "../config/schema.js";
import { renderTemplate } from "./templates.js";

/**
 * The comments frontdesk writes, in English and German. Clients read most of
 * them, so they say what happens and who is on it, and nothing internal.
 */

/** The language of messages to the client. */
export type Language = Config["language"];

/** Messages the team lead may replace in `messages:` of frontdesk.yml. */
export type ConfigurableMessageKey = keyof Config["messages"];

/** Every message frontdesk writes. */
export type MessageKey = ConfigurableMessageKey | "malformed" | "unavailable";

/**
 * Values for the placeholders: `client`, `contact`, `implementer`, `urgency`,
 * `due`, `estimate`, `threshold`, `handoff`, `function`; built-ins also use
 * `leads` (escalation) and `command`, `accepted` (refused, malformed). People
 * come as mentions (`@alice`, several joined by the caller).
 */
export type MessageVars = Readonly<Record<string, string>>;

/**
 * A built-in message picks its template from the values (a sentence about the
 * implementer only when there is one), then the template is rendered like a
 * user's. Values therefore never become template text.
 */
type Builtin = (vars: MessageVars) => string;

const en: Record<MessageKey, Builtin> = {
  acknowledge: (v) =>
    [
      "Thanks for your request, we have it.",
      "Urgency: **{{urgency}}**.",
      !v.implementer
        ? "Your contact is {{contact}}."
        : v.implementer === v.contact
          ? "Your contact {{contact}} is working on it."
          : "Your contact is {{contact}}; {{implementer}} is working on it.",
      "You will hear from us by **{{due}}**.",
    ].join(" "),
  project_work: (v) =>
    [
      v.estimate
        ? "This request is larger than a support task: we estimate **{{estimate}}**, and support covers up to {{threshold}}. We are planning it as project work."
        : "This request is larger than a support task, so we are planning it as project work.",
      v.handoff ? "{{handoff}} is taking it over and will be in touch." : "{{contact}} remains your contact.",
    ].join(" "),
  back_to_support: (v) =>
    [
      "We are handling this request as a support ticket again. Your contact is {{contact}}.",
      v.due ? "You will hear from us by **{{due}}**." : "",
    ]
      .filter(Boolean)
      .join(" "),
  refused: (v) =>
    v.command
      ? "Thanks! `{{command}}` is for our team only, so nothing has changed. {{contact}} will take care of your request."
      : "Thanks! Commands are for our team only, so nothing has changed. {{contact}} will take care of your request.",
  reminder: () => "{{contact}}, a reminder: the first response to this ticket is due by **{{due}}**.",
  escalation: (v) =>
    `${v.leads ? "{{contact}} {{leads}}" : "{{contact}}"}: the first response to this ticket was due by **{{due}}**. Please respond as soon as possible.`,
  malformed: () => "Sorry, I could not read `{{command}}`. Please use {{accepted}}.",
  unavailable: () => "Nobody for `{{function}}` is available right now (away or at capacity), so nobody was booked.",
};

const de: Record<MessageKey, Builtin> = {
  acknowledge: (v) =>
    [
      "Vielen Dank für Ihre Anfrage, wir haben sie erhalten.",
      "Dringlichkeit: **{{urgency}}**.",
      !v.implementer
        ? "Ihre Ansprechperson ist {{contact}}."
        : v.implementer === v.contact
          ? "Ihre Ansprechperson {{contact}} kümmert sich darum."
          : "Ihre Ansprechperson ist {{contact}}; {{implementer}} kümmert sich darum.",
      "Sie hören von uns bis **{{due}}**.",
    ].join(" "),
  project_work: (v) =>
    [
      v.estimate
        ? "Diese Anfrage ist größer als eine Support-Aufgabe: Wir schätzen **{{estimate}}**, der Support umfasst bis zu {{threshold}}. Wir planen sie deshalb als Projektarbeit."
        : "Diese Anfrage ist größer als eine Support-Aufgabe, deshalb planen wir sie als Projektarbeit.",
      v.handoff ? "{{handoff}} übernimmt und meldet sich bei Ihnen." : "{{contact}} bleibt Ihre Ansprechperson.",
    ].join(" "),
  back_to_support: (v) =>
    [
      "Wir bearbeiten diese Anfrage wieder als Support-Ticket. Ihre Ansprechperson ist {{contact}}.",
      v.due ? "Sie hören von uns bis **{{due}}**." : "",
    ]
      .filter(Boolean)
      .join(" "),
  refused: (v) =>
    v.command
      ? "Vielen Dank! `{{command}}` ist unserem Team vorbehalten, daher hat sich nichts geändert. {{contact}} kümmert sich um Ihr Anliegen."
      : "Vielen Dank! Befehle sind unserem Team vorbehalten, daher hat sich nichts geändert. {{contact}} kümmert sich um Ihr Anliegen.",
  reminder: () => "{{contact}}, zur Erinnerung: Die erste Antwort auf dieses Ticket ist bis **{{due}}** fällig.",
  escalation: (v) =>
    `${v.leads ? "{{contact}} {{leads}}" : "{{contact}}"}: Die erste Antwort auf dieses Ticket war bis **{{due}}** fällig. Bitte antworten Sie so bald wie möglich.`,
  malformed: () => "Entschuldigung, `{{command}}` konnte ich nicht lesen. Bitte verwenden Sie {{accepted}}.",
  unavailable: () => "Für `{{function}}` ist gerade niemand verfügbar (abwesend oder ausgelastet), daher wurde niemand gebucht.",
};

const BUILTINS: Record<Language, Record<MessageKey, Builtin>> = { en, de };

function isConfigurable(key: MessageKey): key is ConfigurableMessageKey {
  // Replies to the team about a command, not messages to the client.
  return key !== "malformed" && key !== "unavailable";
}

/**
 * The message `key` with `vars` filled in: the team lead's template from
 * `config.messages` when set (an empty one counts as unset, since an empty
 * comment cannot be posted), else the built-in in `config.language`.
 */
export function messageFor(key: MessageKey, config: Pick<Config, "language" | "messages">, vars: MessageVars): string {
  const custom = isConfigurable(key) ? config.messages[key] : undefined;
  const template = custom?.trim() ? custom : BUILTINS[config.language][key](vars);
  return renderTemplate(template, vars);
}

/** Locale for weekday and month names; the pattern itself is fixed so that it reads the same everywhere. */
const DATE_FORMAT: Record<Language, { locale: string; pattern: string }> = {
  en: { locale: "en-US", pattern: "EEE, d MMM yyyy, HH:mm" },
  de: { locale: "de-DE", pattern: "EEE, d. MMM yyyy, HH:mm" },
};

/**
 * ICU knows a zone's abbreviation only in some locales (en-GB says CET but
 * GMT-5 for New York, en-US the reverse), so the first locale that has a real
 * name wins over a bare GMT offset.
 */
const ZONE_NAME_LOCALES: Record<Language, readonly string[]> = {
  en: ["en-GB", "en-US"],
  de: ["de-DE", "en-GB", "en-US"],
};

const GMT_OFFSET = /^(?:GMT|UTC)[+\-\u2212]/;

/**
 * A due time as the client reads it, in the configured zone with its
 * abbreviation: en `Mon, 30 Nov 2026, 09:30 CET`, de `Mo., 30. Nov. 2026, 09:30 MEZ`.
 * Zones without a common abbreviation show their offset (`GMT+9`).
 *
 * @throws RangeError for an unknown zone.
 */
export function formatDue(due: Date, zone: string, language: Language): string {
  const local = DateTime.fromJSDate(due, { zone });
  if (!local.isValid) throw new RangeError(`cannot show ${due.toISOString()} in time zone ${zone}`);
  const { locale, pattern } = DATE_FORMAT[language];
  return `${local.setLocale(locale).toFormat(pattern)} ${zoneNameOf(local, language)}`;
}

/**
 * The zone's abbreviation at `local`. ICU builds a formatter for each locale
 * it is asked in, the most expensive step of a ticket's plan, and the answer
 * depends only on the zone, the language and the offset in force: remember it.
 */
function zoneNameOf(local: DateTime, language: Language): string {
  const key = `${local.zoneName}|${language}|${local.offset}`;
  const known = zoneNames.get(key);
  if (known !== undefined) return known;
  const names = ZONE_NAME_LOCALES[language].map((name) => local.setLocale(name).offsetNameShort ?? "");
  const zoneName = names.find((name) => name !== "" && !GMT_OFFSET.test(name)) ?? names.find(Boolean) ?? local.toFormat("'UTC'ZZ");
  if (zoneNames.size >= MAX_ZONE_NAMES) zoneNames.clear();
  zoneNames.set(key, zoneName);
  return zoneName;
}

/** Far more than zones × languages × offsets in use; cleared when full. */
const MAX_ZONE_NAMES = 1024;
const zoneNames = new Map<string, string>();
