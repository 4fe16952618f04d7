// The preview's second pass, on stacks shaped as the preview and the plausible-outputs capture
// give them (test/cli/preview.test.ts runs it on a real program through the installed command):
// which evaluations it replaces, which it leaves, and what it says when it cannot run.
import { expect } from "chai";
import { policies } from "../../policy-pack/policies";
import { ResourceState } from "../../policy-pack/lib/runner";
import { AuditResult, audit } from "../../cli/audit/audit";
import { StackExport } from "../../cli/audit/exports";
import { decideWithPlausibleOutputs, isUndecided, plausibleOutputsPass } from "../../cli/preview/plausible-outputs";
import { dependsOn, resource, unknown } from "../lib/fixtures";

const bucketType = "aws:s3/bucket:Bucket";
const bucketPolicyType = "aws:s3/bucketPolicy:BucketPolicy";
const publicRead = (arn: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${arn}/*` }] });

/** A bucket and a BucketPolicy built from its ARN with apply: at preview the whole document is unknown. */
function stack(known: boolean, document: (arn: string) => string = publicRead): StackExport {
    const arn = "arn:aws:s3:::downloads";
    const bucket = resource(bucketType, "downloads", {}, { outputs: known ? { id: "downloads", bucket: "downloads", arn } : {} });
    const policy = resource(bucketPolicyType, "downloads-read", { bucket: known ? "downloads" : unknown.string, policy: known ? document(arn) : unknown.string }, {
        propertyDependencies: dependsOn({ bucket: [bucket], policy: [bucket] }),
    });
    return { source: "Pulumi.yaml", stack: "app/dev", resources: [bucket, policy] as ResourceState[], created: {}, sourcePositions: {}, lines: {}, pending: [], deleted: 0, secrets: [] };
}

const only = ["s3-bucket-policy-tls-only", "iam-no-wildcard-actions", "s3-bucket-no-website"];
const evaluate = (e: StackExport) => audit(policies, [e], { only });
const lines = (result: AuditResult) => result.violations.map((f) => `${f.policyName} ${f.name ?? "(stack)"} ${f.enforcementLevel} ${isUndecided(f) ? "undecided" : f.pass ?? "preview"}`).sort();

describe("the plausible-outputs pass of secure-baseline preview", () => {
    it("replaces the preview's undecided evaluations with what the policies find with plausible outputs", async () => {
        const preview = await evaluate(stack(false));
        expect(lines(preview)).to.deep.equal(["iam-no-wildcard-actions downloads-read advisory undecided", "s3-bucket-policy-tls-only (stack) advisory undecided"]);
        const decided = await decideWithPlausibleOutputs(preview, () => evaluate(stack(true)));
        // The stack check's advisory named no resource: its finding lands on the bucket; the document's actions pass.
        expect(lines(decided)).to.deep.equal(["s3-bucket-policy-tls-only downloads mandatory plausible-outputs"]);
        expect(decided.violations[0].pass).to.equal(plausibleOutputsPass);
        expect(decided.notes.map((n) => n.message)).to.deep.equal([
            "2 evaluations could not be decided at preview: the values they judge are computed from outputs that exist only after deployment. " +
                "The program was evaluated once more with plausible outputs (IDs, ARNs and names as AWS shapes them): " +
                '1 fails (findings marked "plausible-outputs"), 1 passes (iam-no-wildcard-actions on \'downloads-read\').',
        ]);
        expect(decided.evaluations).to.deep.equal(preview.evaluations);
    });

    it("does not run when the preview decided everything", async () => {
        const preview = await evaluate({ ...stack(true), resources: stack(true).resources });
        expect(preview.violations.filter(isUndecided)).to.deep.equal([]);
        let ran = false;
        const result = await decideWithPlausibleOutputs(preview, async () => {
            ran = true;
            return preview;
        });
        expect(ran).to.equal(false);
        expect(result).to.equal(preview);
    });

    it("keeps an advisory the second pass cannot decide either, and says so", async () => {
        const preview = await evaluate(stack(false));
        const stillUnknown = stack(true, () => unknown.string);
        const decided = await decideWithPlausibleOutputs(preview, () => evaluate(stillUnknown));
        expect(lines(decided)).to.deep.equal(lines(preview));
        expect(decided.notes.map((n) => n.message)[0]).to.match(/: 2 stay undecided\.$/);
    });

    it("keeps the preview's report, with a note, when the program fails with plausible outputs", async () => {
        const preview = await evaluate(stack(false));
        const decided = await decideWithPlausibleOutputs(preview, async () => {
            throw new Error("the program failed at index.ts:12: unexpected ARN 'arn:aws:s3:::downloads'\nstack");
        });
        expect(lines(decided)).to.deep.equal(lines(preview));
        expect(decided.notes.map((n) => n.message)).to.deep.equal([
            "The plausible-outputs pass, which would decide 2 evaluations undecided at preview, could not run: the program failed at index.ts:12: unexpected ARN 'arn:aws:s3:::downloads'",
        ]);
    });

    it("never repeats a finding the preview already made", async () => {
        // Two buckets: the preview fails one (no policy at all) and cannot decide the other.
        const other = resource(bucketType, "logs", { bucket: "logs" });
        const preview = await evaluate({ ...stack(false), resources: [...stack(false).resources, other] });
        expect(lines(preview)).to.include("s3-bucket-policy-tls-only logs mandatory preview");
        const decided = await decideWithPlausibleOutputs(preview, () => evaluate({ ...stack(true), resources: [...stack(true).resources, other] }));
        expect(lines(decided)).to.deep.equal(["s3-bucket-policy-tls-only downloads mandatory plausible-outputs", "s3-bucket-policy-tls-only logs mandatory preview"]);
    });
});
