import { lambdaFunctionEnvironmentCustomerManagedKey } from "../../policy-pack/lambda/function-environment-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, key, keyArn, keySettingCases } from "../lib/customer-managed-key-fixtures";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = lambdaFunctionEnvironmentCustomerManagedKey;
const functionType = "aws:lambda/function:Function";
const variables = { TABLE_NAME: "orders", LOG_LEVEL: "info" };

/** A deployed function: its outputs carry its ARN and an empty kmsKeyArn when no key was named. */
function fn(name: string, inputs: Record<string, unknown>, extra = {}) {
    const declared = { role: `arn:aws:iam::${account}:role/orders-app`, runtime: "nodejs20.x", handler: "index.handler", ...inputs };
    return resource(functionType, name, declared, { outputs: { id: name, arn: `arn:aws:lambda:us-east-1:${account}:function:${name}`, kmsKeyArn: "", ...declared }, ...extra });
}

caseTable(policy, [
    ...keySettingCases(policy.name, {
        prefix: "function",
        service: "lambda",
        build: (name, kmsKeyArn, dependsOnKey) => [
            fn(name, { environment: { variables }, ...(kmsKeyArn === undefined ? {} : { kmsKeyArn }) }, dependsOnKey ? { propertyDependencies: dependsOn({ kmsKeyArn: [dependsOnKey] }) } : {}),
        ],
    }),
    // Without variables there is nothing for the key to encrypt: Lambda does not even save it.
    { name: "pass_no_environment", resources: [key, fn("pass_no_environment", {})], expect: [] },
    { name: "pass_empty_variables", resources: [key, fn("pass_empty_variables", { environment: { variables: {} } })], expect: [] },
    { name: "pass_environment_without_variables", resources: [key, fn("pass_environment_only", { environment: {} })], expect: [] },
    // @pulumi/aws 6 state and older programs hold the block as a list of one.
    { name: "pass_legacy_list_shaped_environment", resources: [key, fn("pass_legacy", { environment: [{ variables }], kmsKeyArn: keyArn })], expect: [] },
    { name: "fail_legacy_list_shaped_environment_without_key", resources: [key, fn("fail_legacy", { environment: [{ variables }] })], expect: [{ on: "fail_legacy", id: "missingKey" }] },
    // A variable's value is never read, secret or unknown alike.
    { name: "fail_secret_variables_without_key", resources: [key, fn("fail_secret_vars", { environment: { variables: { API_TOKEN: secret("tok-123") } } })], expect: [{ on: "fail_secret_vars", id: "missingKey" }] },
    { name: "fail_unknown_variable_value_without_key", resources: [key, fn("fail_unknown_value", { environment: { variables: { QUEUE_URL: unknown.string } } })], expect: [{ on: "fail_unknown_value", id: "missingKey" }] },
    { name: "unknown_variables_without_key", resources: [key, fn("unknown_variables", { environment: { variables: unknown.object } })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_environment_without_key", resources: [key, fn("unknown_environment", { environment: unknown.object })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "pass_unknown_variables_with_stack_key", resources: [key, fn("pass_unknown_variables", { environment: { variables: unknown.object }, kmsKeyArn: keyArn })], expect: [] },
    // The server answers for the stack check, marked with its one type, without calling it.
    { name: "na_no_functions_in_the_stack", resources: [key], expect: [], notApplicable: [] },
]);

stackNotApplicable(policy, [{ name: "na_no_functions", resources: [key], reason: "Policy only applies to resources of type 'aws:lambda/function:Function'" }]);
