// The counts every report format states.
import { AuditResult, FailOn, NotChecked, failing } from "../audit/audit";

export interface Summary {
    stacks: number;
    resources: number;
    /** Policy evaluations that applied: resource checks on resources of their types, plus stack checks. */
    evaluated: number;
    violations: { mandatory: number; advisory: number };
    waived: number;
    /** Resources of covered kinds that no policy judges (present only when there are some). */
    notChecked?: number;
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
        ...(result.notChecked.length > 0 ? { notChecked: result.notChecked.length } : {}),
    };
}

/** One line: what was audited, what was found, and whether that fails at the threshold. */
export function summaryLine(result: AuditResult, failOn: FailOn): string {
    const s = summarize(result);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    const verdict = failing(result, failOn).length > 0 ? `FAILED (--fail-on ${failOn})` : "passed";
    return (
        `${plural(s.stacks, "stack")}, ${plural(s.resources, "resource")}, ${plural(s.evaluated, "evaluation")}` +
        `${s.notChecked ? `, ${s.notChecked} not checked` : ""}: ` +
        `${s.violations.mandatory} mandatory, ${s.violations.advisory} advisory, ${s.waived} waived; ${verdict}`
    );
}

/** Why a resource was not judged, and what would be. */
export function notCheckedMessage(n: NotChecked): string {
    return `Not checked: the policies judge this kind of resource as ${n.coveredAs}, not ${n.type}; review it by hand or declare it with @pulumi/aws.`;
}
