// Roles split by responsibility. The application role reads and writes the data bucket's
// objects and nothing else; the deployer role ships new function code and can read no data.
// Neither has a wildcard action or resource, and each permission reaches its role once.
import * as aws from "@pulumi/aws";

export interface RoleNames {
    prefix: string;
    accountId: string;
    region: string;
}

/** Role names and ARNs derived from known values, so key and bucket policies are known at preview. */
export function roleArns({ prefix, accountId }: RoleNames) {
    return {
        appRoleName: `${prefix}-app`,
        appRoleArn: `arn:aws:iam::${accountId}:role/${prefix}-app`,
        deployerRoleName: `${prefix}-deployer`,
        functionName: `${prefix}-api`,
        functionArn: (region: string) => `arn:aws:lambda:${region}:${accountId}:function:${prefix}-api`,
    };
}

/** The role the function runs as: S3 object access through the data key, and its own logs. */
export function appRole(names: RoleNames, data: { bucketArn: string; key: aws.kms.Key }, logGroupArn: string): aws.iam.Role {
    const arns = roleArns(names);
    const role = new aws.iam.Role("app", {
        name: arns.appRoleName,
        description: "Runs the API function: reads and writes objects in the data bucket; no control-plane power.",
        assumeRolePolicy: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
        },
    });
    new aws.iam.RolePolicy("app-data-access", {
        role: role.name,
        policy: {
            Version: "2012-10-17",
            Statement: [
                { Sid: "DataObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${data.bucketArn}/*` },
                { Sid: "DataKeyThroughS3", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: data.key.arn },
                { Sid: "OwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroupArn}:*` },
            ],
        },
    });
    return role;
}

/**
 * The role CI assumes to deploy: GitHub's OIDC tokens for one repository and ref only. It can
 * publish new code for the API function and read the function's configuration; it can read no
 * data and change no permissions.
 */
export function deployerRole(names: RoleNames, ci: { repository: string; ref: string }): aws.iam.Role {
    const arns = roleArns(names);
    const issuer = "token.actions.githubusercontent.com";
    const provider = new aws.iam.OpenIdConnectProvider("github-actions", {
        url: `https://${issuer}`,
        clientIdLists: ["sts.amazonaws.com"],
    });
    const role = new aws.iam.Role("deployer", {
        name: arns.deployerRoleName,
        description: `Assumed by CI of ${ci.repository} (${ci.ref}) to deploy new function code; reads no data.`,
        assumeRolePolicy: {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Federated: `arn:aws:iam::${names.accountId}:oidc-provider/${issuer}` },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: {
                        StringEquals: {
                            [`${issuer}:aud`]: "sts.amazonaws.com",
                            [`${issuer}:sub`]: `repo:${ci.repository}:ref:${ci.ref}`,
                        },
                    },
                },
            ],
        },
    }, { dependsOn: [provider] });
    new aws.iam.RolePolicy("deployer-function-code", {
        role: role.name,
        policy: {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "ShipFunctionCode",
                    Effect: "Allow",
                    Action: ["lambda:UpdateFunctionCode", "lambda:PublishVersion", "lambda:GetFunction"],
                    Resource: arns.functionArn(names.region),
                },
            ],
        },
    });
    return role;
}
