import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportKey } from "../lib/customer-managed-keys";
import { credentialFormat, credentialNamed } from "../lib/secret-values";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, str } from "../lib/values";

const subject = "SSM parameter '{{resource}}'";

export const ssmParameterSecureString = definePolicy<AllowedKeyArnsConfig>({
    name: "ssm-parameter-secure-string",
    description:
        "SSM parameters whose name or value looks like a credential must be SecureString parameters, and every SecureString parameter must be encrypted with a customer-managed KMS key (keyId).",
    rationale:
        "A String or StringList parameter is stored in plaintext: anyone allowed ssm:GetParameter or ssm:DescribeParameters on " +
        "it, and every tool that lists parameters, sees a password kept there. A SecureString is encrypted with KMS and read " +
        "only with kms:Decrypt on its key; without keyId that key is the AWS managed aws/ssm key, whose policy lets every " +
        "principal of the account that may read the parameter decrypt it. A customer-managed key makes the key policy a second, " +
        "separately governed permission. Findings name what the parameter looks like, never its value.",
    domain: "encryption-at-rest",
    severity: "high",
    findingsOn: "the aws.ssm.Parameter",
    remediationSteps:
        'Declare the parameter with type: "SecureString" and keyId set to the ARN (or an aws.kms.Alias) of an aws.kms.Key in the ' +
        "stack whose key policy lets the parameter's readers call kms:Decrypt through SSM (kms:ViaService). Pass the value as a " +
        "Pulumi secret (value, not insecureValue). A key managed outside the stack can " +
        "be allowed by adding its ARN to allowedKeyArns.",
    parameters: { allowedKeyArns: allowedKeyArnsParameter("SecureString parameters") },
    noRemediation: "a SecureString needs a customer-managed key, and a fix never invents a key; which parameters hold credentials is a guess from names and values that a fix should not act on",
    messages: {
        notSecureString:
            `${subject} looks like it holds {{what}} ({{why}}) but its type is {{type}}, so SSM stores it in plaintext. ` +
            'Set type to "SecureString" and keyId to the ARN of a customer-managed aws.kms.Key.',
        missingKey: `${subject} is a SecureString without {{setting}}, so SSM encrypts it with the AWS managed aws/ssm key. Set {{setting}} to the ARN of a customer-managed aws.kms.Key.`,
        ...keyMessages(subject),
    },
    withoutResourceSide: true,
    stackType: types.ssmParameter[0],
    checkStack(stack, ctx) {
        for (const parameter of stack.ofType(...types.ssmParameter)) {
            // Unset, a parameter is a String (the provider requires type; old state may lack it).
            const type = str(parameter.inputs.type) ?? "String";
            if (type === "SecureString") {
                reportKey(ctx, classifyKey(stack, parameter, "keyId", ctx.config.allowedKeyArns), { resource: parameter.name, setting: "keyId" }, parameter.urn);
                continue;
            }
            const name = str(parameter.inputs.name) ?? str(parameter.outputs.name) ?? parameter.name;
            const value = str(parameter.inputs.value) ?? str(parameter.inputs.insecureValue);
            const named = typeof name === "string" ? credentialNamed(name) : undefined;
            const shaped = typeof value === "string" ? credentialFormat(value)?.kind : undefined;
            const credential = named ? { what: named, why: `its name is '${String(name)}'` } : shaped ? { what: shaped, why: "its value has that shape" } : undefined;
            if (credential === undefined) {
                if (name === UNKNOWN || value === UNKNOWN) {
                    ctx.undecided(`whether the parameter holds a credential is unknown (its ${name === UNKNOWN ? "name" : "value"} is unknown)`, parameter.urn);
                }
                continue;
            }
            if (type === UNKNOWN) {
                ctx.undecided("type is unknown", parameter.urn);
                continue;
            }
            ctx.report("notSecureString", { resource: parameter.name, ...credential, type: `'${type}'` }, parameter.urn);
        }
    },
});
