// The counts every report format states.
import { AuditResult, FailOn, NotChecked, StackSummary, UncheckedComponent, failing } from "../audit/audit";

export interface Summary {
    stacks: number;
    resources: number;
    /** Policy evaluations that applied: resource checks on resources of their types, plus stack checks. */
    evaluated: number;
    violations: { mandatory: number; advisory: number };
    waived: number;
    /** Components whose contents were not checked (a preview's; absent when there are none). */
    uncheckedComponents?: number;
    /** Resources of covered kinds that no policy judges (present only when there are some). */
    notChecked?: number;
    /** Inputs that could not be read as state (present only when there are some). */
    unreadable?: number;
    /** Set when no policy judged any resource of the run (see judgedNothing): never a pass. */
    nothingJudged?: true;
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
        ...(result.unchecked.length > 0 ? { uncheckedComponents: result.unchecked.length } : {}),
        ...(result.notChecked.length > 0 ? { notChecked: result.notChecked.length } : {}),
        ...(result.unreadable.length > 0 ? { unreadable: result.unreadable.length } : {}),
        ...(judgedNothing(result) ? { nothingJudged: true as const } : {}),
    };
}

/**
 * Whether the run judged nothing: no stack was read, or in none of them did a policy judge a
 * resource (each holds no resources, or only resources no policy reads). Its lack of violations
 * says nothing, so no report presents it as a pass. A run in which some stack was judged is
 * judged as a whole; reports that show stacks one by one say which of them judged nothing.
 */
export function judgedNothing(result: AuditResult): boolean {
    return result.stacks.every((s) => !s.judged);
}

/** Why nothing was judged, in the run (its summary) or in one stack (a run of one), for every report to say it alike. */
export function nothingJudgedReason(of: { stacks: number; resources: number; notChecked?: number }): string {
    if (of.stacks === 0) {
        return "no stack was read";
    }
    if (of.resources === 0) {
        return of.stacks === 1 ? "the stack holds no resources" : `the ${of.stacks} stacks hold no resources`;
    }
    const which = of.resources === 1 ? "the only resource" : `any of the ${of.resources} resources`;
    return `no policy judges ${which}${of.notChecked ? ` (${of.notChecked} not checked)` : ""}`;
}

/** What the reports that show stacks one by one (table, JUnit) say of a stack in which nothing was judged. */
export function stackNothingJudgedMessage(result: AuditResult, stack: StackSummary): string {
    const notChecked = result.notChecked.filter((n) => n.stack === stack.stack && n.source === stack.source).length;
    return `Nothing judged: ${nothingJudgedReason({ stacks: 1, resources: stack.resources, notChecked })}.`;
}

/**
 * How reports name a stack: `<project>/<stack>`, and its input too when another input holds a
 * stack of the same name (two copies of one stack's state, say), so that the two are told apart.
 */
export function stackLabeller(result: AuditResult): (of: { stack: string; source: string }) => string {
    const sources = new Map<string, Set<string>>();
    for (const s of result.stacks) {
        sources.set(s.stack, (sources.get(s.stack) ?? new Set()).add(s.source));
    }
    return ({ stack, source }) => ((sources.get(stack)?.size ?? 1) > 1 ? `${stack} (${source})` : stack);
}

/** What every report says of a component it could not look into. */
export function uncheckedMessage(c: UncheckedComponent): string {
    return `${c.type} '${c.name}': contents not checked: ${c.reason}. Its children are unknown to every policy; \`pulumi preview --policy-pack\` with credentials checks them.`;
}

/**
 * How a run ends: failing violations; else nothing judged when no policy judged any resource; else
 * incomplete when components were left unchecked (unless allowed); else passed.
 */
export type Verdict = "failed" | "nothing-judged" | "incomplete" | "incomplete-allowed" | "passed";

export function verdictOf(result: AuditResult, failOn: FailOn, allowUnchecked = false): Verdict {
    if (failing(result, failOn).length > 0) {
        return "failed";
    }
    // Before the unchecked components: --allow-unchecked-components accepts components left
    // unchecked beside what was judged, not a run in which nothing was.
    if (judgedNothing(result)) {
        return "nothing-judged";
    }
    if (result.unchecked.length > 0) {
        return allowUnchecked ? "incomplete-allowed" : "incomplete";
    }
    return "passed";
}

/** One line: what was audited, what was found, and whether that fails at the threshold. */
export function summaryLine(result: AuditResult, failOn: FailOn, allowUnchecked = false): string {
    const s = summarize(result);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    // A run that left components unchecked never says "passed": nothing is known of what is inside them.
    const uncheckedCount = s.uncheckedComponents ?? 0;
    const unchecked = `${plural(uncheckedCount, "component")} not checked`;
    // Nor does a run that could not read some of its inputs: nothing is known of their stacks.
    const unreadable = s.unreadable ? `${plural(s.unreadable, "input")} not read` : "";
    const verdict = {
        // Nor does a run that judged nothing: what it was given holds nothing the policies judge.
        "nothing-judged": `NOTHING JUDGED: ${nothingJudgedReason(s)}${uncheckedCount > 0 ? `; ${unchecked}` : ""}${unreadable ? `; ${unreadable}` : ""}`,
        failed: `FAILED (--fail-on ${failOn})${uncheckedCount > 0 ? `; ${unchecked}` : ""}${unreadable ? `; ${unreadable}` : ""}`,
        incomplete: `INCOMPLETE: ${unchecked}${unreadable ? `; ${unreadable}` : ""}`,
        "incomplete-allowed": `no failing violation; INCOMPLETE: ${unchecked} (allowed by --allow-unchecked-components)${unreadable ? `; ${unreadable}` : ""}`,
        passed: unreadable ? `no failing violation; INCOMPLETE: ${unreadable}` : "passed",
    }[verdictOf(result, failOn, allowUnchecked)];
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
