// Waivers: a policy's findings excused on named resources, for a stated reason, until a date.
//
// Every policy accepts a `waivers` parameter, so a waiver works the same under `pulumi preview
// --policy-pack` (set in a `--policy-pack-config` file or the policy group's configuration) and in
// the offline audit. A waived finding is still reported, at advisory level, so that it stays
// visible without blocking; a waiver that has expired or gives no reason excuses nothing and is
// reported itself, so that an exception cannot outlive its justification unnoticed.
//
// A taggable resource can also carry its own waiver, as a tag in its declaration (see
// `waiverTagPrefix`): a second source of waivers, judged with the config's by the same rules.
import type { Parameter } from "./policy";
import { holdsUnknown, isUnknown } from "./values";

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
        "a `reason` and an `expires` date (YYYY-MM-DD, the last day it holds). A waived finding is reported as advisory; an expired or reason-less waiver excuses nothing and is reported. " +
        "A taggable resource can carry its own waiver instead: the tag `secure-baseline:waive:<policy name>` with the value `until YYYY-MM-DD: reason`. See docs/audit.md#waivers.",
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

/**
 * The tag that waives a policy's findings on the resource that carries it, in the resource's own
 * declaration, where a code review sees it: `secure-baseline:waive:<policy name>` with the value
 * `until YYYY-MM-DD: reason`. Only the declared `tags` count (the `tags` input; `tagsAll` adds the
 * provider's default tags, which would waive a policy for every resource of a provider).
 */
export const waiverTagPrefix = "secure-baseline:waive:";

export function waiverTagKey(policyName: string): string {
    return `${waiverTagPrefix}${policyName}`;
}

/**
 * AWS's rules for tags, which every service that supports tags accepts: a key of at most 128 and a
 * value of at most 256 Unicode characters, made of letters, digits, spaces and `_ . : / = + - @`
 * (some services accept more; a waiver must fit them all). Sources: "Tag naming limits and
 * requirements" in Tagging AWS resources, https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html,
 * and the pattern `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$` of the Tag type in the AWS APIs, e.g.
 * https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_Tag.html.
 */
export const awsTagRules = { maxKeyLength: 128, maxValueLength: 256, characters: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u };
const disallowedTagCharacter = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;

/** What the waivers of a policy can be found in for a finding: its configuration, and the resource's declared tags. */
export interface WaiverSources {
    config: Waiver[];
    /** The `tags` input of the resource the finding lands on (raw: unknown at preview as the engine's sentinel). */
    tags?: unknown;
}

/** A waiver that excused a finding: why, until when, and which waiver it was. */
export interface Waived {
    reason: string;
    expires: string;
    /** The waiver, as reports name it: `waiver #1 in the policy pack config` or `tag 'secure-baseline:waive:…'`. */
    by: string;
}

/** What the waivers of a policy say about a finding on one resource. */
export interface WaiverVerdict {
    /** The first valid waiver for the resource (the config's, then the tag): the finding is waived. */
    waived?: Waived;
    /** Waivers for the resource that excuse nothing, with why (reported when nothing waives the finding). */
    invalid: { key: string; waiver: string; problem: string; fix: string }[];
    /** What about a waiver tag is unknown at preview, when no other waiver excuses the finding. */
    undecided?: string;
}

/** A waiver of either source, read: its terms, or why it cannot be read. */
interface Candidate {
    key: string;
    /** How a message names it. */
    waiver: string;
    by: string;
    reason?: string;
    expires?: string;
    /** Why the waiver cannot be read at all (a malformed tag). */
    malformed?: string;
    /** What the date is called in a message. */
    dateName: string;
    fix: string;
}

const configFix = "Give it a reason and a future expires date, or remove it and fix the resource.";

export function judgeWaivers(policyName: string, sources: WaiverSources, urn: string, name: string, today: string = utcToday()): WaiverVerdict {
    const candidates: Candidate[] = [];
    sources.config.forEach((waiver, index) => {
        if (waiver.resources.some((pattern) => globMatch(pattern, pattern.includes("::") ? urn : name))) {
            candidates.push({
                key: `config #${index}`,
                waiver: `Waiver #${index + 1} of ${policyName} (resources ${waiver.resources.map((p) => `'${p}'`).join(", ")})`,
                by: `waiver #${index + 1} in the policy pack config`,
                reason: waiver.reason,
                expires: waiver.expires,
                dateName: "expires date",
                fix: configFix,
            });
        }
    });
    const tag = readWaiverTag(policyName, sources.tags, name);
    if (tag !== undefined && "candidate" in tag) {
        candidates.push(tag.candidate);
    }

    const verdict: WaiverVerdict = { invalid: [] };
    for (const candidate of candidates) {
        const problem = candidate.malformed ?? problemOf(candidate, today);
        if (problem !== undefined) {
            verdict.invalid.push({ key: candidate.key, waiver: candidate.waiver, problem, fix: candidate.fix });
        } else if (verdict.waived === undefined) {
            verdict.waived = { reason: candidate.reason!.trim(), expires: candidate.expires!, by: candidate.by };
        }
    }
    // A tag unknown at preview may waive the finding: it changes the verdict only when nothing else does.
    if (verdict.waived === undefined && tag !== undefined && "undecided" in tag) {
        verdict.undecided = tag.undecided;
    }
    return verdict;
}

