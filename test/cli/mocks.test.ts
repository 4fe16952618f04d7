// The outputs the offline run invents for an update (and for the preview's plausible-outputs pass):
// names as a deployment would give them, so a policy that matches a name against a pattern meets
// what it would meet after deployment.
import { expect } from "chai";
import { computedOutputs } from "../../cli/program/mocks";

const bucket = (inputs: Record<string, unknown>) => computedOutputs({ type: "aws:s3/bucket:Bucket", name: "logs", inputs }, "us-east-1");

describe("offline outputs of an update", () => {
    it("a resource named by the program keeps its name", () => {
        expect(bucket({ bucket: "acme-logs" })).to.deep.include({ id: "acme-logs" });
        expect(bucket({ bucket: "acme-logs" }).outputs).to.deep.include({ bucket: "acme-logs", arn: "arn:aws:s3:::acme-logs" });
    });

    it("an auto-named resource gets its logical name and a suffix of seven hex digits, the same every run", () => {
        const { id, outputs } = bucket({});
        expect(id).to.match(/^logs-[0-9a-f]{7}$/);
        expect(outputs.arn).to.equal(`arn:aws:s3:::${id}`);
        expect(bucket({}).id).to.equal(id);
        const role = computedOutputs({ type: "aws:iam/role:Role", name: "app", inputs: {} }, "us-east-1");
        expect(role.outputs.arn).to.match(/^arn:aws:iam::123456789012:role\/app-[0-9a-f]{7}$/);
    });

    it("a name prefix is kept and completed", () => {
        expect(bucket({ bucketPrefix: "audit-" }).id).to.match(/^audit-[0-9a-f]{7}$/);
        expect(computedOutputs({ type: "aws:iam/role:Role", name: "app", inputs: { namePrefix: "ci-" } }, "us-east-1").id).to.match(/^ci-[0-9a-f]{7}$/);
    });
});
