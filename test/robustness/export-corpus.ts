// A corpus of broken stack exports for the audit, built in code from one good export (the
// plaintext-secrets fixture, with a pending operation, a resource marked for deletion under a live
// resource's URN, escaped unicode and odd numbers added). Each entry says what must happen: the
// audit refuses the file with one exact message, or it reports (identically to the good export
// where the change cannot matter to any verdict).
import * as fs from "fs";
import * as path from "path";
import { maxDepth } from "../../cli/audit/exports";
import { repoRoot } from "../cli/golden";

export const sig = "4dabf18193072939515e22adb298388d";
export const secretSig = "1b47061264138c4ac30d75fd1eb44270";
export const unknownString = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The engine's unknown sentinels for the other kinds (bool, number, array, object). */
export const unknownSentinels = [
    unknownString,
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
];

export const baseFile = path.join(repoRoot, "test/fixtures/exports/plaintext-secrets.json");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = any;

/** What must happen to one corpus entry. */
export type Outcome =
    | { reject: string }
    /** A report; "same": the same violations, waived findings and resource count as the good export. */
    | { report: "same" | "any"; resources?: number };

export interface Entry {
    name: string;
    text: string;
    outcome: Outcome;
}

export const secretEnvelope = (plain: unknown) => ({ [sig]: secretSig, plaintext: JSON.stringify(plain) });

/** The good export everything is made from. */
export function baseDocument(): Doc {
    const doc = JSON.parse(fs.readFileSync(baseFile, "utf8"));
    const resources = doc.deployment.resources;
    const bucket = resources.find((r: Doc) => r.urn.endsWith("::ledger"));
    bucket.inputs.tags.note = "caf\u00e9 \u2713";
    bucket.inputs.ratio = -1.25e-7;
    bucket.inputs.limits = [0, 1e21, -0, true, false, null];
    // A key that fails the pack in plain sight, so that "the same report" compares violations.
    const key = resources.find((r: Doc) => r.urn.endsWith("::ledger-key"));
    const weak = structuredClone(key);
    weak.urn = weak.urn.replace("::ledger-key", "::weak-key");
    weak.id = "weak-key-id";
    for (const props of [weak.inputs, weak.outputs]) {
        props.enableKeyRotation = false;
        props.deletionWindowInDays = 7;
        delete props.policy;
    }
    resources.push(weak);
    // A replaced key lingers under the live key's URN, marked for deletion.
    resources.push({ ...structuredClone(key), delete: true, id: "old-key" });
    doc.deployment.pending_operations = [
        { type: "creating", resource: { urn: "urn:pulumi:prod::payments::aws:kms/key:Key::incoming", custom: true, type: "aws:kms/key:Key", inputs: { description: "incoming" } } },
    ];
    return doc;
}

/** The file text of a document, as `pulumi stack export` writes it (indented), with escaped unicode in it. */
export function exportText(doc: Doc): string {
    return `${JSON.stringify(doc, null, 4).replace("caf\u00e9 \u2713", "caf\\u00e9 \\u2713")}\n`;
}

export function liveCount(doc: Doc): number {
    return doc.deployment.resources.filter((r: Doc) => r.delete !== true).length;
}

/** `resource #n (name)`, as messages name a resource. */
export function named(doc: Doc, index: number): string {
    const urn: string = doc.deployment.resources[index].urn;
    return `resource #${index + 1} (${urn.slice(urn.lastIndexOf("::") + 2)})`;
}

function mutate(doc: Doc, change: (d: Doc) => void): Doc {
    const copy = structuredClone(doc);
    change(copy);
    return copy;
}

/** Values of every JSON type, an unknown sentinel, and a secret envelope. */
export const wrongValues: unknown[] = [null, true, 0, -1.5, "", "x", unknownString, [], [1, "a"], {}, { a: { b: [null] } }, secretEnvelope("x")];

