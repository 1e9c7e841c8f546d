import type { Env, JobMessage } from "./env";

export const DEAD_LETTER_QUEUE = "storycut-jobs-dlq";

export async function consumeJobs(_batch: MessageBatch<JobMessage>, _env: Env): Promise<void> {}
export async function consumeDeadLetters(_batch: MessageBatch<JobMessage>, _env: Env): Promise<void> {}
