// Pulumi type tokens of the resources the policies read, with the legacy tokens that
// @pulumi/aws 7.x still accepts. Policies match tokens instead of loading provider modules:
// @pulumi/aws takes seconds to load, and the pack must start fast.
import { readFileSync } from "fs";
import { packDataPath } from "./data-files";

export const types = {
    // S3
    bucket: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    bucketEncryption: [
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    ],
    bucketPolicy: ["aws:s3/bucketPolicy:BucketPolicy"],
    bucketWebsite: [
        "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration",
        "aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2",
    ],
    bucketObject: ["aws:s3/bucketObject:BucketObject", "aws:s3/bucketObjectv2:BucketObjectv2"],
    objectCopy: ["aws:s3/objectCopy:ObjectCopy"],
    bucketPublicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
    bucketOwnershipControls: ["aws:s3/bucketOwnershipControls:BucketOwnershipControls"],
    bucketVersioning: ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"],
    bucketAcl: ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"],
    bucketCors: ["aws:s3/bucketCorsConfiguration:BucketCorsConfiguration", "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2"],
    bucketLifecycle: [
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
        "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
    ],
    bucketLogging: ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"],
    bucketObjectLock: [
        "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
        "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
    ],
    bucketReplication: ["aws:s3/bucketReplicationConfig:BucketReplicationConfig"],
    bucketRequestPayment: [
        "aws:s3/bucketRequestPaymentConfiguration:BucketRequestPaymentConfiguration",
        "aws:s3/bucketRequestPaymentConfigurationV2:BucketRequestPaymentConfigurationV2",
    ],
    bucketAccelerate: [
        "aws:s3/bucketAccelerateConfiguration:BucketAccelerateConfiguration",
        "aws:s3/bucketAccelerateConfigurationV2:BucketAccelerateConfigurationV2",
    ],
    // KMS
    kmsKey: ["aws:kms/key:Key"],
    // Customer-managed keys too: keys with imported material (and their multi-Region replicas), and replicas of multi-Region keys.
    kmsExternalKey: ["aws:kms/externalKey:ExternalKey", "aws:kms/replicaExternalKey:ReplicaExternalKey"],
    kmsReplicaKey: ["aws:kms/replicaKey:ReplicaKey"],
    kmsAlias: ["aws:kms/alias:Alias"],
    kmsKeyPolicy: ["aws:kms/keyPolicy:KeyPolicy"],
    // Load balancers
    loadBalancer: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    listener: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
    listenerRule: ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"],
    listenerCertificate: ["aws:lb/listenerCertificate:ListenerCertificate", "aws:alb/listenerCertificate:ListenerCertificate"],
    classicLoadBalancer: ["aws:elb/loadBalancer:LoadBalancer"],
    // Certificates
    acmCertificate: ["aws:acm/certificate:Certificate"],
    acmCertificateValidation: ["aws:acm/certificateValidation:CertificateValidation"],
    iamServerCertificate: ["aws:iam/serverCertificate:ServerCertificate"],
    tlsSelfSignedCert: ["tls:index/selfSignedCert:SelfSignedCert"],
    tlsLocallySignedCert: ["tls:index/locallySignedCert:LocallySignedCert"],
    // CloudFront and API Gateway
    cloudfrontDistribution: ["aws:cloudfront/distribution:Distribution"],
    apiGatewayDomainName: ["aws:apigateway/domainName:DomainName"],
    apiGatewayV2DomainName: ["aws:apigatewayv2/domainName:DomainName"],
    apiGatewayIntegration: ["aws:apigateway/integration:Integration"],
    apiGatewayV2Integration: ["aws:apigatewayv2/integration:Integration"],
    apiGatewayRestApi: ["aws:apigateway/restApi:RestApi"],
    apiGatewayV2Api: ["aws:apigatewayv2/api:Api"],
    // Other endpoints that serve an ACM certificate
    appsyncDomainName: ["aws:appsync/domainName:DomainName"],
    cognitoUserPoolDomain: ["aws:cognito/userPoolDomain:UserPoolDomain"],
    clientVpnEndpoint: ["aws:ec2clientvpn/endpoint:Endpoint"],
    searchDomain: ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"],
    // EC2 / VPC
    securityGroup: ["aws:ec2/securityGroup:SecurityGroup"],
    securityGroupRule: ["aws:ec2/securityGroupRule:SecurityGroupRule"],
    securityGroupIngressRule: ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"],
    securityGroupEgressRule: ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"],
    // IAM
    iamPolicy: ["aws:iam/policy:Policy"],
    iamRole: ["aws:iam/role:Role"],
    iamUser: ["aws:iam/user:User"],
    iamGroup: ["aws:iam/group:Group"],
    iamRolePolicy: ["aws:iam/rolePolicy:RolePolicy"],
    iamUserPolicy: ["aws:iam/userPolicy:UserPolicy"],
    iamGroupPolicy: ["aws:iam/groupPolicy:GroupPolicy"],
    iamRolePolicyAttachment: ["aws:iam/rolePolicyAttachment:RolePolicyAttachment"],
    iamUserPolicyAttachment: ["aws:iam/userPolicyAttachment:UserPolicyAttachment"],
    iamGroupPolicyAttachment: ["aws:iam/groupPolicyAttachment:GroupPolicyAttachment"],
    iamPolicyAttachment: ["aws:iam/policyAttachment:PolicyAttachment"],
    iamRolePoliciesExclusive: ["aws:iam/rolePoliciesExclusive:RolePoliciesExclusive"],
    iamRolePolicyAttachmentsExclusive: ["aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive"],
    iamInstanceProfile: ["aws:iam/instanceProfile:InstanceProfile"],
    iamOpenIdConnectProvider: ["aws:iam/openIdConnectProvider:OpenIdConnectProvider"],
    iamSamlProvider: ["aws:iam/samlProvider:SamlProvider"],
    // Resource policies on queues and topics
    sqsQueue: ["aws:sqs/queue:Queue"],
    sqsQueuePolicy: ["aws:sqs/queuePolicy:QueuePolicy"],
    snsTopic: ["aws:sns/topic:Topic"],
    snsTopicPolicy: ["aws:sns/topicPolicy:TopicPolicy"],
    // Compute that assumes roles
    lambdaFunction: ["aws:lambda/function:Function"],
    ecsTaskDefinition: ["aws:ecs/taskDefinition:TaskDefinition"],
    // Data stores encrypted at rest with KMS keys (EBS, RDS, DynamoDB, EFS, SQS, SNS, Secrets Manager)
    ebsVolume: ["aws:ebs/volume:Volume"],
    ebsEncryptionByDefault: ["aws:ebs/encryptionByDefault:EncryptionByDefault"],
    ebsDefaultKmsKey: ["aws:ebs/defaultKmsKey:DefaultKmsKey"],
    ec2Instance: ["aws:ec2/instance:Instance"],
    ec2LaunchTemplate: ["aws:ec2/launchTemplate:LaunchTemplate"],
    rdsInstance: ["aws:rds/instance:Instance"],
    rdsCluster: ["aws:rds/cluster:Cluster"],
    rdsClusterInstance: ["aws:rds/clusterInstance:ClusterInstance"],
    dynamodbTable: ["aws:dynamodb/table:Table"],
    efsFileSystem: ["aws:efs/fileSystem:FileSystem"],
    secretsManagerSecret: ["aws:secretsmanager/secret:Secret"],
    ecrPullThroughCacheRule: ["aws:ecr/pullThroughCacheRule:PullThroughCacheRule"],
    // Data stores whose encryption at rest names a KMS key in its own settings
    logGroup: ["aws:cloudwatch/logGroup:LogGroup"],
    ecrRepository: ["aws:ecr/repository:Repository"],
    eksCluster: ["aws:eks/cluster:Cluster"],
    elastiCacheReplicationGroup: ["aws:elasticache/replicationGroup:ReplicationGroup"],
    elastiCacheServerlessCache: ["aws:elasticache/serverlessCache:ServerlessCache"],
    redshiftCluster: ["aws:redshift/cluster:Cluster"],
    redshiftServerlessNamespace: ["aws:redshiftserverless/namespace:Namespace"],
    kinesisStream: ["aws:kinesis/stream:Stream"],
    firehoseDeliveryStream: ["aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"],
    backupVault: ["aws:backup/vault:Vault"],
    backupLogicallyAirGappedVault: ["aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault"],
    // Data stores, trails and functions whose encryption at rest is judged by the policies of
    // CloudTrail, DocumentDB, Neptune, MSK, MemoryDB, DAX, node-based ElastiCache, RDS snapshots
    // and Lambda environment variables
    cloudTrailTrail: ["aws:cloudtrail/trail:Trail"],
    cloudTrailEventDataStore: ["aws:cloudtrail/eventDataStore:EventDataStore"],
    docdbCluster: ["aws:docdb/cluster:Cluster"],
    docdbElasticCluster: ["aws:docdb/elasticCluster:ElasticCluster"],
    neptuneCluster: ["aws:neptune/cluster:Cluster"],
    mskServerlessCluster: ["aws:msk/serverlessCluster:ServerlessCluster"],
    memoryDbCluster: ["aws:memorydb/cluster:Cluster"],
    daxCluster: ["aws:dax/cluster:Cluster"],
    elastiCacheCluster: ["aws:elasticache/cluster:Cluster"],
    rdsSnapshotCopy: ["aws:rds/snapshotCopy:SnapshotCopy"],
    rdsClusterSnapshotCopy: ["aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy"],
    rdsGlobalCluster: ["aws:rds/globalCluster:GlobalCluster"],
    // Data stores judged for encryption in transit
    rdsParameterGroup: ["aws:rds/parameterGroup:ParameterGroup"],
    rdsClusterParameterGroup: ["aws:rds/clusterParameterGroup:ClusterParameterGroup"],
    redshiftParameterGroup: ["aws:redshift/parameterGroup:ParameterGroup"],
    mskCluster: ["aws:msk/cluster:Cluster"],
    // Invocation grants and the policies of IAM users
    lambdaPermission: ["aws:lambda/permission:Permission"],
    iamUserPoliciesExclusive: ["aws:iam/userPoliciesExclusive:UserPoliciesExclusive"],
    iamUserPolicyAttachmentsExclusive: ["aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive"],
    // Access controls: IAM database authentication (Neptune clusters above), account-wide public access blocks, function URLs, secret rotation
    s3AccountPublicAccessBlock: ["aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"],
    lambdaFunctionUrl: ["aws:lambda/functionUrl:FunctionUrl"],
    secretsManagerSecretRotation: ["aws:secretsmanager/secretRotation:SecretRotation"],
    // Services judged for encryption in transit by a setting of their own
    apiGatewayStage: ["aws:apigateway/stage:Stage"],
    docdbClusterParameterGroup: ["aws:docdb/clusterParameterGroup:ClusterParameterGroup"],
    rdsProxy: ["aws:rds/proxy:Proxy"],
    redshiftServerlessWorkgroup: ["aws:redshiftserverless/workgroup:Workgroup"],
    dmsEndpoint: ["aws:dms/endpoint:Endpoint"],
    efsFileSystemPolicy: ["aws:efs/fileSystemPolicy:FileSystemPolicy"],
    transferServer: ["aws:transfer/server:Server"],
    // Resource policies judged for public access, and where plaintext secrets hide
    ecrRepositoryPolicy: ["aws:ecr/repositoryPolicy:RepositoryPolicy"],
    secretsManagerSecretPolicy: ["aws:secretsmanager/secretPolicy:SecretPolicy"],
    searchDomainPolicy: ["aws:opensearch/domainPolicy:DomainPolicy", "aws:elasticsearch/domainPolicy:DomainPolicy"],
    eventBusPolicy: ["aws:cloudwatch/eventBusPolicy:EventBusPolicy"],
    codeBuildProject: ["aws:codebuild/project:Project"],
    // Analytics, machine learning, build and workflow services encrypted at rest with KMS keys
    sagemakerNotebookInstance: ["aws:sagemaker/notebookInstance:NotebookInstance"],
    sagemakerEndpointConfiguration: ["aws:sagemaker/endpointConfiguration:EndpointConfiguration"],
    sagemakerDomain: ["aws:sagemaker/domain:Domain"],
    glueDataCatalogEncryptionSettings: ["aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings"],
    glueSecurityConfiguration: ["aws:glue/securityConfiguration:SecurityConfiguration"],
    athenaWorkgroup: ["aws:athena/workgroup:Workgroup"],
    codebuildProject: ["aws:codebuild/project:Project"],
    codebuildReportGroup: ["aws:codebuild/reportGroup:ReportGroup"],
    emrSecurityConfiguration: ["aws:emr/securityConfiguration:SecurityConfiguration"],
    sfnStateMachine: ["aws:sfn/stateMachine:StateMachine"],
    sfnActivity: ["aws:sfn/activity:Activity"],
    timestreamDatabase: ["aws:timestreamwrite/database:Database"],
    ssmParameter: ["aws:ssm/parameter:Parameter"],
    apiGatewayMethodSettings: ["aws:apigateway/methodSettings:MethodSettings"],
    ec2LaunchConfiguration: ["aws:ec2/launchConfiguration:LaunchConfiguration"],
} as const satisfies Record<string, readonly string[]>;

