/**
 * October 2026's report over fixture.ts, computed by hand.
 *
 * acme/site (ACME GmbH), tickets #9 #1 #2 #3 #4 #5 #6 #7 = 8 (#10 is November's in
 * Berlin, #8 September's, #11 a pull request, #12 a bot's):
 *   urgency: emergency #2 = 1; task 7
 *   function: development #9 #1 #2 #3 #5 #7 = 6; design #4 = 1; seo #6 = 1; marketing 0
 *   first response (business minutes): #9 45, #1 90, #2 45, #3 540, #4 240, #6 300
 *     sorted 45 45 90 240 300 540: median (90 + 240) / 2 = 165; p90 = rank ceil(0.9 * 6) = 6th = 540
 *   promise: kept #9 #1 #2 #4 #6 = 5; missed #3 = 1; open #7; exempt #5 (project work, unanswered)
 *     within promise 5 / 6 = 0.8333
 *   reminders 1 (#3), escalations 1 (#3; the client's look-alike on #1 does not count), project work 1 (#5), booked seo 1
 *
 * beta/shop (Beta AG, client-team), tickets #1 #2 #3 #4 = 4:
 *   urgency: emergency 1, task 3; function: development 3, design 1
 *   first response: 60, 570, 30, 180 -> sorted 30 60 180 570: median (60 + 180) / 2 = 120; p90 = 4th = 570
 *   promise: kept #1 #4 = 2; missed #2 = 1; exempt #3 (project work, answered or not) -> 2 / 3 = 0.6667
 *   reminders 1, escalations 1, project work 1 (#3), booked design 1
 *   people (assignees): mia #1 #2 #4 support 3, late 1 (#2); max #1 #2 support 2, #3 project 1, late 1,
 *     support share 2 / 3 = 0.6667, project share 1 / 3 = 0.3333; dave #4 support 1
 *
 * agency: 12 tickets; emergency 2, task 10; development 9, design 2, seo 1, marketing 0
 *   first response, 10 answered: 30 45 45 60 90 180 240 300 540 570:
 *     median (90 + 180) / 2 = 135; p90 = rank ceil(0.9 * 10) = 9th = 540
 *   promise: kept 5 + 2 = 7, missed 2 -> 7 / 9 = 0.7778; exempt 2 (#5, beta #3)
 *   reminders 2, escalations 2, project work 2, booked seo 1, design 1
 *   weeks (Mondays): 28 Sep #9 #1 task 2; 5 Oct #2 + beta #1 emergency 2, #3 task 1; 12 Oct #4 + beta #2 task 2;
 *     19 Oct #5 + beta #3 task 2; 26 Oct #6 #7 + beta #4 task 3
 *   first-response buckets: < 1 h 30 45 45 = 3; 1-4 h 60 90 180 = 3; 4-8 h 240 300 = 2; 8-16 h 540 570 = 2; unanswered #5 #7 = 2
 */

const PEOPLE = [
  { login: "dave", support: 1, projectWork: 0, supportShare: 1, projectShare: 0, late: 0 },
  { login: "max", support: 2, projectWork: 1, supportShare: 0.6667, projectShare: 0.3333, late: 1 },
  { login: "mia", support: 3, projectWork: 0, supportShare: 1, projectShare: 0, late: 1 },
];

export const ACME_FIGURES = {
  client: "ACME GmbH",
  repos: ["acme/site"],
  tickets: 8,
  byUrgency: { emergency: 1, task: 7 },
  byFunction: { development: 6, design: 1, seo: 1, marketing: 0 },
  firstResponseMinutes: { median: 165, p90: 540, answered: 6 },
  withinPromise: 0.8333,
  promises: { kept: 5, missed: 1, open: 1, exempt: 1 },
  reminders: 1,
  escalations: 1,
  projectWork: 1,
  booked: { seo: 1 },
};

export const BETA_FIGURES = {
  client: "Beta AG",
  repos: ["beta/shop"],
  tickets: 4,
  byUrgency: { emergency: 1, task: 3 },
  byFunction: { development: 3, design: 1 },
  firstResponseMinutes: { median: 120, p90: 570, answered: 4 },
  withinPromise: 0.6667,
  promises: { kept: 2, missed: 1, open: 0, exempt: 1 },
  reminders: 1,
  escalations: 1,
  projectWork: 1,
  booked: { design: 1 },
  people: PEOPLE,
};

export const AGENCY_FIGURES = {
  client: "agency",
  repos: ["acme/site", "beta/shop"],
  tickets: 12,
  byUrgency: { emergency: 2, task: 10 },
  byFunction: { development: 9, design: 2, seo: 1, marketing: 0 },
  firstResponseMinutes: { median: 135, p90: 540, answered: 10 },
  withinPromise: 0.7778,
  promises: { kept: 7, missed: 2, open: 1, exempt: 2 },
  reminders: 2,
  escalations: 2,
  projectWork: 2,
  booked: { seo: 1, design: 1 },
  people: PEOPLE,
};

export const WEEK_FIGURES = [
  { week: "2026-09-28", byUrgency: { emergency: 0, task: 2 } },
  { week: "2026-10-05", byUrgency: { emergency: 2, task: 1 } },
  { week: "2026-10-12", byUrgency: { emergency: 0, task: 2 } },
  { week: "2026-10-19", byUrgency: { emergency: 0, task: 2 } },
  { week: "2026-10-26", byUrgency: { emergency: 0, task: 3 } },
];

export const BUCKET_FIGURES = {
  buckets: [
    { from: 0, upTo: 60, tickets: 3 },
    { from: 60, upTo: 240, tickets: 3 },
    { from: 240, upTo: 480, tickets: 2 },
    { from: 480, upTo: 960, tickets: 2 },
    { from: 960, upTo: 2400, tickets: 0 },
    { from: 2400, upTo: null, tickets: 0 },
  ],
  unanswered: 2,
};
