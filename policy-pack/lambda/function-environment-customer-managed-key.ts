import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportKey } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { types } from "../lib/types";
import { UNKNOWN, at, entries } from "../lib/values";

const subject = "Lambda function '{{resource}}'";

export const lambdaFunctionEnvironmentCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "lambda-function-environment-customer-managed-key",
    description: "Lambda functions that set environment variables must encrypt them with a customer-managed KMS key (kmsKeyArn).",
    rationale:
        "Environment variables often carry connection strings, endpoints and tokens. Lambda always encrypts them at rest, but without " +
        "kmsKeyArn with the AWS managed aws/lambda key, whose policy cannot be changed: anyone allowed to read the function's " +
        "configuration (lambda:GetFunction, lambda:GetFunctionConfiguration) reads them in clear. With a customer-managed key, reading " +
        "them also takes kms:Decrypt under a key policy the team controls. A function without environment variables is not judged.",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.lambda.Function",
    remediationSteps:
        "Set kmsKeyArn on each aws.lambda.Function that has environment.variables to the ARN of a customer-managed aws.kms.Key whose key " +
        "policy lets the function's execution role decrypt with it (the function is updated in place). Keep secrets themselves in " +
        "Secrets Manager rather than in variables. A key managed outside the stack can be allowed by adding its ARN to allowedKeyArns.",
    parameters: { allowedKeyArns: allowedKeyArnsParameter("functions") },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        missingKey: `${subject} sets environment variables without {{setting}}, so they are encrypted with the AWS managed aws/lambda key. Set {{setting}} to the ARN of a customer-managed aws.kms.Key.`,
        ...keyMessages(subject),
    },
    withoutResourceSide: true,
    stackType: types.lambdaFunction[0],
    checkStack(stack, ctx) {
        // Lambda encrypts environment variables with aws/lambda unless kmsKeyArn names a key; without variables the key is
        // not saved at all (AWS, Lambda Developer Guide, "Securing Lambda environment variables").
        for (const fn of stack.ofType(...types.lambdaFunction)) {
            const variables = entries(at(fn.inputs.environment, 0, "variables"));
            const key = classifyKey(stack, fn, "kmsKeyArn", ctx.config.allowedKeyArns);
            if (variables === UNKNOWN) {
                if (key.kind !== "customer-managed") {
                    ctx.undecided("environment.variables is unknown", fn.urn);
                }
            } else if (variables.length > 0) {
                reportKey(ctx, key, { resource: fn.name, setting: "kmsKeyArn" }, fn.urn);
            }
        }
    },
});