const describe = (v: unknown) => JSON.stringify(v).slice(0, 40);
const isObject = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Wrong types at every level the reader reads, and at the levels it does not read. */
export function wrongTypeEntries(base: Doc): Entry[] {
    const entries: Entry[] = [];
    const add = (name: string, doc: Doc, outcome: Outcome) => entries.push({ name, text: exportText(doc), outcome });
    const resources: Doc[] = base.deployment.resources;

    for (const v of wrongValues) {
        const what = describe(v);
        entries.push({
            name: `the document is ${what}`,
            text: `${JSON.stringify(v)}\n`,
            outcome: {
                reject: isObject(v)
                    ? "not a stack export: expected {version, deployment} as written by `pulumi stack export`, a file backend's checkpoint, or a deployment object"
                    : "not a stack export: expected a JSON object as written by `pulumi stack export`",
            },
        });
        add(`version ${what}`, mutate(base, (d) => (d.version = v)), {
            reject: `deployment version ${JSON.stringify(v)} is not supported (this reads versions 1 to 4; export the stack again with a current Pulumi CLI)`,
        });
        add(
            `deployment ${what}`,
            mutate(base, (d) => (d.deployment = v)),
            isObject(v) ? { report: "any", resources: 0 } : { reject: "no 'deployment' object: not a complete stack export" },
        );
        for (const list of ["resources", "pending_operations"]) {
            const element = list === "resources" ? "resource #1" : "pending operation #1";
            add(
                `deployment.${list} ${what}`,
                mutate(base, (d) => (d.deployment[list] = v)),
                v === null || (Array.isArray(v) && v.length === 0)
                    ? list === "resources"
                        ? { report: "any", resources: 0 }
                        : { report: "same" }
                    : Array.isArray(v)
                      ? { reject: `${element} is not an object` }
                      : { reject: `'deployment.${list}' is not a list` },
            );
        }
        for (const unread of ["manifest", "secrets_providers", "unheard_of"]) {
            add(`deployment.${unread} ${what}`, mutate(base, (d) => (d.deployment[unread] = v)), { report: "same" });
        }
        add(
            `pending operation ${what}`,
            mutate(base, (d) => (d.deployment.pending_operations[0] = v)),
            isObject(v) ? { reject: "the resource of pending operation #1 is not an object" } : { reject: "pending operation #1 is not an object" },
        );
        add(
            `pending operation's resource urn ${what}`,
            mutate(base, (d) => (d.deployment.pending_operations[0].resource.urn = v)),
            { reject: "the resource of pending operation #1 has no valid 'urn'" },
        );
    }

    resources.forEach((r, i) => {
        const at = `resource #${i + 1}`;
        const name = named(base, i);
        for (const v of wrongValues) {
            const what = describe(v);
            const set = (field: string) => mutate(base, (d) => (d.deployment.resources[i][field] = v));
            add(`${at} ${what}`, mutate(base, (d) => (d.deployment.resources[i] = v)), {
                reject: isObject(v) ? `${at} has no valid 'urn'` : `${at} is not an object`,
            });
            add(`${at}.urn ${what}`, set("urn"), { reject: `${at} has no valid 'urn'` });
            add(`${at}.type ${what}`, set("type"), typeof v === "string" && v !== "" ? { report: "any" } : { reject: `${name} has no 'type'` });
            for (const field of ["inputs", "outputs"]) {
                add(
                    `${at}.${field} ${what}`,
                    set(field),
                    v === null || isObject(v) ? { report: "any" } : { reject: `${name} has '${field}' that is not an object` },
                );
            }
            add(
                `${at}.propertyDependencies ${what}`,
                set("propertyDependencies"),
                v === null || (isObject(v) && Object.values(v as object).every((u) => u === null))
                    ? { report: "any" }
                    : isObject(v)
                      ? { reject: `${name} has 'propertyDependencies.${Object.keys(v as object)[0]}' that is not a list of URNs` }
                      : { reject: `${name} has 'propertyDependencies' that is not an object` },
            );
            for (const field of ["parent", "provider", "sourcePosition"]) {
                add(`${at}.${field} ${what}`, set(field), v === null || typeof v === "string" ? { report: "any" } : { reject: `${name} has '${field}' that is not a string` });
            }
            add(
                `${at}.created ${what}`,
                set("created"),
                v === null ? { report: "any" } : typeof v === "string" ? { reject: `${name} has 'created' that is not a timestamp` } : { reject: `${name} has 'created' that is not a string` },
            );
            // The resource marked for deletion shares its URN with a live one: live again, it is a duplicate.
            const duplicate = r.delete === true ? { reject: `${name} has the same URN as resource #${resources.findIndex((x) => x.urn === r.urn) + 1}; only one of them may be live (the other marked 'delete')` } : undefined;
            add(
                `${at}.delete ${what}`,
                set("delete"),
                typeof v !== "boolean" && v !== null
                    ? { reject: `${name} has 'delete' that is not true or false` }
                    : v === true
                      ? r.delete === true
                          ? { report: "same" }
                          : { report: "any" }
                      : (duplicate ?? { report: "same" }),
            );
            add(
                `${at}.dependencies ${what}`,
                set("dependencies"),
                v === null || (Array.isArray(v) && v.length === 0) ? { report: "any" } : { reject: `${name} has 'dependencies' that is not a list of URNs` },
            );
            for (const unread of ["custom", "id", "modified", "protect", "aliases", "additionalSecretOutputs"]) {
                add(`${at}.${unread} ${what}`, set(unread), { report: "same" });
            }
        }
        for (const prop of Object.keys(r.propertyDependencies ?? {}).slice(0, 1)) {
            for (const v of wrongValues.filter((w) => w !== null && !(Array.isArray(w) && w.every((u) => typeof u === "string")))) {
                add(`${at}.propertyDependencies.${prop} ${describe(v)}`, mutate(base, (d) => (d.deployment.resources[i].propertyDependencies[prop] = v)), {
                    reject: `${name} has 'propertyDependencies.${prop}' that is not a list of URNs`,
                });
            }
        }
    });
    return entries;
}

