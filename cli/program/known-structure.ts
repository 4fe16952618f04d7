// At preview the SDK makes a value unknown as a whole as soon as any part of it is: a policy
// document built with `pulumi.jsonStringify({...})` or `pulumi.output({...})`, a JSON template
// written with `pulumi.interpolate`, or `aws.iam.getPolicyDocumentOutput` given a bucket's ARN
// reaches the policies as one unknown value, although the program wrote every statement but that
// ARN. Offline, these four builders keep what the program wrote: each unknown part becomes the
// engine's unknown marker inside the text, which the policies read as unknown (value by value),
// so a statement that allows `logs:*` on `*` is judged while the statement naming the ARN waits.
// A value unknown as a whole, or a template that does not render to a JSON object, stays unknown.
import * as path from "path";
import { renderPolicyDocument } from "./invokes";

const policyDocumentToken = "aws:iam/getPolicyDocument:getPolicyDocument";

/** Replaces the program's SDK functions (call before the program loads; preview only). */
export function keepKnownStructure(pulumiRoot: string): void {
    const index = require(pulumiRoot);
    const outputModule = require(path.join(pulumiRoot, "output"));
    const sentinel: string = require(path.join(pulumiRoot, "runtime", "rpc")).unknownValue;
    const { output, isUnknown, containsUnknowns } = outputModule;
    // An SDK without these (older than the program's typical one) keeps its own behaviour.
    if (![output, isUnknown, containsUnknowns, outputModule.jsonStringify, outputModule.interpolate, index.runtime?.invokeOutput].every((f) => typeof f === "function")) {
        return;
    }

    /** The value with each unknown part (the SDK marks them with its Unknown value) replaced by the engine's marker. */
    const marked = (value: unknown): unknown => {
        if (isUnknown(value)) {
            return sentinel;
        }
        if (Array.isArray(value)) {
            return value.map(marked);
        }
        if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
            return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, marked(v)]));
        }
        return value;
    };
    // `apply(f, true)` is the SDK's own way to run a callback on a value with unknown parts (its
    // lifted property accesses use it); returning the original's Output keeps a value unknown.
    const withUnknowns = (input: unknown, render: (value: unknown) => unknown, original: () => unknown) =>
        output(input).apply((value: unknown) => {
            if (isUnknown(value) || !containsUnknowns(value)) {
                return original();
            }
            return render(value) ?? original();
        }, true);

    const jsonStringify = outputModule.jsonStringify;
    const structuredStringify = (obj: unknown, replacer?: any, space?: string | number) =>
        withUnknowns(
            obj,
            (value) => (value !== null && typeof value === "object" ? JSON.stringify(marked(value), replacer, space) : undefined),
            () => jsonStringify(obj, replacer, space),
        );

    const interpolate = outputModule.interpolate;
    const structuredInterpolate = (literals: TemplateStringsArray, ...placeholders: unknown[]) =>
        withUnknowns(
            placeholders,
            (values) => {
                const parts = values as unknown[];
                const text = literals.reduce((result, literal, i) => result + literal + (i < parts.length ? String(isUnknown(parts[i]) ? sentinel : parts[i]) : ""), "");
                return rendersJsonObject(text) ? text : undefined;
            },
            () => interpolate(literals, ...placeholders),
        );

    // A document written as an object and passed through `pulumi.output(...)`, then given to the
    // resource as it is or through `.apply(JSON.stringify)`: the Output holds the document with
    // its unknown parts marked, so the apply runs and the resource gets the document either way.
    // Only policy documents (an object with a Statement) are kept so: any other value stays as the
    // SDK makes it, for callbacks that are not written for the engine's markers.
    const structuredOutput = (value: unknown) => (isPolicyDocument(value) ? withUnknowns(value, marked, () => output(value)) : output(value));

    for (const target of [outputModule, index]) {
        target.jsonStringify = structuredStringify;
        target.interpolate = structuredInterpolate;
        target.output = structuredOutput;
    }

    const runtime = index.runtime;
    const invokeOutput = runtime.invokeOutput;
    runtime.invokeOutput = (token: string, props: Record<string, unknown>, ...rest: unknown[]) => {
        if (token !== policyDocumentToken) {
            return invokeOutput(token, props, ...rest);
        }
        return withUnknowns(
            props,
            (value) => renderPartlyKnownPolicyDocument(marked(value) as Record<string, any>, sentinel),
            () => invokeOutput(token, props, ...rest),
        ).apply((json: unknown) => (typeof json === "string" ? { json, minifiedJson: JSON.stringify(JSON.parse(json)), id: String(json.length) } : json));
    };
}

/**
 * getPolicyDocument's arguments with unknown parts (each the engine's unknown marker, `sentinel`)
 * rendered as the AWS provider would render them, or undefined when their structure is not known:
 * merged documents are not rendered offline, nor an unknown statement, nor a condition whose
 * operator or key is unknown.
 */
export function renderPartlyKnownPolicyDocument(inputs: Record<string, any>, sentinel: string): string | undefined {
    if (["sourceJson", "overrideJson", "sourcePolicyDocuments", "overridePolicyDocuments"].some((k) => inputs[k] !== undefined && inputs[k] !== null)) {
        return undefined;
    }
    if (!Array.isArray(inputs.statements ?? []) || (inputs.statements ?? []).some((s: any) => s === sentinel || !Array.isArray(s?.conditions ?? []) || (s.conditions ?? []).some((c: any) => c === sentinel || c?.test === sentinel || c?.variable === sentinel))) {
        return undefined;
    }
    return JSON.stringify(renderPolicyDocument(inputs), null, 2);
}

function isPolicyDocument(value: unknown): boolean {
    return value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype && "Statement" in value;
}

function rendersJsonObject(text: string): boolean {
    if (!text.trimStart().startsWith("{")) {
        return false;
    }
    try {
        JSON.parse(text);
        return true;
    } catch {
        return false;
    }
}
