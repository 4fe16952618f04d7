// The counts every report format states.
import { AuditResult, FailOn, failing } from "../audit/audit";

export interface Summary {
    stacks: number;
    resources: number;
    /** Policy evaluations that applied: resource checks on resources of their types, plus stack checks. */
    evaluated: number;
    violations: { mandatory: number; advisory: number };
    waived: number;
}

export function summarize(result: AuditResult): Summary {
    return {
        stacks: result.stacks.length,
        resources: result.stacks.reduce((n, s) => n + s.resources, 0),
        evaluated: result.evaluations.length,
        violations: {
            mandatory: result.violations.filter((f) => f.enforcementLevel === "mandatory").length,
            advisory: result.violations.filter((f) => f.enforcementLevel === "advisory").length,
        },
        waived: result.waived.length,
    };
}

/** One line: what was audited, what was found, and whether that fails at the threshold. */
export function summaryLine(result: AuditResult, failOn: FailOn): string {
    const s = summarize(result);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    const verdict = failing(result, failOn).length > 0 ? `FAILED (--fail-on ${failOn})` : "passed";
    return (
        `${plural(s.stacks, "stack")}, ${plural(s.resources, "resource")}, ${plural(s.evaluated, "evaluation")}: ` +
        `${s.violations.mandatory} mandatory, ${s.violations.advisory} advisory, ${s.waived} waived; ${verdict}`
    );
}
