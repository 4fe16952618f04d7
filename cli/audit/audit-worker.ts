// A worker thread of the parallel audit (see parallel.ts): reads and audits the files it is handed,
// one at a time, with the pack's policies and the command's options, and answers each stack's part.
import { parentPort, workerData } from "worker_threads";
import { policies } from "../../policy-pack/policies";
import { policiesInForce } from "./audit";
import { WorkerRequest, WorkerSetup, auditFile } from "./parallel";

const setup = workerData as WorkerSetup;
const inForce = policiesInForce(policies, setup.options);

parentPort!.on("message", async ({ index, input }: WorkerRequest) => {
    parentPort!.postMessage({ index, ...(await auditFile(input, setup, policies, inForce)) });
});
