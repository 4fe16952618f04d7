// What the generators start from: the resources of every case table (compliant baselines and
// their one-change variants), grouped by type, with the keys and strings they use; and, per
// policy, the resource types it handles and the types its stack check reads.
//
// The case tables register their cases while mocha loads the spec files, so the corpus is built
// at run time, when every table is loaded.
import { StackGraph } from "../../policy-pack/lib/graph";
import { BaselinePolicy } from "../../policy-pack/lib/policy";
import { ResourceState, runPolicies } from "../../policy-pack/lib/runner";
import { types } from "../../policy-pack/lib/types";
import { registeredCases } from "../lib/cases";
import { allPaths, getAt, isPlainObject } from "./paths";

export interface Corpus {
    /** Each case's resources, by policy name. */
    stacks: Map<string, ResourceState[][]>;
    /** Every distinct resource of the tables, by type. */
    resources: Map<string, ResourceState[]>;
    /** Top-level input keys seen on each type. */
    keys: Map<string, string[]>;
    /** Leaf strings of the tables, split by what they look like. */
    strings: { actions: string[]; arns: string[]; other: string[] };
    /** Every key seen at any depth. */
    allKeys: string[];
}

export function buildCorpus(): Corpus {
    const stacks = new Map<string, ResourceState[][]>();
    const resources = new Map<string, ResourceState[]>();
    const seen = new Set<string>();
    const keys = new Map<string, Set<string>>();
    const strings = { actions: new Set<string>(), arns: new Set<string>(), other: new Set<string>() };
    const allKeys = new Set<string>();
    for (const { policy, case: c } of registeredCases) {
        stacks.set(policy.name, [...(stacks.get(policy.name) ?? []), c.resources]);
        for (const r of c.resources) {
            const fingerprint = JSON.stringify(r);
            if (seen.has(fingerprint)) {
                continue;
            }
            seen.add(fingerprint);
            resources.set(r.type, [...(resources.get(r.type) ?? []), r]);
            const typeKeys = keys.get(r.type) ?? new Set<string>();
            for (const props of [r.inputs, r.outputs ?? {}]) {
                Object.keys(props).forEach((k) => typeKeys.add(k));
                for (const path of allPaths(props)) {
                    const last = path[path.length - 1];
                    if (typeof last === "string") {
                        allKeys.add(last);
                    }
                    const value = getAt(props, path);
                    if (typeof value === "string" && value.length <= 200 && !value.trimStart().startsWith("{") && !value.includes("-----BEGIN")) {
                        const bucket = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(value) ? strings.actions : value.startsWith("arn:") ? strings.arns : strings.other;
                        bucket.add(value);
                    }
                }
            }
            keys.set(r.type, typeKeys);
        }
    }
    return {
        stacks,
        resources,
        keys: new Map([...keys].map(([t, ks]) => [t, [...ks].sort()])),
        strings: { actions: [...strings.actions].sort(), arns: [...strings.arns].sort(), other: [...strings.other].sort() },
        allKeys: [...allKeys].sort(),
    };
}

/** The type tokens of types.ts that share a group with `type` (legacy and current tokens). */
export function siblings(type: string): string[] {
    const group = Object.values(types).find((g) => (g as readonly string[]).includes(type));
    return group ? [...group] : [type];
}

/**
 * The types a policy handles: its `resourceTypes`, the types of its cases' resources, and the
 * types its stack check asks the graph for, found by watching the graph while the policy runs on
 * its own cases (with their legacy and current tokens).
 */
export async function relevantTypes(policy: BaselinePolicy, corpus: Corpus): Promise<string[]> {
    const found = new Set<string>(policy.resourceTypes ?? []);
    const stacks = corpus.stacks.get(policy.name) ?? [];
    stacks.flat().forEach((r) => found.add(r.type));
    const proto = StackGraph.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    const watched = ["ofType", "targets", "referrers", "unresolvedReferrers", "identifiedBy"];
    const originals = watched.map((m) => proto[m]);
    const note = (value: unknown) => {
        if (typeof value === "string" && value.includes(":") && !value.startsWith("urn:")) {
            found.add(value);
        } else if (Array.isArray(value)) {
            value.forEach(note);
        } else if (isPlainObject(value) && typeof value.type === "string") {
            found.add(value.type);
        }
    };
    watched.forEach((m, i) => {
        proto[m] = function (this: unknown, ...args: unknown[]) {
            args.forEach(note);
            return originals[i].apply(this, args);
        };
    });
    try {
        // Its own cases, plus one resource of every known type, so that branches its cases do not
        // reach still ask for what they read.
        const everyType = Object.values(types).flatMap((g) => [...g]).map((type, i): ResourceState => ({ urn: `urn:pulumi:t::p::${type}::r${i}`, type, inputs: {} }));
        for (const resources of [...stacks, everyType]) {
            await runPolicies([policy], resources, { config: { [policy.name]: "mandatory" } }).catch(() => undefined);
        }
    } finally {
        watched.forEach((m, i) => {
            proto[m] = originals[i];
        });
    }
    const known = new Set<string>(Object.values(types).flatMap((g) => [...g]));
    return [...new Set([...found].filter((t) => known.has(t) || (policy.resourceTypes ?? []).includes(t)).flatMap(siblings))].sort();
}
