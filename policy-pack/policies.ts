// Every policy of the pack, in the order of the policy reference. Each service folder keeps its
// own explicit list.
import { acmPolicies } from "./acm";
import { apiGatewayPolicies } from "./apigateway";
import { cloudFrontPolicies } from "./cloudfront";
import { ec2Policies } from "./ec2";
import { elbPolicies } from "./elb";
import { iamPolicies } from "./iam";
import { BaselinePolicy } from "./lib/policy";
import { kmsPolicies } from "./kms";
import { s3Policies } from "./s3";

export const policies: BaselinePolicy[] = [
    ...s3Policies,
    ...kmsPolicies,
    ...elbPolicies,
    ...acmPolicies,
    ...cloudFrontPolicies,
    ...apiGatewayPolicies,
    ...ec2Policies,
    ...iamPolicies,
];
