// The audit of many state files (an organisation's exports, a file backend's stacks) on worker
// threads: each worker reads and audits one file at a time, as the main thread hands them out, and
// the main thread puts the stacks' parts back in the order of the files, so that the report is
// the one a sequential run writes. Only files are read this way; standard input stays in the
// main thread.
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import { AuditError, AuditOptions, StackAudit } from "./audit";
import { InputProblem, StateInput } from "./exports";

/** What a worker answers for a file: its stack's part, the problem that makes it not state, or an error of the audit. */
export type WorkerAnswer = { index: number } & ({ part: StackAudit } | { problem: InputProblem } | { error: string; auditError: boolean });

/** What a worker is asked: the index of a file in the list, and the file. */
export interface WorkerRequest {
    index: number;
    input: StateInput;
}

/** What every worker is started with. */
export interface WorkerSetup {
    cwd: string;
    options: AuditOptions;
}

/** The default number of workers: the cores this process may use. */
export function defaultJobs(): number {
    return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}

/**
 * Audits the inputs (files, and problems found while listing them) on `jobs` workers. Answers the
 * stacks' parts and the inputs' problems, both in the order of the inputs; an error of the audit
 * (a policy that failed) is thrown as the sequential audit throws it: the first in that order.
 */
export async function auditInParallel(
    inputs: (StateInput | { problem: InputProblem })[],
    setup: WorkerSetup,
    jobs: number,
    progress?: (done: number, total: number) => void,
): Promise<{ parts: StackAudit[]; problems: InputProblem[] }> {
    const files = inputs.flatMap((input, index) => ("problem" in input ? [] : [{ index, input }]));
    const answers = new Map<number, WorkerAnswer>();
    let next = 0;
    const workers = Array.from({ length: Math.max(1, Math.min(jobs, files.length)) }, () => new Worker(path.join(__dirname, "audit-worker.js"), { workerData: setup }));
    try {
        await Promise.all(
            workers.map(
                (worker) =>
                    new Promise<void>((resolve, reject) => {
                        const ask = () => {
                            if (next < files.length) {
                                worker.postMessage(files[next++] satisfies WorkerRequest);
                            } else {
                                resolve();
                            }
                        };
                        worker.on("message", (answer: WorkerAnswer) => {
                            answers.set(answer.index, answer);
                            progress?.(answers.size, files.length);
                            ask();
                        });
                        worker.on("error", reject);
                        worker.on("exit", (code) => reject(new Error(`an audit worker stopped (exit code ${code})`)));
                        ask();
                    }),
            ),
        );
    } finally {
        await Promise.all(workers.map((w) => w.terminate()));
    }
    const parts: StackAudit[] = [];
    const problems: InputProblem[] = [];
    inputs.forEach((input, index) => {
        if ("problem" in input) {
            problems.push(input.problem);
            return;
        }
        const answer = answers.get(index)!;
        if ("error" in answer) {
            throw answer.auditError ? new AuditError(answer.error) : new Error(answer.error);
        }
        if ("problem" in answer) {
            problems.push(answer.problem);
        } else {
            parts.push(answer.part);
        }
    });
    return { parts, problems };
}
