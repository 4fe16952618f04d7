// The second pass of `secure-baseline preview`. Some checks cannot decide at preview because the
// value they judge is computed from outputs that exist only after deployment: a bucket policy
// written as `bucket.arn.apply(arn => JSON.stringify({...}))` is unknown as a whole, whatever its
// statements say. When the preview leaves such evaluations undecided, the program runs once more
// with the mocks answering plausible outputs (IDs, ARNs and names shaped as AWS shapes them, as
// `npm start` does for its update pass), and what the policies then find for exactly those
// evaluations is reported, marked as coming from this pass. Everything the preview decided stays
// as the preview decided it.
import { summarize } from "../../policy-pack/lib/iam-checks";
import { AuditResult, Finding, Note, compareFindings } from "../audit/audit";
import { CaptureRequest, captureProgram } from "../program/capture";

/** The `pass` of a finding found by this pass (reports show it; JSON and SARIF carry it as a field). */
export const plausibleOutputsPass = "plausible-outputs";

const suffix =
    " [plausible-outputs pass: at preview this depends on values unknown until deployment; the program was evaluated again with outputs such as IDs and ARNs filled in as AWS shapes them]";

/** Captures the program as at an update: every computed output known, with plausible values. */
export function plausibleOutputsCapture(request: CaptureRequest, timeoutMs?: number) {
    return captureProgram({ ...request, preview: false }, timeoutMs);
}

/** An advisory "can't run … during preview": the SDK's own answer, with no message id of a policy. */
export function isUndecided(f: Finding): boolean {
    return f.messageId === undefined && f.message.startsWith("can't run policy ");
}

/**
 * Decides the preview's undecided evaluations with a second evaluation of the program
 * (`evaluateAgain`, called only when there is one to decide). An evaluation is a policy on a
 * resource, or a stack check as a whole when its advisory names no resource. For each: the
 * second pass's findings of that policy on that resource (for a stack check, on any resource)
 * that the preview did not already report replace the advisory; none, and no advisory either,
 * means it passes; an advisory again keeps the preview's. A note in every report says what the
 * pass decided, or why it could not run.
 */
export async function decideWithPlausibleOutputs(result: AuditResult, evaluateAgain: () => Promise<AuditResult>): Promise<AuditResult> {
    const undecided = result.violations.filter(isUndecided);
    if (undecided.length === 0) {
        return result;
    }
    const { stack, source } = undecided[0];
    let second: AuditResult;
    try {
        second = await evaluateAgain();
    } catch (e) {
        const reason = String((e as Error)?.message ?? e).split("\n")[0];
        return withNote(result, { stack, source, message: `The plausible-outputs pass, which would decide ${count(undecided.length)} undecided at preview, could not run: ${reason}` });
    }
    const findingKey = (f: Finding) => `${f.policyName}\u0000${f.urn ?? ""}\u0000${f.messageId ?? ""}`;
    const known = new Set([...result.violations, ...result.waived].filter((f) => !isUndecided(f)).map(findingKey));
    const secondFindings = [...second.violations, ...second.waived];
    const replaced = new Set<Finding>();
    const added: Finding[] = [];
    const passed: Finding[] = [];
    let stillUndecided = 0;
    // Decided, but only as findings a waiver excuses (one whose tag was unknown at preview, say).
    let waivedOnly = 0;
    for (const advisory of undecided) {
        const theirs = secondFindings.filter((f) => f.policyName === advisory.policyName && (advisory.urn === null || f.urn === advisory.urn));
        const decided = theirs.filter((f) => !isUndecided(f) && !known.has(findingKey(f)));
        if (decided.length > 0) {
            replaced.add(advisory);
            waivedOnly += decided.every((f) => f.waived) ? 1 : 0;
            for (const f of decided) {
                known.add(findingKey(f));
                added.push({ ...f, stack: advisory.stack, source: advisory.source, message: `${f.message}${suffix}`, pass: plausibleOutputsPass });
            }
        } else if (theirs.some(isUndecided)) {
            stillUndecided++;
        } else {
            replaced.add(advisory);
            passed.push(advisory);
        }
    }
    const findings = [...result.violations.filter((f) => !replaced.has(f)), ...added.filter((f) => !f.waived)].sort(compareFindings);
    const waived = [...result.waived, ...added.filter((f) => f.waived)].sort(compareFindings);
    const violated = undecided.length - passed.length - stillUndecided - waivedOnly;
    const parts = [
        violated > 0 ? `${violated} ${violated === 1 ? "fails" : "fail"} (findings marked "${plausibleOutputsPass}")` : undefined,
        waivedOnly > 0 ? `${waivedOnly} ${waivedOnly === 1 ? "is" : "are"} waived (findings marked "${plausibleOutputsPass}")` : undefined,
        passed.length > 0 ? `${passed.length} ${passed.length === 1 ? "passes" : "pass"} (${summarize(passed.map(describe))})` : undefined,
        stillUndecided > 0 ? `${stillUndecided} ${stillUndecided === 1 ? "stays" : "stay"} undecided` : undefined,
    ].filter((p) => p !== undefined);
    const message =
        `${count(undecided.length)} could not be decided at preview: the values they judge are computed from outputs that exist only after deployment. ` +
        `The program was evaluated once more with plausible outputs (IDs, ARNs and names as AWS shapes them): ${parts.join(", ")}.`;
    return withNote({ ...result, violations: findings, waived }, { stack, source, message });
}

function withNote(result: AuditResult, note: Note): AuditResult {
    return { ...result, notes: [...result.notes, note] };
}

function count(n: number): string {
    return n === 1 ? "1 evaluation" : `${n} evaluations`;
}

function describe(f: Finding): string {
    return f.name === null ? `${f.policyName} (stack check)` : `${f.policyName} on '${f.name}'`;
}