export function isOneOf(type: string, tokens: readonly string[]): boolean {
    return tokens.includes(type);
}

let tableTokens: Set<string> | undefined;

/** Whether some policy reads resources of this type: it is in the table above. */
export function isReadByPolicies(type: string): boolean {
    tableTokens ??= new Set(Object.values(types).flat());
    return tableTokens.has(type);
}

/** The file that names, for each kind of the table above, the same AWS resource in other providers. */
export const counterpartsDataFile = "aws-native-counterparts.json";

export interface CounterpartData {
    /** Another provider's token → the @pulumi/aws token (the first of its kind's entry above) the policies judge that resource as. */
    counterparts: Record<string, string>;
    /** @pulumi/aws tokens of the table above with no resource of their own in another provider, and why. */
    noCounterpart: Record<string, string>;
}

let uncheckedTokens: Map<string, string> | undefined;

/**
 * Other providers' tokens of kinds the policies judge → the @pulumi/aws token they judge that kind
 * by. Derived from the table above, which holds every type a policy reads: a counterpart whose kind
 * no policy reads any more is not listed, and a test holds the data file complete for every kind.
 */
function unchecked(): Map<string, string> {
    if (uncheckedTokens === undefined) {
        const judged = new Set(Object.values(types).map((tokens) => tokens[0] as string));
        const data = JSON.parse(readFileSync(packDataPath(counterpartsDataFile), "utf8")) as CounterpartData;
        uncheckedTokens = new Map(Object.entries(data.counterparts).filter(([, judgedAs]) => judged.has(judgedAs)));
    }
    return uncheckedTokens;
}

/**
 * For a resource of a kind the baseline covers but of a provider the policies do not read
 * (aws-native), the @pulumi/aws type they would judge it as; undefined for every other type.
 * Such a resource is not judged, and a report must say so rather than count it as clean.
 */
export function coveredKindOf(type: string): string | undefined {
    return unchecked().get(type);
}
