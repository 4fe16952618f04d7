import { lambdaFunctionUrlAuthenticated } from "../../policy-pack/lambda/function-url-authenticated";
import { caseTable } from "../lib/cases";
import { resource, unknown } from "../lib/fixtures";

const urlType = "aws:lambda/functionUrl:FunctionUrl";
const functionUrl = (name: string, inputs: Record<string, unknown>) => resource(urlType, name, { functionName: "api", invokeMode: "BUFFERED", ...inputs });

caseTable(lambdaFunctionUrlAuthenticated, [
    { name: "pass_aws_iam", resources: [functionUrl("pass_iam", { authorizationType: "AWS_IAM" })], expect: [] },
    { name: "pass_aws_iam_with_cors_and_qualifier", resources: [functionUrl("pass_iam_live", { authorizationType: "AWS_IAM", qualifier: "live", cors: { allowOrigins: ["https://app.example.com"] } })], expect: [] },
    { name: "fail_none", resources: [functionUrl("fail_public", { authorizationType: "NONE" })], expect: [{ on: "fail_public", id: "publicUrl" }] },
    { name: "fail_unset", resources: [functionUrl("fail_unset", {})], expect: [{ on: "fail_unset", id: "publicUrl" }] },
    { name: "na_function", resources: [resource("aws:lambda/function:Function", "na_function", { runtime: "nodejs20.x" })], expect: [], notApplicable: ["na_function"] },
    { name: "unknown_authorization_type", resources: [functionUrl("unknown_auth", { authorizationType: unknown.string })], expect: [{ on: "unknown_auth", id: "undecided" }] },
]);
