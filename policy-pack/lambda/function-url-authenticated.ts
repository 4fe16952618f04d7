import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, str } from "../lib/values";

export const lambdaFunctionUrlAuthenticated = definePolicy({
    name: "lambda-function-url-authenticated",
    description: "Lambda function URLs must require IAM authentication (authorizationType AWS_IAM).",
    rationale:
        "A function URL with authorizationType NONE is a public HTTPS endpoint: anyone on the internet who learns the URL can invoke the " +
        "function, with its role's permissions, as often as they like and at the account's expense. With AWS_IAM every request must be " +
        "signed by a principal that the function's resource policy or its own identity policy allows to call lambda:InvokeFunctionUrl, and " +
        "CloudFront reaches such a URL through an origin access control, so public content can still be served without a public function.",
    domain: "access",
    severity: "high",
    findingsOn: "the aws.lambda.FunctionUrl",
    remediationSteps:
        "Set authorizationType: \"AWS_IAM\" on the aws.lambda.FunctionUrl and grant lambda:InvokeFunctionUrl to the callers that need it " +
        "(an IAM policy, or an aws.lambda.Permission scoped to one principal). To serve the function publicly, put an aws.cloudfront.Distribution " +
        "in front of it with an origin access control for Lambda, or use API Gateway with an authorizer.",
    noRemediation: "AWS_IAM refuses every caller that does not sign its requests (webhooks, browsers): which callers need the URL is the function owner's call",
    messages: {
        publicUrl:
            "Function URL '{{resource}}' has authorizationType {{authorizationType}}, so anyone who knows the URL can invoke the function without signing the request. " +
            "Set authorizationType: \"AWS_IAM\".",
    },
    resourceTypes: [...types.lambdaFunctionUrl],
    checkResource(resource, ctx) {
        const authorizationType = str(resource.props.authorizationType);
        if (authorizationType === UNKNOWN) {
            ctx.undecided("authorizationType is unknown");
        } else if (authorizationType !== "AWS_IAM") {
            // The provider requires the input; a missing one is reported the way AWS would refuse it: not AWS_IAM.
            ctx.report("publicUrl", { resource: resource.name, authorizationType: authorizationType === undefined ? "unset" : JSON.stringify(authorizationType) });
        }
    },
});
