// Waivers: a policy's findings excused on named resources, for a stated reason, until a date.
//
// Every policy accepts a `waivers` parameter, so a waiver works the same under `pulumi preview
// --policy-pack` (set in a `--policy-pack-config` file or the policy group's configuration) and in
// the offline audit. A waived finding is still reported, at advisory level, so that it stays
// visible without blocking; a waiver that has expired or gives no reason excuses nothing and is
// reported itself, so that an exception cannot outlive its justification unnoticed.
import type { Parameter } from "./policy";

export interface Waiver {
    /** URN patterns (anything with `::`) or resource-name patterns; `*` and `?` are wildcards. */
    resources: string[];
    reason?: string;
    /** The last day the waiver holds, YYYY-MM-DD (UTC). */
    expires?: string;
}

export const waiversParameter: Parameter = {
    type: "array",
    description:
        "Findings of this policy excused on matching resources: each waiver lists `resources` (URN or resource-name patterns, `*` and `?` wildcards), " +
        "a `reason` and an `expires` date (YYYY-MM-DD, the last day it holds). A waived finding is reported as advisory; an expired or reason-less waiver excuses nothing and is reported. See docs/audit.md#waivers.",
    default: [],
    items: {
        type: "object",
        properties: {
            resources: { type: "array", items: { type: "string", minLength: 1 }, minItems: 1 },
            // An empty reason and the shape of a date are refused with the policy and field named
            // (the description completes "must be"); a day the month does not have, and a waiver
            // with no reason at all, are reported when the waiver is judged.
            reason: { type: "string", pattern: "\\S", description: "a reason, not empty" },
            expires: { type: "string", pattern: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", description: "a YYYY-MM-DD date" },
        },
        required: ["resources"],
        additionalProperties: false,
    },
};

/** What the waivers of a policy say about a finding on one resource. */
export interface WaiverVerdict {
    /** The first valid waiver matching the resource: the finding is waived. */
    waived?: { reason: string; expires: string };
    /** Matching waivers that excuse nothing, with why (reported when nothing waives the finding). */
    invalid: { index: number; patterns: string[]; problem: string }[];
}

export function judgeWaivers(waivers: Waiver[], urn: string, name: string, today: string = utcToday()): WaiverVerdict {
    const verdict: WaiverVerdict = { invalid: [] };
    waivers.forEach((waiver, index) => {
        if (!waiver.resources.some((pattern) => globMatch(pattern, pattern.includes("::") ? urn : name))) {
            return;
        }
        const problem = problemOf(waiver, today);
        if (problem !== undefined) {
            verdict.invalid.push({ index, patterns: waiver.resources, problem });
        } else if (verdict.waived === undefined) {
            verdict.waived = { reason: waiver.reason!.trim(), expires: waiver.expires! };
        }
    });
    return verdict;
}

function problemOf(waiver: Waiver, today: string): string | undefined {
    if (waiver.reason === undefined || waiver.reason.trim() === "") {
        return "it gives no reason";
    }
    if (waiver.expires === undefined) {
        return "it has no expires date";
    }
    if (!isDate(waiver.expires)) {
        return `its expires date '${waiver.expires}' is not a YYYY-MM-DD date`;
    }
    if (waiver.expires < today) {
        return `it expired on ${waiver.expires}`;
    }
    return undefined;
}

function isDate(value: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        return false;
    }
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

export function utcToday(): string {
    return new Date().toISOString().slice(0, 10);
}

/** `*` matches any run of characters, `?` one character; everything else literally. */
export function globMatch(pattern: string, value: string): boolean {
    const source = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === "*" ? ".*" : c === "?" ? "." : `\\${c}`));
    return new RegExp(`^${source}$`, "s").test(value);
}

/** The message of a waived finding: the waiver first, so a reader sees at once why it does not block. */
export function waivedMessage(waived: { reason: string; expires: string }, message: string): string {
    return `Waived until ${waived.expires}: ${waived.reason.replace(/[.\s]+$/, "")}. ${message}`;
}

export function invalidWaiverMessage(invalid: WaiverVerdict["invalid"][number], policyName: string, resourceName: string): string {
    return (
        `Waiver #${invalid.index + 1} of ${policyName} (resources ${invalid.patterns.map((p) => `'${p}'`).join(", ")}) does not waive the finding on '${resourceName}': ` +
        `${invalid.problem}. Give it a reason and a future expires date, or remove it and fix the resource.`
    );
}
