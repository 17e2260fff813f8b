import type { ProbotOctokit } from "probot";

/** The Octokit Probot hands to each event: REST methods, pagination and the config plugin. */
export type GitHubOctokit = InstanceType<typeof ProbotOctokit>;
