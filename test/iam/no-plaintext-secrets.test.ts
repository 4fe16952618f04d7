import { expect } from "chai";
import { gzipSync } from "zlib";
import { noPlaintextSecrets } from "../../policy-pack/iam/no-plaintext-secrets";
import { runPolicies } from "../../policy-pack/lib/runner";
import { policies } from "../../policy-pack/policies";
import { caseConfig, caseTable } from "../lib/cases";
import { resource, secret, unknown } from "../lib/fixtures";

// Credential-shaped values are assembled here so that no whole one sits in the source.
const accessKeyId = "AKIA" + "IOSFODNN7EXAMPLE";
const githubToken = "ghp_" + "a1B2c3D4".repeat(5);
const privateKey = ["-----BEGIN RSA PRIVATE KEY-----", "MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn", "-----END RSA PRIVATE KEY-----"].join("\n");
const randomPassword = "x7#Kq9!vLm2$Pw4zR8tY";

const lambdaFunction = (name: string, variables: unknown) => resource("aws:lambda/function:Function", name, { role: "r", runtime: "nodejs20.x", environment: { variables } });
const baseline = { DATA_BUCKET: "orders-data", LOG_LEVEL: "info", DB_PASSWORD_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:111122223333:secret:orders-db-AbCdEf" };
const taskDefinition = (name: string, environment: unknown, extra: Record<string, unknown> = {}) =>
    resource("aws:ecs/taskDefinition:TaskDefinition", name, {
        family: name,
        containerDefinitions: JSON.stringify([{ name: "app", image: "app:1", environment, secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:us-east-1:111122223333:secret:db" }], ...extra }]),
    });
const instance = (name: string, inputs: Record<string, unknown>) => resource("aws:ec2/instance:Instance", name, { ami: "ami-0abcdef1234567890", instanceType: "t3.micro", ...inputs });
const bootScript = (...lines: string[]) => ["#!/bin/bash", "export DATA_BUCKET=orders-data", ...lines, "systemctl start app"].join("\n");
const project = (name: string, environmentVariables: unknown[]) => resource("aws:codebuild/project:Project", name, { serviceRole: "r", environment: { computeType: "BUILD_GENERAL1_SMALL", image: "aws/codebuild/standard:7.0", type: "LINUX_CONTAINER", environmentVariables } });

caseTable(noPlaintextSecrets, [
    { name: "pass_lambda_references_only", resources: [lambdaFunction("pass_lambda", baseline)], expect: [] },
    { name: "pass_lambda_low_entropy_value_under_secret_name_pattern", resources: [lambdaFunction("pass_token_url", { ...baseline, TOKEN_URL: "https://auth.example.com/oauth2/token" })], expect: [] },
    { name: "pass_container_secrets_by_reference", resources: [taskDefinition("pass_container", [{ name: "DATA_BUCKET", value: "orders-data" }])], expect: [] },
    { name: "pass_user_data_without_credentials", resources: [instance("pass_user_data", { userData: bootScript() })], expect: [] },
    { name: "pass_codebuild_secret_by_reference", resources: [project("pass_codebuild", [{ name: "NPM_TOKEN", value: "ci/npm-token", type: "SECRETS_MANAGER" }])], expect: [] },

    { name: "fail_lambda_access_key_under_any_name", resources: [lambdaFunction("fail_lambda_key", { ...baseline, UPLOADER: accessKeyId })], expect: [{ on: "fail_lambda_key", id: "lambdaEnvironment" }] },
    { name: "fail_lambda_high_entropy_password", resources: [lambdaFunction("fail_lambda_password", { ...baseline, DB_PASSWORD: randomPassword })], expect: [{ on: "fail_lambda_password", id: "lambdaEnvironment" }] },
    { name: "fail_lambda_pulumi_secret_is_still_plain_text", resources: [lambdaFunction("fail_lambda_secret", { ...baseline, API_TOKEN: secret(githubToken) })], expect: [{ on: "fail_lambda_secret", id: "lambdaEnvironment" }] },
    { name: "fail_lambda_legacy_list_shape", resources: [resource("aws:lambda/function:Function", "fail_lambda_list", { environment: [{ variables: { SIGNING_KEY: privateKey } }] })], expect: [{ on: "fail_lambda_list", id: "lambdaEnvironment" }] },
    { name: "fail_container_github_token", resources: [taskDefinition("fail_container", [{ name: "GITHUB_TOKEN", value: githubToken }])], expect: [{ on: "fail_container", id: "containerEnvironment" }] },
    { name: "fail_user_data_password_assignment", resources: [instance("fail_user_data", { userData: bootScript(`export DB_PASSWORD='${randomPassword}'`) })], expect: [{ on: "fail_user_data", id: "userData" }] },
    { name: "fail_user_data_base64_private_key", resources: [instance("fail_user_data_base64", { userDataBase64: Buffer.from(bootScript(`cat > /etc/app/key.pem <<EOF\n${privateKey}\nEOF`)).toString("base64") })], expect: [{ on: "fail_user_data_base64", id: "userData" }] },
    { name: "fail_launch_template_gzipped_user_data", resources: [resource("aws:ec2/launchTemplate:LaunchTemplate", "fail_template", { userData: gzipSync(bootScript(`AWS_ACCESS_KEY_ID=${accessKeyId}`)).toString("base64") })], expect: [{ on: "fail_template", id: "userData" }] },
    { name: "fail_codebuild_plaintext_token", resources: [project("fail_codebuild", [{ name: "NPM_TOKEN", value: "npm_" + "Z9y8X7w6".repeat(4) + "V5u4" }])], expect: [{ on: "fail_codebuild", id: "codeBuildEnvironment" }] },

    { name: "not_applicable_function_without_environment", resources: [resource("aws:lambda/function:Function", "na_lambda", { role: "r" })], expect: [], notApplicable: ["na_lambda"] },
    { name: "unknown_password_from_another_resource", resources: [lambdaFunction("unknown_password", { ...baseline, DB_PASSWORD: unknown.string })], expect: [{ on: "unknown_password", id: "undecided" }] },
    { name: "unknown_bucket_name_is_decided", resources: [lambdaFunction("pass_unknown_bucket", { ...baseline, DATA_BUCKET: unknown.string })], expect: [] },
    { name: "unknown_container_definitions", resources: [resource("aws:ecs/taskDefinition:TaskDefinition", "unknown_containers", { family: "f", containerDefinitions: unknown.string })], expect: [{ on: "unknown_containers", id: "undecided" }] },
]);

describe("no-plaintext-secrets messages", () => {
    it("name the variable and never the value", async () => {
        const resources = [lambdaFunction("leak", { DB_PASSWORD: randomPassword, UPLOADER: accessKeyId }), taskDefinition("leak-task", [{ name: "GITHUB_TOKEN", value: githubToken }])];
        const { diagnostics } = await runPolicies(policies, resources, { config: caseConfig(noPlaintextSecrets) });
        const messages = diagnostics.filter((d) => d.policyName === noPlaintextSecrets.name).map((d) => d.message);
        expect(messages).to.have.length(3);
        for (const value of [randomPassword, accessKeyId, githubToken, "AKIA", "ghp_"]) {
            expect(messages.filter((m) => m.includes(value))).to.deep.equal([]);
        }
        expect(messages.some((m) => m.includes("'DB_PASSWORD'") && m.includes("a high-entropy value"))).to.equal(true);
        expect(messages.some((m) => m.includes("'UPLOADER'") && m.includes("an AWS access key ID"))).to.equal(true);
    });
});