/**
 * The resource's waiver tag for a policy: absent (undefined), unknown at preview, or read. A tag
 * breaking AWS's rules is read as malformed, with what is wrong, and waives nothing.
 */
function readWaiverTag(policyName: string, tags: unknown, resourceName: string): { candidate: Candidate } | { undecided: string } | undefined {
    const key = waiverTagKey(policyName);
    if (isUnknown(tags)) {
        return { undecided: `its tags, which may hold the waiver tag '${key}', are unknown` };
    }
    if (tags === null || typeof tags !== "object" || Array.isArray(tags) || !Object.hasOwn(tags, key)) {
        return undefined;
    }
    const value = (tags as Record<string, unknown>)[key];
    if (value === undefined || value === null) {
        return undefined;
    }
    if (holdsUnknown(value)) {
        return { undecided: `the value of its waiver tag '${key}' is unknown` };
    }
    const candidate: Candidate = {
        key: "tag",
        waiver: `Waiver tag '${key}' on '${resourceName}'`,
        by: `tag '${key}'`,
        dateName: "date",
        fix:
            "Set its value to 'until YYYY-MM-DD: reason' (the last day it holds, and why) in at most 256 letters, digits, spaces and _ . : / = + - @, " +
            "or remove the tag and fix the resource.",
    };
    const malformed = (problem: string) => ({ candidate: { ...candidate, malformed: problem } });
    if (typeof value !== "string") {
        return malformed("its value is not a string");
    }
    // What `pulumi policy analyze` and the offline audit read for a secret they cannot decrypt.
    if (value === "[secret]") {
        return malformed("its value is a secret this run cannot read (export the stack with --show-secrets)");
    }
    const length = [...value].length;
    if (length > awsTagRules.maxValueLength) {
        return malformed(`its value is ${length} characters long, and AWS allows ${awsTagRules.maxValueLength}`);
    }
    const disallowed = [...new Set(value.match(disallowedTagCharacter) ?? [])];
    if (disallowed.length > 0) {
        return malformed(`its value holds ${disallowed.map((c) => `'${c}'`).join(", ")}, which AWS tag values do not allow`);
    }
    // `until 2027-03-31: reason`; without a reason (`until 2027-03-31`, or nothing after the colon) it is read, and refused as reason-less.
    const terms = /^\s*until\s+([^\s:]+)\s*(?::(.*))?$/is.exec(value);
    if (terms === null) {
        return malformed("its value does not read 'until YYYY-MM-DD: reason'");
    }
    return { candidate: { ...candidate, expires: terms[1], reason: terms[2] } };
}

function problemOf(waiver: { reason?: string; expires?: string; dateName: string }, today: string): string | undefined {
    if (waiver.reason === undefined || waiver.reason.trim() === "") {
        return "it gives no reason";
    }
    if (waiver.expires === undefined) {
        return `it has no ${waiver.dateName}`;
    }
    if (!isDate(waiver.expires)) {
        return `its ${waiver.dateName} '${waiver.expires}' is not a YYYY-MM-DD date`;
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

/**
 * The message of a waived finding: the waiver first, so a reader sees at once why it does not
 * block; a tag is named, so that a reader knows where to find it.
 */
export function waivedMessage(waived: Waived, message: string): string {
    const by = waived.by.startsWith("tag ") ? ` by ${waived.by}` : "";
    return `Waived${by} until ${waived.expires}: ${waived.reason.replace(/[.\s]+$/, "")}. ${message}`;
}

export function invalidWaiverMessage(invalid: WaiverVerdict["invalid"][number], resourceName: string): string {
    const on = invalid.key === "tag" ? "" : ` on '${resourceName}'`;
    return `${invalid.waiver} does not waive the finding${on}: ${invalid.problem}. ${invalid.fix}`;
}
