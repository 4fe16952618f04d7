// The reference stack: what a team copies to start a secure AWS setup. It passes every policy of
// the aws-secure-baseline pack with no diagnostic, at preview and after deployment.
//
//   data key (KMS, rotating)  ──encrypts──▶  data bucket (SSE-KMS, private), function log group and variables
//   API function (Lambda, app role) ◀── load balancer (HTTPS; HTTP only redirects) and HTTP API
//   CloudFront (HTTPS, TLS 1.2+) ──origin access control──▶ data bucket
//   deployer role (CI via OIDC, one repository) ──updates──▶ function code
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { readConfig } from "./config";
import { dataBucket, dataKey, protectBucket } from "./data";
import { distribution, httpApi, loadBalancer, validatedCertificate } from "./endpoints";
import { appRole, deployerRole, roleArns } from "./iam";

export = async () => {
    const config = readConfig();
    // Invokes answer at preview, so names and ARNs built from these are known before deployment.
    const { accountId } = await aws.getCallerIdentity();
    const { region } = await aws.getRegion();
    const prefix = `${pulumi.getProject()}-${pulumi.getStack()}`.toLowerCase().replace(/[^a-z0-9-]/g, "-").slice(0, 40);
    const names = { prefix, accountId, region };
    const arns = roleArns(names);

    const logGroupName = `/aws/lambda/${arns.functionName}`;
    const logGroupArn = `arn:aws:logs:${region}:${accountId}:log-group:${logGroupName}`;
    const functionArn = `arn:aws:lambda:${region}:${accountId}:function:${arns.functionName}`;
    const key = dataKey({ prefix, accountId, region, keyAdministratorArn: config.keyAdministratorArn, appRoleArn: arns.appRoleArn, logGroupArn, functionArn });
    new aws.kms.Alias("data-key", { name: `alias/${prefix}-data`, targetKeyId: key.keyId });
    const bucket = dataBucket(prefix, accountId);

    // Encrypted with the data key: the key policy lets CloudWatch Logs use it for this log group only.
    const logGroup = new aws.cloudwatch.LogGroup("api", { name: logGroupName, retentionInDays: 30, kmsKeyId: key.arn });
    const role = appRole(names, { bucketArn: bucket.arn, key }, logGroupArn);
    deployerRole(names, { repository: config.ciRepository, ref: config.ciRef });

    const fn = new aws.lambda.Function("api", {
        name: arns.functionName,
        role: role.arn,
        runtime: aws.lambda.Runtime.NodeJS20dX,
        handler: "index.handler",
        environment: { variables: { DATA_BUCKET: bucket.name } },
        // The variables are encrypted with the data key, not Lambda's AWS managed aws/lambda key.
        kmsKeyArn: key.arn,
        code: new pulumi.asset.AssetArchive({
            "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ statusCode: 200, body: 'ok' });\n"),
        }),
    }, { dependsOn: [logGroup] });

    const appDomain = `app.${config.domain}`;
    const apiDomain = `api.${config.domain}`;
    const cdnDomain = `cdn.${config.domain}`;
    const regional = validatedCertificate("regional", [appDomain, apiDomain], config.hostedZoneId);
    // CloudFront takes certificates from us-east-1 only, whatever the stack's region.
    const usEast1 = new aws.Provider("us-east-1", { region: "us-east-1" });
    const global = validatedCertificate("cdn", [cdnDomain], config.hostedZoneId, { provider: usEast1 });

    const endpointArgs = { prefix, region, accountId, zoneId: config.hostedZoneId, appDomain, apiDomain, vpcId: config.vpcId, subnetIds: config.publicSubnetIds, fn };
    const lb = loadBalancer(endpointArgs, regional);
    httpApi(endpointArgs, regional);
    const cdn = distribution({ prefix, zoneId: config.hostedZoneId, domain: cdnDomain, bucket: bucket.bucket }, global);
    protectBucket(bucket, key, cdn.arn);

    return {
        bucketName: bucket.name,
        keyArn: key.arn,
        appUrl: `https://${appDomain}`,
        apiUrl: `https://${apiDomain}`,
        cdnUrl: `https://${cdnDomain}`,
        loadBalancerDns: lb.dnsName,
    };
};
