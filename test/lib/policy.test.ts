// definePolicy's stack-only policies without a resource side: nothing calls them at Analyze, and
// their stack check finds the inputs other policies recorded there, or else the outputs, as in
// the real server (the differential test replays every case table through it).
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { analyzing } from "../../policy-pack/lib/analyze-call";
import { definePolicy, notApplicableSentence, resourceSide } from "../../policy-pack/lib/policy";
import { recordsInputsAtAnalyze, runPolicies } from "../../policy-pack/lib/runner";
import { sdkPolicy } from "../../policy-pack/lib/sdk";
import { resource } from "./fixtures";

const volumeType = "aws:ebs/volume:Volume";
const queueType = "aws:sqs/queue:Queue";

/** Reports, on each resource, whether its stack check saw declared inputs or outputs. */
const probe = definePolicy({
    name: "probe-without-resource-side",
    description: "Says what its stack check sees.",
    rationale: "Test only.",
    domain: "encryption-at-rest",
    severity: "low",
    remediationSteps: "None.",
    messages: { declared: "'{{name}}' declared {{value}}", outputs: "'{{name}}' outputs {{value}}" },
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        for (const node of stack.resources) {
            ctx.report(node.declared ? "declared" : "outputs", { name: node.name, value: String(node.inputs.encrypted) }, node.urn);
        }
    },
});

function resourceCheck(name: string, resourceTypes: string[]) {
    return definePolicy({
        name,
        description: "Passes everything.",
        rationale: "Test only.",
        domain: "encryption-at-rest",
        severity: "low",
        remediationSteps: "None.",
        messages: {},
        resourceTypes,
        checkResource() {},
    });
}

/** Called for every resource (two types): records every resource's inputs. */
const everyResource = resourceCheck("every-resource", [volumeType, queueType]);
/** Marked with its one type: the server calls it for volumes only. */
const volumesOnly = resourceCheck("volumes-only", [volumeType]);

// Inputs and outputs differ, as after an update that the program is about to change.
const volume = resource(volumeType, "data", { encrypted: true }, { outputs: { encrypted: false } });
const queue = resource(queueType, "jobs", { encrypted: true }, { outputs: { encrypted: false } });

async function seen(policies: ReturnType<typeof definePolicy>[]) {
    const result = await runPolicies(policies, [volume, queue]);
    return {
        messages: result.diagnostics.filter((d) => d.policyName === probe.name).map((d) => `${d.messageId}: ${d.message.split("\n")[1]}`),
        analyzed: result.applied.filter((a) => a.policyName === probe.name && a.urn !== undefined).length,
    };
}

describe("definePolicy withoutResourceSide", () => {
    it("makes a stack policy the SDK does not count as a resource policy", () => {
        expect(sdkPolicy.isResourcePolicy(probe)).to.equal(false);
        expect(sdkPolicy.isStackPolicy(probe)).to.equal(true);
        expect({ kind: probe.kind, hasResourceSide: probe.hasResourceSide }).to.deep.equal({ kind: "stack", hasResourceSide: false });
        expect(resourceSide(probe, volumeType)).to.deep.equal({ none: true });
        expect(everyResource.hasResourceSide).to.equal(true);
    });

    it("is refused for a policy with a resource check", () => {
        expect(() =>
            definePolicy({
                name: "both",
                description: "d",
                rationale: "r",
                domain: "iam",
                severity: "low",
                remediationSteps: "s",
                messages: {},
                checkResource() {},
                checkStack() {},
                withoutResourceSide: true,
            }),
        ).to.throw("policy both: withoutResourceSide is for a policy with a stack check and no resource check");
    });

    it("sees outputs when no policy is called at Analyze, and is not evaluated there", async () => {
        expect(await seen([probe])).to.deep.equal({ messages: ["outputs: 'data' outputs false", "outputs: 'jobs' outputs false"], analyzed: 0 });
    });

    it("sees the inputs a policy called for every resource recorded", async () => {
        expect((await seen([probe, everyResource])).messages).to.deep.equal(["declared: 'data' declared true", "declared: 'jobs' declared true"]);
    });

    it("sees inputs only for the type a single-type policy is called for", async () => {
        expect((await seen([probe, volumesOnly])).messages).to.deep.equal(["declared: 'data' declared true", "outputs: 'jobs' outputs false"]);
    });

    it("tells, per type, whether the server's Analyze records inputs under a configuration", () => {
        const answers = (policies: ReturnType<typeof definePolicy>[], config = {}) => {
            const records = recordsInputsAtAnalyze(policies, config);
            return [volumeType, queueType].map(records);
        };
        expect(answers([probe])).to.deep.equal([false, false]);
        expect(answers([probe, everyResource])).to.deep.equal([true, true]);
        expect(answers([probe, volumesOnly])).to.deep.equal([true, false]);
        expect(answers([probe, everyResource], { "every-resource": "disabled" })).to.deep.equal([false, false]);
    });

    it("sees outputs when the policies that would record the inputs are disabled", async () => {
        const result = await runPolicies([probe, everyResource], [volume, queue], { config: { "every-resource": "disabled" } });
        expect(result.diagnostics.map((d) => d.messageId)).to.deep.equal(["outputs", "outputs"]);
    });
});