/** Values an input or output may hold that no program sets: every kind of odd, none of them structural. */
export const oddValues: unknown[] = [
    null,
    0,
    "",
    [],
    {},
    ...unknownSentinels,
    [unknownString, { x: unknownString }],
    { [sig]: secretSig },
    { [sig]: secretSig, plaintext: "{not json" },
    { [sig]: secretSig, plaintext: 7 },
    { [sig]: secretSig, ciphertext: 7 },
    { [sig]: secretSig, value: { [sig]: secretSig, plaintext: JSON.stringify(unknownString) } },
    { [sig]: "d0e6a833031e9bbcd3f4e8bde6ca49a4" },
    { [sig]: "d0e6a833031e9bbcd3f4e8bde6ca49a4", value: [1], secret: "yes" },
    { [sig]: "5cf8f73096256a8f31e491e813e4eb8e" },
    { [sig]: "5cf8f73096256a8f31e491e813e4eb8e", urn: 5, id: [] },
    { [sig]: "c44067f5952c0a294b673a41bacd8c17", path: 3 },
    { [sig]: "0def7320c3a5731c473e5ecbe6d01bc7", assets: "x" },
    { [sig]: 5, a: 1 },
    { [sig]: "00000000000000000000000000000000" },
    { __defaults: [], [unknownString]: unknownString, constructor: "x", ["__proto__"]: "y" },
];

/** Every top-level input and output of every resource (the provider's inputs too) given each odd value. */
export function oddValueEntries(base: Doc): Entry[] {
    const entries: Entry[] = [];
    base.deployment.resources.forEach((r: Doc, i: number) => {
        if (r.delete === true) {
            return;
        }
        for (const field of ["inputs", "outputs"]) {
            for (const key of Object.keys(r[field] ?? {})) {
                oddValues.forEach((v, n) => {
                    const doc = mutate(base, (d) => (d.deployment.resources[i][field][key] = structuredClone(v)));
                    entries.push({ name: `${named(base, i)} ${field}.${key} = odd value #${n + 1} ${describe(v)}`, text: exportText(doc), outcome: { report: "any" } });
                });
            }
        }
    });
    return entries;
}

const keyUrn = "urn:pulumi:prod::payments::aws:kms/key:Key::ledger-key";
const bucketUrn = "urn:pulumi:prod::payments::aws:s3/bucket:Bucket::ledger";
const nowhere = "urn:pulumi:prod::payments::aws:kms/key:Key::nowhere";

function indexOf(doc: Doc, urnEnd: string): number {
    return doc.deployment.resources.findIndex((r: Doc) => r.delete !== true && r.urn.endsWith(urnEnd));
}

