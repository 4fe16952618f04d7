// Every policy of the pack, in the order of the policy reference. Each service folder keeps its
// own explicit list.
import { acmPolicies } from "./acm";
import { apiGatewayPolicies } from "./apigateway";
import { cloudFrontPolicies } from "./cloudfront";
import { dynamodbPolicies } from "./dynamodb";
import { ebsPolicies } from "./ebs";
import { ec2Policies } from "./ec2";
import { efsPolicies } from "./efs";
import { elbPolicies } from "./elb";
import { iamPolicies } from "./iam";
import { BaselinePolicy } from "./lib/policy";
import { kmsPolicies } from "./kms";
import { rdsPolicies } from "./rds";
import { s3Policies } from "./s3";
import { secretsManagerPolicies } from "./secretsmanager";
import { snsPolicies } from "./sns";
import { sqsPolicies } from "./sqs";

export const policies: BaselinePolicy[] = [
    ...s3Policies,
    ...kmsPolicies,
    ...elbPolicies,
    ...acmPolicies,
    ...cloudFrontPolicies,
    ...apiGatewayPolicies,
    ...ec2Policies,
    ...iamPolicies,
    ...ebsPolicies,
    ...rdsPolicies,
    ...dynamodbPolicies,
    ...efsPolicies,
    ...sqsPolicies,
    ...snsPolicies,
    ...secretsManagerPolicies,
];
