// What the database policies need to know about parameter groups: which group a DB instance or
// cluster uses (an in-stack group, one outside the stack, or the engine's default group) and
// what a group sets a parameter to. RDS and Redshift enforce TLS through a parameter of the
// group, never through a property of the instance or cluster itself.
import { Node, StackGraph } from "./graph";
import { UNKNOWN, Verdict, at, isUnknown, list, str } from "./values";

export type Attachment =
    /** No group named, or one of the `default.` groups AWS creates, which cannot be changed. */
    | { kind: "default"; groupName?: string }
    /** A group that is not in the stack, listed in the policy's configuration as enforcing TLS. */
    | { kind: "allowed"; groupName: string }
    /** A group that is not in the stack and not listed: what it sets cannot be seen. */
    | { kind: "external"; groupName: string }
    | { kind: "inStack"; groups: Node[] }
    | { kind: "unknown" };

/**
 * The parameter group that `node`'s input `prop` names: joined through propertyDependencies, then
 * by name; a name no in-stack group has is the default group (`default.…`), a group listed in
 * `allowed`, or an external one.
 */
export function attachedGroup(graph: StackGraph, node: Node, prop: string, groupTypes: string[], allowed: string[]): Attachment {
    const targets = graph.targets(node, prop, groupTypes);
    if (targets === UNKNOWN) {
        return { kind: "unknown" };
    }
    if (targets.length > 0) {
        return { kind: "inStack", groups: targets };
    }
    const name = str(node.inputs[prop]);
    if (name === UNKNOWN) {
        return { kind: "unknown" };
    }
    if (name === undefined || name.trim() === "") {
        return { kind: "default" };
    }
    if (name.toLowerCase().startsWith("default.")) {
        return { kind: "default", groupName: name };
    }
    return allowed.includes(name) ? { kind: "allowed", groupName: name } : { kind: "external", groupName: name };
}

/**
 * Whether a parameter group's declared `parameters` set `parameter` to a value `accepts` takes.
 * Parameter names are matched without regard to case, as the APIs do; a group that does not list
 * the parameter keeps the engine's default, `engineDefault` (judged like a set value), or one
 * `accepts` does not take when that is not given.
 */
export function groupSets(group: Node, parameter: string, accepts: (value: string) => boolean, engineDefault?: string): Verdict {
    const parameters = list(group.inputs.parameters);
    if (parameters === UNKNOWN) {
        return "unknown";
    }
    let unknown = false;
    let verdict: Verdict | undefined;
    for (const p of parameters) {
        const name = str(at(p, "name"));
        if (name === UNKNOWN || isUnknown(p)) {
            unknown = true;
            continue;
        }
        if (typeof name !== "string" || name.toLowerCase() !== parameter.toLowerCase()) {
            continue;
        }
        const raw = at(p, "value");
        const value = typeof raw === "number" || typeof raw === "boolean" ? String(raw) : str(raw);
        // The API keeps the last value given for a name.
        verdict = value === UNKNOWN ? "unknown" : typeof value === "string" && accepts(value.trim()) ? "pass" : "fail";
    }
    if (verdict !== undefined) {
        return verdict === "fail" && unknown ? "unknown" : verdict;
    }
    if (engineDefault !== undefined && accepts(engineDefault)) {
        return unknown ? "unknown" : "pass";
    }
    return unknown ? "unknown" : "fail";
}

/** A group's name as messages show it: its declared name, or its resource name while that is generated. */
export function groupLabel(group: Node): string {
    const name = str(group.inputs.name) ?? str(group.outputs.name);
    return typeof name === "string" && name !== "" ? `'${name}' (resource '${group.name}')` : `'${group.name}'`;
}