/** Duplicate URNs, references to nothing, cyclic parents, unknowns where references go. */
export function referenceEntries(base: Doc): Entry[] {
    const key = indexOf(base, "::ledger-key");
    const bucket = indexOf(base, "::ledger");
    const listener = indexOf(base, "::api-https");
    const lambda = indexOf(base, "::ledger-export");
    const provider = indexOf(base, "::default_7_48_0");
    const entry = (name: string, change: (d: Doc) => void, outcome: Outcome): Entry => ({ name, text: exportText(mutate(base, change)), outcome });
    const resource = (d: Doc, i: number) => d.deployment.resources[i];
    return [
        entry("two live resources with one URN", (d) => (resource(d, lambda).urn = resource(d, listener).urn), {
            reject: `resource #${lambda + 1} (api-https) has the same URN as resource #${listener + 1}; only one of them may be live (the other marked 'delete')`,
        }),
        entry("a URN live twice, both times after one marked for deletion", (d) => d.deployment.resources.push(structuredClone(resource(d, key))), {
            reject: `resource #${base.deployment.resources.length + 1} (ledger-key) has the same URN as resource #${key + 1}; only one of them may be live (the other marked 'delete')`,
        }),
        entry("a URN held by two resources, both marked for deletion", (d) => d.deployment.resources.push({ ...structuredClone(resource(d, key)), delete: true }), { report: "same" }),
        entry("a dependency on a resource not in the export", (d) => resource(d, bucket).dependencies.push(nowhere), { report: "same" }),
        entry("a property dependency on a resource not in the export", (d) => (resource(d, bucket).propertyDependencies.tags = [nowhere]), { report: "same" }),
        entry("a parent not in the export", (d) => (resource(d, key).parent = nowhere), { report: "same" }),
        entry("a provider not in the export", (d) => (resource(d, listener).provider = `${nowhere}::p-1`), { report: "same" }),
        entry("a provider reference without an ID", (d) => (resource(d, listener).provider = resource(d, provider).urn), { report: "same" }),
        entry("a provider reference naming a resource that is no provider", (d) => (resource(d, listener).provider = `${keyUrn}::k-1`), { report: "same" }),
        entry("a provider reference that is an unknown", (d) => (resource(d, listener).provider = unknownString), { report: "same" }),
        entry("a parent that is an unknown", (d) => (resource(d, key).parent = unknownString), { report: "same" }),
        entry("dependencies that are unknowns", (d) => (resource(d, bucket).dependencies = [unknownString, unknownString]), { report: "same" }),
        entry("a property dependency that is an unknown", (d) => (resource(d, bucket).propertyDependencies = { [unknownString]: [unknownString] }), { report: "same" }),
        entry("a resource that is its own parent", (d) => (resource(d, key).parent = keyUrn), { report: "same" }),
        entry(
            "two resources each the other's parent",
            (d) => {
                resource(d, key).parent = bucketUrn;
                resource(d, bucket).parent = keyUrn;
            },
            { report: "same" },
        ),
        entry("a resource that depends on itself", (d) => resource(d, key).dependencies.push(keyUrn), { report: "same" }),
        entry(
            "two resources each depending on the other",
            (d) => {
                resource(d, key).dependencies.push(bucketUrn);
                resource(d, bucket).dependencies.push(keyUrn);
            },
            { report: "same" },
        ),
        entry("a resource whose type is an unknown", (d) => (resource(d, key).type = unknownString), { report: "any" }),
        entry("input keys that are unknowns", (d) => (resource(d, key).inputs[unknownString] = unknownString), { report: "same" }),
        entry("an unknown in a policy document", (d) => (resource(d, key).inputs.policy = resource(d, key).inputs.policy.replace("kms:Decrypt", unknownString)), { report: "any" }),
    ];
}

