// Answers to data-source invokes when a program runs offline. The common ones get plausible
// values; IAM policy documents are rendered locally into real JSON, so that the policies judge
// what the program actually asks for. Anything else is answered with no outputs and recorded, so
// the report can say which invokes were not modelled.
import { mockAccountId } from "./mocks";

export interface InvokeArgs {
    token: string;
    inputs: Record<string, any>;
}

/** The invokes answered here; any other is unknown to the program (see capture-child.ts). */
export const modelledInvokes: ReadonlySet<string> = new Set([
    "aws:index/getCallerIdentity:getCallerIdentity",
    "aws:index/getRegion:getRegion",
    "aws:index/getPartition:getPartition",
    "aws:index/getAvailabilityZones:getAvailabilityZones",
    "aws:iam/getPolicyDocument:getPolicyDocument",
]);

export function answerInvoke(args: InvokeArgs, region: string): Record<string, unknown> | undefined {
    switch (args.token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: mockAccountId, arn: `arn:aws:iam::${mockAccountId}:user/offline-check`, userId: "AIDAOFFLINECHECK", id: mockAccountId };
        case "aws:index/getRegion:getRegion":
            return { name: region, region, id: region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
        case "aws:index/getPartition:getPartition":
            return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
        case "aws:index/getAvailabilityZones:getAvailabilityZones":
            return { names: ["a", "b", "c"].map((z) => `${region}${z}`), zoneIds: ["1", "2", "3"].map((z) => `use1-az${z}`), id: region };
        case "aws:iam/getPolicyDocument:getPolicyDocument": {
            const json = JSON.stringify(renderPolicyDocument(args.inputs), null, 2);
            return { json, minifiedJson: JSON.stringify(JSON.parse(json)), id: String(json.length) };
        }
        default:
            return undefined;
    }
}

/** Renders getPolicyDocument's arguments as the AWS provider does: one value as a string, several as a list. */
export function renderPolicyDocument(inputs: Record<string, any>): Record<string, unknown> {
    const one = (values: unknown) => (Array.isArray(values) && values.length === 1 ? values[0] : values);
    const principals = (list: any[] | undefined) => {
        if (!Array.isArray(list) || list.length === 0) {
            return undefined;
        }
        if (list.length === 1 && list[0].type === "*") {
            return "*";
        }
        const byType: Record<string, string[]> = {};
        for (const p of list) {
            byType[p.type] = [...(byType[p.type] ?? []), ...(p.identifiers ?? [])];
        }
        return Object.fromEntries(Object.entries(byType).map(([k, v]) => [k, one(v)]));
    };
    const statements = (inputs.statements ?? []).map((s: any) => {
        const statement: Record<string, unknown> = {};
        if (s.sid) statement.Sid = s.sid;
        statement.Effect = s.effect ?? "Allow";
        if (s.actions?.length) statement.Action = one(s.actions);
        if (s.notActions?.length) statement.NotAction = one(s.notActions);
        if (s.resources?.length) statement.Resource = one(s.resources);
        if (s.notResources?.length) statement.NotResource = one(s.notResources);
        const p = principals(s.principals);
        if (p) statement.Principal = p;
        const np = principals(s.notPrincipals);
        if (np) statement.NotPrincipal = np;
        if (s.conditions?.length) {
            const condition: Record<string, Record<string, unknown>> = {};
            for (const c of s.conditions) {
                condition[c.test] = { ...(condition[c.test] ?? {}), [c.variable]: one(c.values) };
            }
            statement.Condition = condition;
        }
        return statement;
    });
    return { Version: inputs.version ?? "2012-10-17", ...(inputs.policyId ? { Id: inputs.policyId } : {}), Statement: statements };
}
