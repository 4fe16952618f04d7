// Every policy of the pack, in the order of the policy reference. Each service folder keeps its
// own explicit list.
import { acmPolicies } from "./acm";
import { apiGatewayPolicies } from "./apigateway";
import { athenaPolicies } from "./athena";
import { backupPolicies } from "./backup";
import { cloudTrailPolicies } from "./cloudtrail";
import { cloudFrontPolicies } from "./cloudfront";
import { cloudWatchPolicies } from "./cloudwatch";
import { daxPolicies } from "./dax";
import { dmsPolicies } from "./dms";
import { docdbPolicies } from "./docdb";
import { codebuildPolicies } from "./codebuild";
import { dynamodbPolicies } from "./dynamodb";
import { ebsPolicies } from "./ebs";
import { ec2Policies } from "./ec2";
import { ecrPolicies } from "./ecr";
import { efsPolicies } from "./efs";
import { eksPolicies } from "./eks";
import { elastiCachePolicies } from "./elasticache";
import { elbPolicies } from "./elb";
import { emrPolicies } from "./emr";
import { gluePolicies } from "./glue";
import { iamPolicies } from "./iam";
import { kinesisPolicies } from "./kinesis";
import { kmsPolicies } from "./kms";
import { lambdaPolicies } from "./lambda";
import { BaselinePolicy } from "./lib/policy";
import { memoryDbPolicies } from "./memorydb";
import { mskPolicies } from "./msk";
import { neptunePolicies } from "./neptune";
import { openSearchPolicies } from "./opensearch";
import { rdsPolicies } from "./rds";
import { redshiftPolicies } from "./redshift";
import { s3Policies } from "./s3";
import { sagemakerPolicies } from "./sagemaker";
import { secretsManagerPolicies } from "./secretsmanager";
import { sfnPolicies } from "./sfn";
import { snsPolicies } from "./sns";
import { sqsPolicies } from "./sqs";
import { transferPolicies } from "./transfer";
import { ssmPolicies } from "./ssm";
import { timestreamPolicies } from "./timestream";

export const policies: BaselinePolicy[] = [
    ...s3Policies,
    ...kmsPolicies,
    ...ebsPolicies,
    ...dynamodbPolicies,
    ...efsPolicies,
    ...secretsManagerPolicies,
    ...cloudWatchPolicies,
    ...ecrPolicies,
    ...eksPolicies,
    ...kinesisPolicies,
    ...backupPolicies,
    ...cloudTrailPolicies,
    ...docdbPolicies,
    ...neptunePolicies,
    ...memoryDbPolicies,
    ...daxPolicies,
    ...elbPolicies,
    ...acmPolicies,
    ...cloudFrontPolicies,
    ...apiGatewayPolicies,
    ...ec2Policies,
    ...openSearchPolicies,
    ...elastiCachePolicies,
    ...rdsPolicies,
    ...redshiftPolicies,
    ...mskPolicies,
    ...dmsPolicies,
    ...transferPolicies,
    ...sqsPolicies,
    ...snsPolicies,
    ...iamPolicies,
    ...lambdaPolicies,
    ...sagemakerPolicies,
    ...gluePolicies,
    ...athenaPolicies,
    ...codebuildPolicies,
    ...emrPolicies,
    ...sfnPolicies,
    ...timestreamPolicies,
    ...ssmPolicies,
];
