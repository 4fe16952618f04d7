// What each role of the reference stack can and cannot do, decided by evaluating the documents
// the stack attaches to it (inline role policies, managed policies, attachments) request by
// request: the application role reaches the data bucket's objects through the data key and its
// own logs, and nothing else; the deployer ships the function's code and reads no data; the CI
// trust admits one repository's ref only.
import { expect } from "chai";
import { lambdaPermissionSourceScoped } from "../../policy-pack/lambda/permission-source-scoped";
import { accessLevel, expandActionPattern } from "../../policy-pack/lib/iam-actions";
import { urnName } from "../../policy-pack/lib/policy";
import { ResourceState, runPolicies } from "../../policy-pack/lib/runner";
import { allows, decide, documentOf } from "./evaluate";
import { account, ofType, one, output, prefix, referenceStack, region } from "./reference";

const bucketArn = `arn:aws:s3:::${prefix}-data-${account}`;
const functionArn = `arn:aws:lambda:${region}:${account}:function:${prefix}-api`;
const issuer = "token.actions.githubusercontent.com";

describe("reference stack: IAM roles", function () {
    this.timeout(60000);
    let stack: ResourceState[];
    let keyArn: string;
    const identity = new Map<string, unknown[]>();

    before(async () => {
        stack = await referenceStack();
        keyArn = output(one(stack, "aws:kms/key:Key", "data-key"), "arn");
        for (const role of ofType(stack, "aws:iam/role:Role")) {
            const name = output(role, "name");
            const inline = ofType(stack, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.inputs.role === name);
            identity.set(role.name!, inline.map((p) => p.inputs.policy));
            // Every permission reaches a role through exactly one inline policy: no managed policies, no attachments.
            expect(role.inputs, role.name).not.to.have.any.keys("inlinePolicies", "managedPolicyArns");
        }
        expect(ofType(stack, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")).to.deep.equal([]);
        expect(ofType(stack, "aws:iam/policy:Policy")).to.deep.equal([]);
    });

    const can = (role: string, action: string, resource: string) => allows(identity.get(role)!, { action, resource });

    /** Every action the role's documents allow, expanded from their patterns. */
    function granted(role: string): string[] {
        return identity
            .get(role)!
            .flatMap(documentOf)
            .filter((s) => s.effect === "Allow")
            .flatMap((s) => (s.action?.known ?? []).flatMap(expandActionPattern))
            .sort();
    }

    it("has exactly the application and deployer roles, each with one inline policy", () => {
        expect([...identity.keys()].sort()).to.deep.equal(["app", "deployer"]);
        expect([...identity.values()].map((docs) => docs.length)).to.deep.equal([1, 1]);
    });

    describe("application role", () => {
        it("reads and writes the data bucket's objects and uses the data key", () => {
            expect(can("app", "s3:GetObject", `${bucketArn}/reports/2024.csv`)).to.equal(true);
            expect(can("app", "s3:PutObject", `${bucketArn}/reports/2024.csv`)).to.equal(true);
            expect(can("app", "kms:Decrypt", keyArn)).to.equal(true);
            expect(can("app", "kms:GenerateDataKey", keyArn)).to.equal(true);
        });

        it("reaches no other bucket, no other key, and cannot delete objects or change the bucket", () => {
            expect(can("app", "s3:GetObject", `arn:aws:s3:::some-other-bucket/reports/2024.csv`)).to.equal(false);
            expect(can("app", "s3:GetObject", `${bucketArn}-backup/reports/2024.csv`)).to.equal(false);
            expect(can("app", "kms:Decrypt", `arn:aws:kms:${region}:${account}:key/00000000-0000-0000-0000-000000000000`)).to.equal(false);
            for (const action of ["s3:DeleteObject", "s3:PutBucketPolicy", "s3:PutEncryptionConfiguration", "s3:DeleteBucket", "s3:ListBucket"]) {
                expect(can("app", action, bucketArn) || can("app", action, `${bucketArn}/x`), action).to.equal(false);
            }
            for (const action of ["kms:ScheduleKeyDeletion", "kms:PutKeyPolicy", "kms:DisableKey"]) {
                expect(can("app", action, keyArn), action).to.equal(false);
            }
        });

        it("cannot deploy: no function code, no roles, no permissions", () => {
            expect(can("app", "lambda:UpdateFunctionCode", functionArn)).to.equal(false);
            expect(can("app", "iam:PassRole", `arn:aws:iam::${account}:role/${prefix}-app`)).to.equal(false);
            expect(can("app", "iam:PutRolePolicy", `arn:aws:iam::${account}:role/${prefix}-app`)).to.equal(false);
            expect(granted("app")).to.deep.equal(["kms:Decrypt", "kms:GenerateDataKey", "logs:CreateLogStream", "logs:PutLogEvents", "s3:GetObject", "s3:PutObject"]);
            expect(granted("app").filter((a) => accessLevel(a) === "Permissions management")).to.deep.equal([]);
        });

        it("writes only its own function's logs", () => {
            const logGroup = `arn:aws:logs:${region}:${account}:log-group:/aws/lambda/${prefix}-api`;
            expect(can("app", "logs:PutLogEvents", `${logGroup}:log-stream:2024/05/06/abc`)).to.equal(true);
            expect(can("app", "logs:PutLogEvents", `arn:aws:logs:${region}:${account}:log-group:/aws/lambda/other:log-stream:x`)).to.equal(false);
        });

        it("is the role the function runs as, and only Lambda may assume it", () => {
            const role = one(stack, "aws:iam/role:Role", "app");
            expect(one(stack, "aws:lambda/function:Function", "api").inputs.role).to.equal(output(role, "arn"));
            const trust = role.inputs.assumeRolePolicy;
            expect(decide([trust], { action: "sts:AssumeRole", resource: "*", principal: { kind: "Service", id: "lambda.amazonaws.com" } })).to.equal("allowed");
            expect(decide([trust], { action: "sts:AssumeRole", resource: "*", principal: { kind: "Service", id: "ec2.amazonaws.com" } })).to.equal("implicitly denied");
            expect(decide([trust], { action: "sts:AssumeRole", resource: "*", principal: { kind: "AWS", id: `arn:aws:iam::${account}:root` } })).to.equal("implicitly denied");
        });
    });

    describe("deployer role", () => {
        it("updates and publishes the API function's code", () => {
            expect(can("deployer", "lambda:UpdateFunctionCode", functionArn)).to.equal(true);
            expect(can("deployer", "lambda:PublishVersion", functionArn)).to.equal(true);
            expect(can("deployer", "lambda:GetFunction", functionArn)).to.equal(true);
        });

        it("touches no other function and cannot change the function's role or configuration", () => {
            expect(can("deployer", "lambda:UpdateFunctionCode", `arn:aws:lambda:${region}:${account}:function:other`)).to.equal(false);
            expect(can("deployer", "lambda:UpdateFunctionConfiguration", functionArn)).to.equal(false);
            expect(can("deployer", "lambda:AddPermission", functionArn)).to.equal(false);
            expect(can("deployer", "iam:PassRole", `arn:aws:iam::${account}:role/${prefix}-app`)).to.equal(false);
        });

        it("reads no data: not the bucket's objects, not through the key", () => {
            expect(can("deployer", "s3:GetObject", `${bucketArn}/reports/2024.csv`)).to.equal(false);
            expect(can("deployer", "s3:ListBucket", bucketArn)).to.equal(false);
            expect(can("deployer", "kms:Decrypt", keyArn)).to.equal(false);
            expect(granted("deployer")).to.deep.equal(["lambda:GetFunction", "lambda:PublishVersion", "lambda:UpdateFunctionCode"]);
        });

        describe("trust: GitHub's OIDC tokens of one repository and ref", () => {
            let trust: unknown;
            let providerArn: string;
            before(() => {
                trust = one(stack, "aws:iam/role:Role", "deployer").inputs.assumeRolePolicy;
                const provider = one(stack, "aws:iam/openIdConnectProvider:OpenIdConnectProvider", "github-actions");
                expect(provider.inputs).to.deep.equal({ url: `https://${issuer}`, clientIdLists: ["sts.amazonaws.com"] });
                providerArn = output(provider, "arn");
            });
            const assume = (token: Record<string, string>, principal = providerArn) =>
                decide([trust], {
                    action: "sts:AssumeRoleWithWebIdentity",
                    resource: "*",
                    principal: { kind: "Federated", id: principal },
                    context: Object.fromEntries(Object.entries(token).map(([k, v]) => [`${issuer}:${k}`, v])),
                });

            it("admits the configured repository's main branch", () => {
                expect(assume({ aud: "sts.amazonaws.com", sub: "repo:acme/payments:ref:refs/heads/main" })).to.equal("allowed");
            });

            it("refuses other repositories, other refs, pull requests, other audiences and other providers", () => {
                expect(assume({ aud: "sts.amazonaws.com", sub: "repo:acme/other:ref:refs/heads/main" })).to.equal("implicitly denied");
                expect(assume({ aud: "sts.amazonaws.com", sub: "repo:evil/payments:ref:refs/heads/main" })).to.equal("implicitly denied");
                expect(assume({ aud: "sts.amazonaws.com", sub: "repo:acme/payments:ref:refs/heads/feature" })).to.equal("implicitly denied");
                expect(assume({ aud: "sts.amazonaws.com", sub: "repo:acme/payments:pull_request" })).to.equal("implicitly denied");
                expect(assume({ sub: "repo:acme/payments:ref:refs/heads/main" })).to.equal("implicitly denied");
                expect(assume({ aud: "sts.amazonaws.com", sub: "repo:acme/payments:ref:refs/heads/main" }, `arn:aws:iam::${account}:oidc-provider/gitlab.com`)).to.equal("implicitly denied");
            });

            it("is not assumable by anything but web identity", () => {
                expect(decide([trust], { action: "sts:AssumeRole", resource: "*", principal: { kind: "AWS", id: `arn:aws:iam::${account}:root` } })).to.equal("implicitly denied");
            });
        });
    });
});

describe("reference stack: who may invoke the function", function () {
    this.timeout(60000);
    let stack: ResourceState[];

    before(async () => {
        stack = await referenceStack();
    });

    const permissionFindings = async (resources: ResourceState[]) => {
        const result = await runPolicies([lambdaPermissionSourceScoped], resources, { config: { [lambdaPermissionSourceScoped.name]: "mandatory" } });
        return result.diagnostics.map((d) => `${d.urn ? urnName(d.urn) : "(stack)"} ${d.messageId}`);
    };

    it("grants invocation only to the load balancer's target group and the API's execution ARN", async () => {
        const permissions = ofType(stack, "aws:lambda/permission:Permission");
        expect(permissions.map((p) => [p.name, p.inputs.principal, p.inputs.sourceArn])).to.deep.equal([
            ["alb-invoke", "elasticloadbalancing.amazonaws.com", output(one(stack, "aws:lb/targetGroup:TargetGroup", "api"), "arn")],
            ["api-invoke", "apigateway.amazonaws.com", `${output(one(stack, "aws:apigatewayv2/api:Api", "api"), "executionArn")}/*/*`],
        ]);
        expect(await permissionFindings(stack)).to.deep.equal([]);
    });

    it("fails lambda-permission-source-scoped when a grant loses its source, or names a bucket without its account", async () => {
        const mutated = stack.map((r) => {
            if (r.name === "api-invoke") {
                const { sourceArn: _dropped, ...inputs } = r.inputs;
                return { ...r, inputs };
            }
            return r.name === "alb-invoke" ? { ...r, inputs: { ...r.inputs, principal: "s3.amazonaws.com", sourceArn: bucketArn } } : r;
        });
        expect((await permissionFindings(mutated)).sort()).to.deep.equal(["alb-invoke noAccount", "api-invoke noSource"]);
    });
});
