// Runs a Pulumi program of this repository (the reference stack, or its insecure counterpart)
// through the policy pack the way a deployment would meet it, offline: the program runs under
// Pulumi's mocks (cli/program), and its registrations go to the real pack process over the
// analyzer protocol (test/harness/cli-harness.ts) as `pulumi preview --policy-pack .` and
// `pulumi up --policy-pack .` send them; then the resulting state is audited as
// `secure-baseline audit` audits a stack export. `npm start` prints what this returns; the
// end-to-end test asserts on it.
import * as path from "path";
import { CaptureRequest, CapturedResource, captureProgram, toResourceStates } from "../cli/program/capture";
import { readProject } from "../cli/program/project";
import { BaselinePolicy } from "../policy-pack/lib/policy";
import { Diagnostic, ResourceState, runPolicies } from "../policy-pack/lib/runner";
import { policies as registry } from "../policy-pack/policies";
import { PackRun, PolicyPackServer, repoRoot } from "../test/harness/cli-harness";

export { repoRoot };

/** A problem running the check itself (not a finding): the program failed, the pack did not start. */
export class StackCheckError extends Error {}

export const programs = {
    reference: { label: "the reference stack", dir: repoRoot, shown: "stack/" },
    insecure: { label: "the insecure counterpart", dir: path.join(repoRoot, "test", "fixtures", "programs", "insecure"), shown: "test/fixtures/programs/insecure/" },
} as const;

export type ProgramName = keyof typeof programs;

/** preview: `pulumi preview` of a new stack; update: `pulumi up`; audit: the state after it, audited. */
export type Mode = "preview" | "update" | "audit";
export const modes: Mode[] = ["preview", "update", "audit"];

export interface Capture {
    request: CaptureRequest;
    resources: CapturedResource[];
}

/** Runs the program once under mocks: preview leaves computed outputs unknown, update fills them in. */
export async function capture(dir: string, preview: boolean, stack = "dev"): Promise<Capture> {
    const request = readProject(dir, stack, preview);
    const result = await captureProgram(request);
    if (result.error) {
        const where = result.error.location ? ` (${result.error.location})` : "";
        throw new StackCheckError(`the program in ${path.relative(process.cwd(), dir) || "."} failed${where}: ${result.error.message}`);
    }
    return { request, resources: result.resources };
}

/** One pack process per run, started as the CLI starts it for a preview or an update, then closed. */
export async function analyzeWithPack(resources: ResourceState[], request: CaptureRequest): Promise<PackRun & { packOutput: string[] }> {
    let pack: PolicyPackServer;
    try {
        pack = await PolicyPackServer.start({ dryRun: request.preview, stackConfig: request.config });
    } catch (e) {
        throw new StackCheckError(`the policy pack did not start (run \`npm ci\` first, which builds it): ${String((e as Error).message ?? e).split("\n")[0]}`);
    }
    try {
        const run = await pack.run(resources);
        // Anything the pack prints would show up in the CLI's output: it must stay silent.
        const packOutput = [...pack.stdout, ...pack.stderr.split("\n"), ...pack.engineLogs.map((l) => l.message ?? "")].filter((l) => l.trim() !== "");
        return { ...run, packOutput };
    } finally {
        await pack.close();
    }
}

/**
 * Creation times as a deployment records them: resources are created in the order the program
 * registered them, a few seconds apart. Only an audit of a stack export has them (the analyzer
 * protocol carries none), which is where s3-existing-objects-encrypted decides.
 */
export function deploymentTimes(resources: ResourceState[], start = Date.parse("2024-05-06T09:30:00.000Z")): Record<string, string> {
    return Object.fromEntries(resources.map((r, i) => [r.urn, new Date(start + i * 5000).toISOString()]));
}

/** The audit of the state after the update: the runner the audit command uses, with creation times. */
export async function auditState(resources: ResourceState[]): Promise<PackRun> {
    const { diagnostics, notApplicable, remediations } = await runPolicies(registry, resources, { created: deploymentTimes(resources) });
    return { diagnostics, notApplicable, remediations };
}

export type Verdict = { kind: "pass" } | { kind: "violation"; level: "mandatory" | "advisory" } | { kind: "undecided" } | { kind: "not-applicable"; reason: string };

/** One policy on one resource (urn) or on the stack as a whole (urn null), in one mode. */
export interface Evaluation {
    policyName: string;
    urn: string | null;
    /** The policy's resource check on this resource, its stack check's findings landing here, or its stack check. */
    scope: "resource-check" | "stack-findings" | "stack-check";
    verdict: Verdict;
    /** The findings behind the verdict, as the CLI shows them (without the policy's description). */
    messages: string[];
}

/** The SDK's own answer when a policy reads a value unknown at preview. */
export function isUndecided(d: Diagnostic): boolean {
    return d.enforcementLevel === "advisory" && d.message.startsWith(`can't run policy '${d.policyName}'`);
}

function detail(d: Diagnostic): string {
    return d.message.startsWith(`${d.description}\n`) ? d.message.slice(d.description.length + 1) : d.message;
}

function verdictOf(findings: Diagnostic[]): Verdict {
    if (findings.some((d) => d.enforcementLevel === "mandatory")) {
        return { kind: "violation", level: "mandatory" };
    }
    if (findings.some((d) => !isUndecided(d))) {
        return { kind: "violation", level: "advisory" };
    }
    return findings.length > 0 ? { kind: "undecided" } : { kind: "pass" };
}