describe("definePolicy stackType", () => {
    let called = 0;
    const queuesOnly = definePolicy({
        name: "queues-only",
        description: "Counts its calls.",
        rationale: "Test only.",
        domain: "encryption-at-rest",
        severity: "low",
        remediationSteps: "None.",
        messages: {},
        withoutResourceSide: true,
        stackType: queueType,
        checkStack() {
            called++;
        },
    });

    it("marks the stack check with its type, for the server", () => {
        expect(sdkPolicy.getPulumiType((queuesOnly as unknown as { validateStack: unknown }).validateStack)).to.equal(queueType);
    });

    it("is answered not applicable, without a call, when the stack has no resource of the type", async () => {
        called = 0;
        const result = await runPolicies([queuesOnly], [volume]);
        expect({ called, evaluations: result.evaluations, notApplicable: result.notApplicable }).to.deep.equal({
            called: 0,
            evaluations: 0,
            notApplicable: [{ policyName: "queues-only", reason: `Policy only applies to resources of type '${queueType}'` }],
        });
        await runPolicies([queuesOnly], [volume, queue]);
        expect(called).to.equal(1);
    });
});

describe("definePolicy, a resource check of several types", () => {
    const volumesAndQueues = definePolicy({
        name: "volumes-and-queues",
        description: "Judges nothing.",
        rationale: "Test only.",
        domain: "encryption-at-rest",
        severity: "low",
        remediationSteps: "None.",
        messages: {},
        resourceTypes: [volumeType, queueType],
        checkResource() {},
    });
    const markOf = () => sdkPolicy.getPulumiType((volumesAndQueues as unknown as { validateResource: unknown }).validateResource);

    it("has no type mark outside Analyze: the runner and the audit call it", () => {
        expect(markOf()).to.equal(undefined);
    });

    it("is marked, during an Analyze call, with the resource's type when it checks that type", () => {
        const done = analyzing(queueType);
        try {
            expect(markOf()).to.equal(queueType);
        } finally {
            done();
        }
        expect(markOf()).to.equal(undefined);
    });

    it("is marked, for another type, so that the server's own answer gives the policy's reason", () => {
        const done = analyzing("aws:s3/bucket:Bucket");
        try {
            // The server's words for a marked check of another type (@pulumi/policy, server.js).
            const serverReason = `Policy only applies to resources of type '${markOf()}'`;
            expect(serverReason).to.equal(`Policy only applies to resources of type '${volumeType}' or '${queueType}'`);
            expect(resourceSide(volumesAndQueues, "aws:s3/bucket:Bucket")).to.deep.equal({ notApplicable: serverReason });
        } finally {
            done();
        }
    });

    it("has no mark while two calls overlap, and the remaining call's mark after one ends", () => {
        const first = analyzing(queueType);
        const second = analyzing("aws:s3/bucket:Bucket");
        expect(markOf()).to.equal(undefined);
        second();
        expect(markOf()).to.equal(queueType);
        first();
        expect(markOf()).to.equal(undefined);
    });
});

describe("not-applicable reasons", () => {
    const repoRoot = path.resolve(__dirname, "..", "..", "..");

    /** Every .ts file of the pack, with its path relative to the repository. */
    const sources = (dir: string): string[] =>
        fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));

    it("read as sentences as the reports print them: every reason a policy of the pack passes to notApplicable, and the SDK's own", () => {
        const reasons: string[] = ["Policy only applies to resources of type 'aws:sqs/queue:Queue'"];
        for (const file of sources("policy-pack").filter((f) => !f.endsWith(path.join("lib", "policy.ts")))) {
            const text = fs.readFileSync(path.join(repoRoot, file), "utf8");
            const calls = text.split(/\bnotApplicable\(/).length - 1;
            // Each reason is written out, as a string or a template, so that it can be read here.
            const literals = [...text.matchAll(/\bnotApplicable\(\s*(["`])((?:\\.|(?!\1)[\s\S])*)\1\s*,?\s*\)/g)].map((m) => m[2]);
            expect(literals.length, `${file}: a notApplicable reason that is not written out`).to.equal(calls);
            // An interpolated value stands for what the policy puts there: it may start with anything.
            reasons.push(...literals.map((r) => r.replace(/\$\{[^}]*\}/g, "'value'")));
        }
        expect(reasons.length).to.be.greaterThan(40);
        for (const reason of reasons) {
            expect(notApplicableSentence(reason), reason).to.match(/^[A-Z][\s\S]*[^.!?\s][.!?]$/);
        }
    });

    it("are made sentences once: a capital letter at the start, one full stop at the end", () => {
        expect(notApplicableSentence("the stack has no S3 buckets")).to.equal("The stack has no S3 buckets.");
        expect(notApplicableSentence("Policy only applies to resources of type 'aws:s3/bucket:Bucket'")).to.equal("Policy only applies to resources of type 'aws:s3/bucket:Bucket'.");
        expect(notApplicableSentence("AWS rotates only symmetric encryption keys; this key is RSA_2048.")).to.equal("AWS rotates only symmetric encryption keys; this key is RSA_2048.");
    });
});
