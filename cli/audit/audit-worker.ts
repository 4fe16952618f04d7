// A worker thread of the parallel audit (see parallel.ts): reads and audits the files it is handed,
// one at a time, with the pack's policies and the command's options, and answers each stack's part.
import { parentPort, workerData } from "worker_threads";
import { policies } from "../../policy-pack/policies";
import { AuditError, auditStack, policiesInForce } from "./audit";
import { readInput } from "./exports";
import type { WorkerAnswer, WorkerRequest, WorkerSetup } from "./parallel";

const setup = workerData as WorkerSetup;
const inForce = policiesInForce(policies, setup.options);

parentPort!.on("message", async ({ index, input }: WorkerRequest) => {
    let answer: WorkerAnswer;
    try {
        const read = readInput(input, () => "", setup.cwd);
        if ("problem" in read) {
            answer = { index, problem: read.problem };
        } else {
            const part = await auditStack(policies, inForce, read.export, setup.options);
            // Reports read an export's lines, source positions and secrets, never its resources:
            // they stay here rather than being copied to the main thread.
            answer = { index, part: { ...part, summary: { ...part.summary, export: { ...part.summary.export, resources: [] } } } };
        }
    } catch (e) {
        answer = { index, error: e instanceof Error ? e.message : String(e), auditError: e instanceof AuditError };
    }
    parentPort!.postMessage(answer);
});
