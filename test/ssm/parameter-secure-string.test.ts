import { expect } from "chai";
import { ssmParameterSecureString } from "../../policy-pack/ssm/parameter-secure-string";
import { caseTable, findings } from "../lib/cases";
import { alias, awsManagedAliasArn, dataKeyArn, externalKeyArn, key, newKey } from "../lib/data-store-fixtures";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = ssmParameterSecureString;
const parameterType = "aws:ssm/parameter:Parameter";
// Shaped like an AWS access key id, made up for the test.
const accessKeyId = "AKIAZ7EXAMPLE2QWERTY";

const parameter = (name: string, inputs: Record<string, unknown>, extra = {}) => resource(parameterType, name, { name: `/app/${name}`, type: "String", value: "eu-west-1", ...inputs }, extra);
const secureString = (keyId: unknown) => ({ type: "SecureString", value: secret("s3cr3t-value-for-tests"), ...(keyId === undefined ? {} : { keyId }) });

caseTable(policy, [
    { name: "pass_plain_setting", resources: [key, parameter("pass_region", {})], expect: [] },
    { name: "pass_password_as_secure_string_with_stack_key", resources: [key, parameter("pass_password", { name: "/app/db/password", ...secureString(dataKeyArn) })], expect: [] },
    { name: "pass_alias_name", resources: [key, alias, parameter("pass_alias", { name: "/app/api-key", ...secureString("alias/data") })], expect: [] },
    // Words that describe a credential without holding one.
    { name: "pass_name_about_a_credential", resources: [parameter("pass_policy", { name: "/app/passwordMinLength", value: "14" }), parameter("pass_ttl", { name: "/app/token/ttl", value: "3600" })], expect: [] },
    {
        name: "pass_new_key_linked_by_dependencies",
        resources: (() => {
            const k = newKey();
            return [k, parameter("pass_linked", { name: "/app/db/password", ...secureString(unknown.string) }, { propertyDependencies: dependsOn({ keyId: [k] }) })];
        })(),
        expect: [],
    },
    { name: "pass_external_key_in_allowed_key_arns", resources: [parameter("pass_allowed", { name: "DB_PASSWORD", ...secureString(externalKeyArn) })], config: { [policy.name]: { allowedKeyArns: [externalKeyArn] } }, expect: [] },
    { name: "fail_password_as_string", resources: [key, parameter("fail_password", { name: "/app/db/password", value: "hunter2-example" })], expect: [{ on: "fail_password", id: "notSecureString" }] },
    { name: "fail_camel_case_token_as_string_list", resources: [parameter("fail_token", { name: "githubToken", type: "StringList", value: "a,b" })], expect: [{ on: "fail_token", id: "notSecureString" }] },
    { name: "fail_value_shaped_like_access_key", resources: [parameter("fail_value", { name: "/app/integration/id", value: accessKeyId })], expect: [{ on: "fail_value", id: "notSecureString" }] },
    { name: "fail_insecure_value_with_url_password", resources: [parameter("fail_url", { name: "/app/db/url", value: undefined, insecureValue: "postgres://app:example-pass@db.internal:5432/app" })], expect: [{ on: "fail_url", id: "notSecureString" }] },
    { name: "fail_secure_string_without_key", resources: [key, parameter("fail_no_key", { name: "/app/db/password", ...secureString(undefined) })], expect: [{ on: "fail_no_key", id: "missingKey" }] },
    { name: "fail_secure_string_aws_managed_key", resources: [parameter("fail_aws_alias", { name: "/app/db/password", ...secureString(awsManagedAliasArn("ssm")) })], expect: [{ on: "fail_aws_alias", id: "awsManagedKey" }] },
    { name: "fail_external_key_not_allowed", resources: [key, parameter("fail_external", secureString(externalKeyArn))], expect: [{ on: "fail_external", id: "notCustomerManaged" }] },
    { name: "unknown_value_of_a_plain_name", resources: [parameter("unknown_value", { name: "/app/endpoint", value: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    // The name alone says it holds a credential, whatever the value turns out to be.
    { name: "fail_password_name_with_unknown_value", resources: [parameter("fail_unknown_value", { name: "/app/db/password", value: unknown.string })], expect: [{ on: "fail_unknown_value", id: "notSecureString" }] },
    { name: "unknown_type_of_a_password", resources: [parameter("unknown_type", { name: "/app/db/password", type: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_key_not_linked", resources: [key, parameter("unknown_key", secureString(unknown.string))], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "na_no_parameters_in_the_stack", resources: [key], expect: [], notApplicable: [] },
]);

stackNotApplicable(policy, [{ name: "na_no_parameters", resources: [key], reason: `Policy only applies to resources of type '${parameterType}'` }]);

describe(`${policy.name} (messages)`, () => {
    it("names what a value looks like, never the value", async () => {
        const value = "postgres://app:example-pass@db.internal:5432/app";
        const resources = [parameter("url", { name: "/app/db/url", value }), parameter("key_id", { name: "/app/integration/id", value: accessKeyId })];
        const { result } = await findings(policy, resources);
        const messages = result.diagnostics.filter((d) => d.policyName === policy.name).map((d) => d.message);
        expect(messages).to.have.length(2);
        for (const message of messages) {
            expect(message).not.to.contain("example-pass");
            expect(message).not.to.contain(accessKeyId);
        }
        expect(messages.some((m) => m.includes("a URL with a password in it"))).to.equal(true);
        expect(messages.some((m) => m.includes("an AWS access key ID"))).to.equal(true);
    });
});
