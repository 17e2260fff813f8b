// The in-memory port lives beside the desk, because `frontdesk simulate` runs the workflow against it too.
export * from "../../src/desk/memory-tracker.js";