/**
 * What each policy said about each resource and about the stack. A resource check is listed on
 * the resources of its types (the server answers not-applicable for the others, which is not
 * shown); a stack check once for the stack, and also on each resource its findings land on.
 */
export function evaluations(resources: ResourceState[], run: PackRun, policies: BaselinePolicy[] = registry): Evaluation[] {
    const result: Evaluation[] = [];
    const notApplicable = new Map(run.notApplicable.map((n) => [`${n.policyName}|${n.urn ?? ""}`, n.reason]));
    const findingsOn = (policyName: string, urn: string | undefined, phase?: Diagnostic["phase"]) =>
        run.diagnostics.filter((d) => d.policyName === policyName && d.urn === urn && (phase === undefined || d.phase === phase));
    const add = (policyName: string, urn: string, scope: Evaluation["scope"], findings: Diagnostic[]) =>
        result.push({ policyName, urn, scope, verdict: verdictOf(findings), messages: [...new Set(findings.map(detail))] });
    for (const r of resources) {
        for (const policy of policies) {
            const findings = findingsOn(policy.name, r.urn);
            const checksType = policy.kind !== "stack" && (policy.resourceTypes ?? []).includes(r.type);
            const reason = notApplicable.get(`${policy.name}|${r.urn}`);
            if (checksType && reason !== undefined && findings.length === 0) {
                result.push({ policyName: policy.name, urn: r.urn, scope: "resource-check", verdict: { kind: "not-applicable", reason }, messages: [] });
            } else if (checksType || findings.length > 0) {
                add(policy.name, r.urn, checksType ? "resource-check" : "stack-findings", findings);
            }
        }
    }
    for (const policy of policies.filter((p) => p.kind !== "resource")) {
        const reason = notApplicable.get(`${policy.name}|`);
        if (reason !== undefined) {
            result.push({ policyName: policy.name, urn: null, scope: "stack-check", verdict: { kind: "not-applicable", reason }, messages: [] });
        } else {
            // The stack check's findings wherever they land; their messages show on those resources.
            const findings = run.diagnostics.filter((d) => d.policyName === policy.name && d.phase === "analyzeStack");
            result.push({ policyName: policy.name, urn: null, scope: "stack-check", verdict: verdictOf(findings), messages: findings.filter((d) => d.urn === undefined).map(detail) });
        }
    }
    return result;
}

/** Counts as the audit counts them: evaluations that applied (not not-applicable), and the findings. */
export interface Tally {
    evaluations: number;
    undecided: number;
    mandatory: number;
    advisory: number;
}

export function tally(list: Evaluation[], run: PackRun): Tally {
    const applied = list.filter((e) => e.verdict.kind !== "not-applicable" && e.scope !== "stack-findings");
    return {
        evaluations: applied.length,
        undecided: run.diagnostics.filter(isUndecided).length,
        mandatory: run.diagnostics.filter((d) => d.enforcementLevel === "mandatory").length,
        advisory: run.diagnostics.filter((d) => d.enforcementLevel === "advisory" && !isUndecided(d)).length,
    };
}

export interface ModeResult {
    mode: Mode;
    resources: ResourceState[];
    run: PackRun;
    evaluations: Evaluation[];
    tally: Tally;
    /** What the pack printed (it should print nothing). */
    packOutput: string[];
}

export interface StackCheck {
    program: (typeof programs)[ProgramName];
    project: string;
    stack: string;
    results: ModeResult[];
}

/** Preview and update through the pack process, then the audit of the state; captures run side by side. */
export async function checkProgram(name: ProgramName): Promise<StackCheck> {
    const program = programs[name];
    const [preview, update] = await Promise.all([capture(program.dir, true), capture(program.dir, false)]);
    const results: ModeResult[] = [];
    for (const [mode, captured] of [["preview", preview], ["update", update]] as const) {
        const resources = toResourceStates(captured.resources);
        const run = await analyzeWithPack(resources, captured.request);
        const list = evaluations(resources, run);
        results.push({ mode, resources, run, evaluations: list, tally: tally(list, run), packOutput: run.packOutput });
    }
    const state = toResourceStates(update.resources);
    const audited = await auditState(state);
    const list = evaluations(state, audited);
    results.push({ mode: "audit", resources: state, run: audited, evaluations: list, tally: tally(list, audited), packOutput: [] });
    return { program, project: preview.request.project, stack: preview.request.stack, results };
}

/** The mandatory policies of the pack with no mandatory finding in any mode. */
/**
 * The distinct mandatory findings of all passes: a policy's finding on a resource (or the stack)
 * with the same message at preview, at update and in the audit is one finding, not three.
 */
export function distinctMandatoryFindings(check: StackCheck): number {
    return new Set(check.results.flatMap((r) => r.run.diagnostics.filter((d) => d.enforcementLevel === "mandatory").map((d) => JSON.stringify([d.policyName, d.urn ?? null, detail(d)])))).size;
}

export function mandatoryPoliciesNotTripped(check: StackCheck, policies: BaselinePolicy[] = registry): string[] {
    const tripped = new Set(check.results.flatMap((r) => r.run.diagnostics.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.policyName)));
    return policies.filter((p) => p.enforcementLevel === "mandatory" && !tripped.has(p.name)).map((p) => p.name);
}