/** `n` arrays (or objects) nested in each other. */
export function nested(n: number, kind: "array" | "object"): string {
    return kind === "array" ? `${"[".repeat(n)}${"]".repeat(n)}` : `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
}

/** The export with the JSON text `raw` in place of one value, marked by a placeholder. */
export function withRaw(base: Doc, place: (d: Doc, marker: string) => void, raw: string): string {
    const marker = "@@raw-value@@";
    const doc = mutate(base, (d) => place(d, marker));
    return exportText(doc).replace(JSON.stringify(marker), raw);
}

/** Deep nesting, at the reader's bound and far beyond it, where values are read and where they are not. */
export function deepEntries(base: Doc, deep = 100000): Entry[] {
    const bucket = indexOf(base, "::ledger");
    const provider = indexOf(base, "::default_7_48_0");
    const listener = indexOf(base, "::api-https");
    const policy = indexOf(base, "::ledger-policy");
    const r = (d: Doc, i: number) => d.deployment.resources[i];
    const tooDeep = (i: number, field: string, key: string) => ({ reject: `${named(base, i)} has '${field}.${key}' nested more than ${maxDepth} levels deep` });
    return [
        { name: `the document: ${deep} nested arrays`, text: nested(deep, "array"), outcome: { reject: "not a stack export: expected a JSON object as written by `pulumi stack export`" } },
        {
            name: `${deep} nested arrays, cut short`,
            text: "[".repeat(deep),
            outcome: { reject: "not valid JSON: the text ends at line 1 before the JSON is complete (truncated?)" },
        },
        { name: `inputs: ${deep} nested arrays`, text: withRaw(base, (d, m) => (r(d, bucket).inputs.tags = m), nested(deep, "array")), outcome: tooDeep(bucket, "inputs", "tags") },
        { name: `outputs: ${deep} nested objects`, text: withRaw(base, (d, m) => (r(d, bucket).outputs.extra = m), nested(deep, "object")), outcome: tooDeep(bucket, "outputs", "extra") },
        {
            name: `provider inputs: ${deep} nested objects`,
            text: withRaw(base, (d, m) => (r(d, provider).inputs.assumeRole = m), nested(deep, "object")),
            outcome: tooDeep(provider, "inputs", "assumeRole"),
        },
        {
            name: `a secret's plaintext: ${deep} nested arrays`,
            text: exportText(mutate(base, (d) => (r(d, listener).inputs.sslPolicy = { [sig]: secretSig, plaintext: nested(deep, "array") }))),
            outcome: tooDeep(listener, "inputs", "sslPolicy"),
        },
        { name: `inputs: ${maxDepth - 1} nested arrays (the bound)`, text: withRaw(base, (d, m) => (r(d, bucket).inputs.tags = m), nested(maxDepth - 1, "array")), outcome: { report: "any" } },
        { name: `inputs: ${maxDepth} nested arrays (past the bound)`, text: withRaw(base, (d, m) => (r(d, bucket).inputs.tags = m), nested(maxDepth, "array")), outcome: tooDeep(bucket, "inputs", "tags") },
        {
            name: `every input of every resource: ${maxDepth - 1} nested objects`,
            text: (() => {
                let text = exportText(
                    mutate(base, (d) => {
                        for (const x of d.deployment.resources) {
                            for (const field of ["inputs", "outputs"]) {
                                for (const k of Object.keys(x[field] ?? {})) {
                                    x[field][k] = "@@deep@@";
                                }
                            }
                        }
                    }),
                );
                text = text.split(JSON.stringify("@@deep@@")).join(nested(maxDepth - 1, "object"));
                return text;
            })(),
            outcome: { report: "any" },
        },
        {
            name: `a policy document string: ${deep} nested arrays in a statement`,
            text: exportText(mutate(base, (d) => (r(d, policy).inputs.policy = `{"Version":"2012-10-17","Statement":${nested(deep, "array")}}`))),
            outcome: { report: "any" },
        },
        {
            name: `a policy document string: ${deep} nested objects in a condition`,
            text: exportText(
                mutate(
                    base,
                    (d) =>
                        (r(d, policy).inputs.policy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":${nested(deep, "object")}}]}`),
                ),
            ),
            outcome: { report: "any" },
        },
        { name: `the manifest: ${deep} nested arrays (not read)`, text: withRaw(base, (d, m) => (d.deployment.manifest = m), nested(deep, "array")), outcome: { report: "same" } },
        {
            name: `a pending operation's inputs: ${deep} nested arrays (not read)`,
            text: withRaw(base, (d, m) => (d.deployment.pending_operations[0].resource.inputs = { x: m }), nested(deep, "array")),
            outcome: { report: "same" },
        },
    ];
}

/** What truncating `text` after `length` characters must be answered with. */
export function truncationMessage(text: string, length: number): string {
    const prefix = text.slice(0, length);
    if (prefix.trim() === "") {
        return "the file is empty";
    }
    return `not valid JSON: the text ends at line ${prefix.split("\n").length} before the JSON is complete (truncated?)`;
}
