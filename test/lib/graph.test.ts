import { expect } from "chai";
import { PolicyResource } from "@pulumi/policy";
import { StackGraph, Targets } from "../../policy-pack/lib/graph";
import { UNKNOWN } from "../../policy-pack/lib/values";
import { unknown, urn } from "./fixtures";

const account = "111122223333";
const otherKeyArn = "arn:aws:kms:us-east-1:444455556666:key/0987dcba-09fe-87dc-65ba-ab0987654321";

function graphOf(type: string, name: string, outputs: Record<string, unknown>): StackGraph {
    const resource = { urn: urn(type, name), type, name, props: outputs, dependencies: [], propertyDependencies: {} };
    return new StackGraph([resource as unknown as PolicyResource]);
}

function named(type: string, outputs: Record<string, unknown>, value: string): "in stack" | "unknown" | "not in stack" {
    const found: Targets = graphOf(type, "r", outputs).named(value, [type]);
    return found === UNKNOWN ? "unknown" : found.length > 0 ? "in stack" : "not in stack";
}

/** Every way of hiding some of `fields` (each subset made unknown). */
function hidings(outputs: Record<string, unknown>): Record<string, unknown>[] {
    const fields = Object.keys(outputs).filter((f) => outputs[f] !== unknown.string);
    return Array.from({ length: 1 << fields.length }, (_, mask) => ({ ...outputs, ...Object.fromEntries(fields.filter((_, i) => mask & (1 << i)).map((f) => [f, unknown.string])) }));
}

describe("resource graph: references by value (lib/graph)", () => {
    const externalKey = "aws:kms/externalKey:ExternalKey";
    const securityGroup = "aws:ec2/securityGroup:SecurityGroup";
    const queue = "aws:sqs/queue:Queue";

    describe("named", () => {
        const table: { name: string; type: string; outputs: Record<string, unknown>; value: string; expect: ReturnType<typeof named> }[] = [
            // The ARN of a key embeds its id: another account's key ARN is not the key, whether a
            // short name the ARN happens to contain is known or not.
            { name: "key with unknown ARN, known id and a short name", type: externalKey, outputs: { id: "mrk-5678efgh", arn: unknown.string, name: "a" }, value: otherKeyArn, expect: "not in stack" },
            { name: "key with unknown ARN and name, known id", type: externalKey, outputs: { id: "mrk-5678efgh", arn: unknown.string, name: unknown.string }, value: otherKeyArn, expect: "not in stack" },
            { name: "key with unknown ARN, an ARN embedding its id", type: externalKey, outputs: { id: "0987dcba-09fe-87dc-65ba-ab0987654321", arn: unknown.string }, value: otherKeyArn, expect: "unknown" },
            { name: "key with unknown ARN, a key id", type: externalKey, outputs: { id: "mrk-5678efgh", arn: unknown.string }, value: "0987dcba-09fe-87dc-65ba-ab0987654321", expect: "not in stack" },
            { name: "key with unknown id, a key id its ARN embeds", type: externalKey, outputs: { id: unknown.string, arn: `arn:aws:kms:us-east-1:${account}:key/k1` }, value: "k1", expect: "unknown" },
            { name: "key with unknown id, a key id its ARN does not embed", type: externalKey, outputs: { id: unknown.string, arn: `arn:aws:kms:us-east-1:${account}:key/k1` }, value: "k2", expect: "not in stack" },
            { name: "key with every identity unknown", type: externalKey, outputs: { id: unknown.string, arn: unknown.string }, value: "k2", expect: "unknown" },
            // A security group's ARN embeds its id, not its name; its name may be anything.
            { name: "security group with unknown ARN, its ARN", type: securityGroup, outputs: { id: "sg-1", name: "web", arn: unknown.string }, value: `arn:aws:ec2:us-east-1:${account}:security-group/sg-1`, expect: "unknown" },
            { name: "security group with unknown ARN, another group's id", type: securityGroup, outputs: { id: "sg-1", name: "web", arn: unknown.string }, value: "sg-2", expect: "not in stack" },
            { name: "security group with unknown name, a name", type: securityGroup, outputs: { id: "sg-1", name: unknown.string, arn: `arn:aws:ec2:us-east-1:${account}:security-group/sg-1` }, value: "db", expect: "unknown" },
            // A queue's id is its URL, which its ARN does not embed.
            {
                name: "queue with unknown ARN, its ARN",
                type: queue,
                outputs: { id: `https://sqs.us-east-1.amazonaws.com/${account}/jobs`, name: "jobs", arn: unknown.string },
                value: `arn:aws:sqs:us-east-1:${account}:jobs`,
                expect: "unknown",
            },
            {
                name: "queue with unknown ARN, another queue's ARN",
                type: queue,
                outputs: { id: `https://sqs.us-east-1.amazonaws.com/${account}/jobs`, name: "jobs", arn: unknown.string },
                value: `arn:aws:sqs:us-east-1:${account}:mail`,
                expect: "not in stack",
            },
        ];
        for (const c of table) {
            it(c.name, () => {
                expect(named(c.type, c.outputs, c.value)).to.equal(c.expect);
            });
        }
    });

    // Hiding identities only ever makes a reference less certain: whatever a value names with
    // some identities known, it is in the stack or unknown with any of them hidden too.
    describe("named with identities hidden", () => {
        const resources: { type: string; outputs: Record<string, unknown>; values: string[] }[] = [
            {
                type: externalKey,
                outputs: { id: "k1", arn: `arn:aws:kms:us-east-1:${account}:key/k1`, name: "a" },
                values: ["k1", `arn:aws:kms:us-east-1:${account}:key/k1`, "a", otherKeyArn, "k2"],
            },
            {
                type: "aws:kms/alias:Alias",
                outputs: { id: "alias/data", name: "alias/data", arn: `arn:aws:kms:us-east-1:${account}:alias/data`, targetKeyId: "k1", targetKeyArn: `arn:aws:kms:us-east-1:${account}:key/k1` },
                values: ["alias/data", `arn:aws:kms:us-east-1:${account}:alias/data`, "k1", `arn:aws:kms:us-east-1:${account}:key/k1`, otherKeyArn],
            },
            {
                type: securityGroup,
                outputs: { id: "sg-1", name: "web", arn: `arn:aws:ec2:us-east-1:${account}:security-group/sg-1` },
                values: ["sg-1", "web", `arn:aws:ec2:us-east-1:${account}:security-group/sg-1`, "sg-2"],
            },
            {
                type: queue,
                outputs: { id: `https://sqs.us-east-1.amazonaws.com/${account}/jobs`, name: "jobs", arn: `arn:aws:sqs:us-east-1:${account}:jobs` },
                values: [`https://sqs.us-east-1.amazonaws.com/${account}/jobs`, "jobs", `arn:aws:sqs:us-east-1:${account}:jobs`, `arn:aws:sqs:us-east-1:${account}:mail`],
            },
        ];
        for (const r of resources) {
            it(`${r.type}: no hiding turns a possible match into none`, () => {
                const variants = hidings(r.outputs);
                const regressions: string[] = [];
                for (const value of r.values) {
                    for (const before of variants) {
                        for (const after of variants) {
                            const hidesMore = Object.keys(r.outputs).every((f) => before[f] !== unknown.string || after[f] === unknown.string);
                            if (hidesMore && named(r.type, before, value) !== "not in stack" && named(r.type, after, value) === "not in stack") {
                                regressions.push(`${value}: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
                            }
                        }
                    }
                }
                expect(regressions).to.deep.equal([]);
            });
        }
    });
});
