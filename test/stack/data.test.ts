// The data tier of the reference stack as it registers its resources: the bucket is encrypted
// with SSE-KMS under the stack's own key (bucket key on, SSE-C blocked), private, owner-enforced,
// versioned, and its policy refuses plain HTTP and non-KMS upload headers; the function's log
// group is encrypted with the same key; the key rotates, is slow to delete, and its policy
// separates administration from use.
import { expect } from "chai";
import { ResourceState } from "../../policy-pack/lib/runner";
import { coversAction, parseDocument } from "../../policy-pack/lib/iam-document";
import { decide } from "./evaluate";
import { account, ofType, one, output, prefix, referenceStack, region } from "./reference";

const bucketName = `${prefix}-data-${account}`;
const bucketArn = `arn:aws:s3:::${bucketName}`;
const appRoleArn = `arn:aws:iam::${account}:role/${prefix}-app`;
const adminArn = `arn:aws:iam::${account}:role/platform-admin`;
const logGroupArn = `arn:aws:logs:${region}:${account}:log-group:/aws/lambda/${prefix}-api`;

describe("reference stack: data at rest", function () {
    this.timeout(60000);
    let stack: ResourceState[];
    let bucket: ResourceState;
    let key: ResourceState;

    before(async () => {
        stack = await referenceStack();
        bucket = one(stack, "aws:s3/bucket:Bucket", "data");
        key = one(stack, "aws:kms/key:Key", "data-key");
    });

    /** The one resource of a type that configures the data bucket (by its name, as the provider takes it). */
    function setting(type: string): ResourceState {
        const all = ofType(stack, type);
        expect(all.map((r) => r.inputs.bucket), type).to.deep.equal([bucketName]);
        return all[0];
    }

    it("names the bucket from known values and keeps no setting inline", () => {
        expect(bucket.inputs).to.deep.equal({ bucket: bucketName, forceDestroy: false });
        expect(output(bucket, "arn")).to.equal(bucketArn);
    });

    it("encrypts by default with SSE-KMS under the stack's own key, with a bucket key, and blocks SSE-C", () => {
        const encryption = setting("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
        expect(encryption.inputs.rules).to.deep.equal([
            {
                applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: output(key, "arn") },
                bucketKeyEnabled: true,
                blockedEncryptionTypes: ["SSE-C"],
            },
        ]);
        // The engine knows the key comes from the stack's key even before its ARN exists.
        expect(encryption.propertyDependencies?.rules).to.deep.equal([key.urn]);
        expect(encryption.propertyDependencies?.bucket).to.deep.equal([bucket.urn]);
    });

    it("blocks every kind of public access", () => {
        const block = setting("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
        expect(block.inputs).to.include({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    });

    it("enforces bucket-owner object ownership (ACLs off) and keeps versions", () => {
        expect(setting("aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule).to.deep.equal({ objectOwnership: "BucketOwnerEnforced" });
        expect(setting("aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration).to.deep.equal({ status: "Enabled" });
    });

    it("has no website configuration and no objects written with other encryption", () => {
        expect(stack.filter((r) => /^aws:s3\/(bucketWebsiteConfiguration|bucketObject|objectCopy)/.test(r.type)).map((r) => r.urn)).to.deep.equal([]);
    });

    it("encrypts the function's log group with the stack's own key, known to come from it before its ARN exists", () => {
        const logGroup = one(stack, "aws:cloudwatch/logGroup:LogGroup", "api");
        expect(logGroup.inputs).to.deep.equal({ name: `/aws/lambda/${prefix}-api`, retentionInDays: 30, kmsKeyId: output(key, "arn") });
        expect(logGroup.propertyDependencies?.kmsKeyId).to.deep.equal([key.urn]);
    });

    describe("bucket policy", () => {
        let policy: unknown;
        before(() => {
            policy = setting("aws:s3/bucketPolicy:BucketPolicy").inputs.policy;
        });
        const overTls = (context: Record<string, string> = {}) => ({ "aws:SecureTransport": "true", ...context });

        it("denies every request over plain HTTP, on the bucket and its objects, whoever asks", () => {
            for (const [action, resource] of [
                ["s3:GetObject", `${bucketArn}/report.csv`],
                ["s3:PutObject", `${bucketArn}/report.csv`],
                ["s3:ListBucket", bucketArn],
                ["s3:DeleteBucket", bucketArn],
            ]) {
                for (const principal of [{ kind: "AWS" as const, id: appRoleArn }, { kind: "Service" as const, id: "cloudfront.amazonaws.com" }]) {
                    expect(decide([policy], { action, resource, principal, context: { "aws:SecureTransport": "false", "AWS:SourceArn": "x" } }), `${action} by ${principal.id}`).to.equal("denied");
                }
            }
        });

        it("denies uploads that ask for SSE-S3 or SSE-C and lets KMS uploads and header-less ones (the SSE-KMS default) through", () => {
            const put = (header?: string) =>
                decide([policy], {
                    action: "s3:PutObject",
                    resource: `${bucketArn}/report.csv`,
                    principal: { kind: "AWS", id: appRoleArn },
                    context: overTls(header === undefined ? {} : { "s3:x-amz-server-side-encryption": header }),
                });
            expect(put("AES256")).to.equal("denied");
            expect(put("aws:fsx")).to.equal("denied");
            expect(put("aws:kms")).to.equal("implicitly denied");
            expect(put("aws:kms:dsse")).to.equal("implicitly denied");
            expect(put()).to.equal("implicitly denied");
        });

        it("lets only the stack's CloudFront distribution read objects, over TLS", () => {
            const distribution = output(one(stack, "aws:cloudfront/distribution:Distribution", "cdn"), "arn");
            const read = (sourceArn: string) =>
                decide([policy], { action: "s3:GetObject", resource: `${bucketArn}/index.html`, principal: { kind: "Service", id: "cloudfront.amazonaws.com" }, context: overTls({ "aws:SourceArn": sourceArn }) });
            expect(read(distribution)).to.equal("allowed");
            expect(read(`arn:aws:cloudfront::${account}:distribution/EOTHER`)).to.equal("implicitly denied");
            expect(decide([policy], { action: "s3:PutObject", resource: `${bucketArn}/index.html`, principal: { kind: "Service", id: "cloudfront.amazonaws.com" }, context: overTls({ "aws:SourceArn": distribution }) })).to.equal(
                "implicitly denied",
            );
            expect(decide([policy], { action: "s3:GetObject", resource: `${bucketArn}/index.html`, principal: { kind: "AWS", id: `arn:aws:iam::999999999999:root` }, context: overTls() })).to.equal("implicitly denied");
        });
    });

    describe("the data key", () => {
        it("rotates yearly, waits the longest window before deletion, and is a symmetric encryption key", () => {
            expect(key.inputs).to.include({ enableKeyRotation: true, rotationPeriodInDays: 365, deletionWindowInDays: 30, keyUsage: "ENCRYPT_DECRYPT", customerMasterKeySpec: "SYMMETRIC_DEFAULT" });
            expect(key.inputs).not.to.have.property("bypassPolicyLockoutSafetyCheck");
        });

        it("has an explicit policy naming its principals, with no kms:* and no account root", () => {
            const parsed = parseDocument(key.inputs.policy);
            expect(parsed.kind).to.equal("document");
            const statements = parsed.kind === "document" ? parsed.statements : [];
            expect(statements.map((s) => s.sid)).to.deep.equal(["KeyAdministration", "ApplicationUseThroughS3", "FunctionReadsItsEnvironment", "CloudWatchLogsEncryptsFunctionLogs", "CloudFrontReadsObjects"]);
            for (const s of statements) {
                expect(s.action?.known, s.sid).not.to.include("kms:*");
                expect(s.principal, s.sid).not.to.equal("*");
                const aws = s.principal instanceof Map ? s.principal.get("AWS")?.known ?? [] : [];
                expect(aws.filter((p) => p.endsWith(":root")), s.sid).to.deep.equal([]);
            }
            // Administration is not use: the administrator can manage the key but encrypt or decrypt nothing.
            const admin = statements.find((s) => s.sid === "KeyAdministration")!;
            for (const use of ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom"]) {
                expect(coversAction(admin, use), use).to.equal(false);
            }
        });

        it("lets CloudWatch Logs use it for the function's log group only, and for nothing but encryption", () => {
            const logs = (action: string, context: Record<string, string>, service = `logs.${region}.amazonaws.com`) =>
                decide([key.inputs.policy], { action, resource: "*", principal: { kind: "Service", id: service }, context });
            const forTheGroup = { "kms:EncryptionContext:aws:logs:arn": logGroupArn };
            for (const action of ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext"]) {
                expect(logs(action, forTheGroup), action).to.equal("allowed");
            }
            expect(logs("kms:Decrypt", { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${account}:log-group:/aws/lambda/other` })).to.equal("implicitly denied");
            expect(logs("kms:Decrypt", {})).to.equal("implicitly denied");
            expect(logs("kms:Decrypt", forTheGroup, "logs.eu-west-1.amazonaws.com")).to.equal("implicitly denied");
            for (const action of ["kms:CreateGrant", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DescribeKey"]) {
                expect(logs(action, forTheGroup), action).to.equal("implicitly denied");
            }
            // Whoever can read the log group does not get the key with it.
            expect(decide([key.inputs.policy], { action: "kms:Decrypt", resource: "*", principal: { kind: "AWS", id: appRoleArn }, context: forTheGroup })).to.equal("implicitly denied");
        });

        it("lets the application role decrypt only its own function's environment variables, through Lambda", () => {
            const env = (principal: string, action: string, context: Record<string, string>) => decide([key.inputs.policy], { action, resource: "*", principal: { kind: "AWS", id: principal }, context });
            const functionArn = `arn:aws:lambda:${region}:${account}:function:${prefix}-api`;
            const forTheFunction = { "kms:ViaService": `lambda.${region}.amazonaws.com`, "kms:EncryptionContext:aws:lambda:FunctionArn": functionArn };
            expect(env(appRoleArn, "kms:Decrypt", forTheFunction)).to.equal("allowed");
            expect(env(appRoleArn, "kms:Decrypt", { ...forTheFunction, "kms:EncryptionContext:aws:lambda:FunctionArn": `${functionArn}-other` })).to.equal("implicitly denied");
            expect(env(appRoleArn, "kms:Decrypt", { "kms:EncryptionContext:aws:lambda:FunctionArn": functionArn })).to.equal("implicitly denied");
            expect(env(appRoleArn, "kms:Encrypt", forTheFunction)).to.equal("implicitly denied");
            expect(env(`arn:aws:iam::${account}:role/${prefix}-deployer`, "kms:Decrypt", forTheFunction)).to.equal("implicitly denied");
        });

        it("lets the application role use it only through S3 in this account, and the administrator only manage it", () => {
            const use = (principal: string, action: string, context: Record<string, string>) => decide([key.inputs.policy], { action, resource: "*", principal: { kind: "AWS", id: principal }, context });
            const throughS3 = { "kms:ViaService": `s3.${region}.amazonaws.com`, "kms:CallerAccount": account };
            expect(use(appRoleArn, "kms:Decrypt", throughS3)).to.equal("allowed");
            expect(use(appRoleArn, "kms:GenerateDataKey", throughS3)).to.equal("allowed");
            expect(use(appRoleArn, "kms:Decrypt", { "kms:CallerAccount": account })).to.equal("implicitly denied");
            expect(use(appRoleArn, "kms:Decrypt", { ...throughS3, "kms:ViaService": `dynamodb.${region}.amazonaws.com` })).to.equal("implicitly denied");
            expect(use(appRoleArn, "kms:ScheduleKeyDeletion", throughS3)).to.equal("implicitly denied");
            expect(use(adminArn, "kms:ScheduleKeyDeletion", {})).to.equal("allowed");
            expect(use(adminArn, "kms:Decrypt", throughS3)).to.equal("implicitly denied");
            expect(use(`arn:aws:iam::${account}:role/${prefix}-deployer`, "kms:Decrypt", throughS3)).to.equal("implicitly denied");
        });
    });
});
