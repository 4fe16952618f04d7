// The audit of many state files (an organisation's exports, a file backend's stacks) on worker
// threads and the main thread: each reads and audits one file at a time, taking the next from one
// list (the main thread hands the workers theirs), and the main thread puts the stacks' parts back
// in the order of the files, so that the report is
// the one a sequential run writes. Only files are read this way; standard input stays in the
// main thread.
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import type { BaselinePolicy } from "../../policy-pack/lib/policy";
import { AuditError, AuditOptions, PolicyInForce, StackAudit, auditStack } from "./audit";
import { InputProblem, StateInput, readInput } from "./exports";

/**
 * Reads and audits one file, in a worker or in the main thread: its stack's part (without its
 * resources: reports read an export's lines, source positions and secrets, never its resources,
 * which so stay where they were read), the problem that makes it not state, or an error of the audit.
 */
export async function auditFile(input: StateInput, setup: WorkerSetup, policies: BaselinePolicy[], inForce: PolicyInForce[]): Promise<AuditAnswer> {
    try {
        const read = readInput(input, () => "", setup.cwd);
        if ("problem" in read) {
            return { problem: read.problem };
        }
        const part = await auditStack(policies, inForce, read.export, setup.options);
        return { part: { ...part, summary: { ...part.summary, export: { ...part.summary.export, resources: [] } } } };
    } catch (e) {
        return { error: e instanceof Error ? e.message : String(e), auditError: e instanceof AuditError };
    }
}

type AuditAnswer = { part: StackAudit } | { problem: InputProblem } | { error: string; auditError: boolean };

/** What a worker answers for a file: its stack's part, the problem that makes it not state, or an error of the audit. */
export type WorkerAnswer = { index: number } & AuditAnswer;

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
 * Audits the inputs (files, and problems found while listing them) on `jobs` threads: this one
 * and `jobs - 1` workers. Answers the stacks' parts and the inputs' problems, both in the order of
 * the inputs; an error of the audit (a policy that failed) is thrown as the sequential audit
 * throws it: the first in that order.
 */
export async function auditInParallel(
    inputs: (StateInput | { problem: InputProblem })[],
    setup: WorkerSetup & { policies: BaselinePolicy[]; inForce: PolicyInForce[] },
    jobs: number,
    progress?: (done: number, total: number) => void,
): Promise<{ parts: StackAudit[]; problems: InputProblem[] }> {
    const files = inputs.flatMap((input, index) => ("problem" in input ? [] : [{ index, input }]));
    const answers = new Map<number, WorkerAnswer>();
    const answered = (answer: WorkerAnswer) => {
        answers.set(answer.index, answer);
        progress?.(answers.size, files.length);
    };
    let next = 0;
    const { policies, inForce, ...workerSetup } = setup;
    const workers = Array.from({ length: Math.max(0, Math.min(jobs, files.length) - 1) }, () => new Worker(path.join(__dirname, "audit-worker.js"), { workerData: workerSetup }));
    // Each worker holds two files, so that it has the next one while this thread, auditing a file
    // of its own, cannot hand it one.
    const inFlight = 2;
    const fromWorker = (worker: Worker) =>
        new Promise<void>((resolve, reject) => {
            let pending = 0;
            const ask = () => {
                while (pending < inFlight && next < files.length) {
                    worker.postMessage(files[next++] satisfies WorkerRequest);
                    pending++;
                }
                if (pending === 0) {
                    resolve();
                }
            };
            worker.on("message", (answer: WorkerAnswer) => {
                pending--;
                answered(answer);
                ask();
            });
            worker.on("error", reject);
            worker.on("exit", (code) => reject(new Error(`an audit worker stopped (exit code ${code})`)));
            ask();
        });
    const inThisThread = async () => {
        while (next < files.length) {
            const { index, input } = files[next++];
            answered({ index, ...(await auditFile(input, workerSetup, policies, inForce)) });
            // Lets the workers' answers in, and hands them their next files.
            await new Promise((resolve) => setImmediate(resolve));
        }
    };
    try {
        await Promise.all([...workers.map(fromWorker), inThisThread()]);
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
