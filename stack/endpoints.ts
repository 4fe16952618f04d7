// HTTPS-only endpoints in front of the data: a load balancer and an HTTP API for the function,
// and a CloudFront distribution serving the bucket privately. Every certificate comes from ACM,
// is validated through DNS in the stack (so nothing waits for a person), and is attached.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** An ACM certificate for some names, validated through DNS records in the hosted zone. */
export function validatedCertificate(name: string, domains: string[], zoneId: string, opts?: pulumi.CustomResourceOptions): aws.acm.CertificateValidation {
    const certificate = new aws.acm.Certificate(name, {
        domainName: domains[0],
        subjectAlternativeNames: domains.slice(1),
        validationMethod: "DNS",
        keyAlgorithm: "EC_prime256v1",
    }, opts);
    const records = domains.map((domain, i) => {
        const option = certificate.domainValidationOptions.apply((all) => all.find((o) => o.domainName === domain)!);
        return new aws.route53.Record(`${name}-validation-${i}`, {
            zoneId,
            name: option.resourceRecordName,
            type: option.resourceRecordType,
            records: [option.resourceRecordValue],
            ttl: 60,
            allowOverwrite: true,
        });
    });
    return new aws.acm.CertificateValidation(name, {
        certificateArn: certificate.arn,
        validationRecordFqdns: records.map((r) => r.fqdn),
    }, opts);
}

function alias(name: string, zoneId: string, domain: string, target: { name: pulumi.Input<string>; zoneId: pulumi.Input<string> }): aws.route53.Record {
    return new aws.route53.Record(name, {
        zoneId,
        name: domain,
        type: "A",
        aliases: [{ name: target.name, zoneId: target.zoneId, evaluateTargetHealth: false }],
    });
}

export interface FunctionEndpointsArgs {
    prefix: string;
    region: string;
    accountId: string;
    zoneId: string;
    appDomain: string;
    apiDomain: string;
    vpcId: string;
    subnetIds: string[];
    fn: aws.lambda.Function;
}

/**
 * The load balancer: HTTPS on 443 with a TLS 1.3 policy, and a port-80 listener whose only job
 * is a permanent redirect to HTTPS, so that people typing the bare name still end up encrypted.
 * Its security group opens 443 and 80 to the world and nothing else; port 80 is acceptable only
 * because every port-80 listener of every load balancer using the group redirects.
 */
export function loadBalancer(args: FunctionEndpointsArgs, certificate: aws.acm.CertificateValidation): aws.lb.LoadBalancer {
    const group = new aws.ec2.SecurityGroup("alb", {
        name: `${args.prefix}-alb`,
        description: "Load balancer: HTTPS, and HTTP only to redirect to HTTPS",
        vpcId: args.vpcId,
    });
    for (const port of [443, 80]) {
        for (const [family, cidr] of [["ipv4", "0.0.0.0/0"], ["ipv6", "::/0"]] as const) {
            new aws.vpc.SecurityGroupIngressRule(`alb-${port}-${family}`, {
                securityGroupId: group.id,
                ipProtocol: "tcp",
                fromPort: port,
                toPort: port,
                ...(family === "ipv4" ? { cidrIpv4: cidr } : { cidrIpv6: cidr }),
                description: port === 443 ? "HTTPS" : "HTTP, redirected to HTTPS by the listener",
            });
        }
    }
    const lb = new aws.lb.LoadBalancer("alb", {
        name: `${args.prefix}-alb`,
        loadBalancerType: "application",
        internal: false,
        ipAddressType: "dualstack",
        securityGroups: [group.id],
        subnets: args.subnetIds,
        // Header fields with invalid names are dropped, and ambiguous (desync) requests blocked,
        // rather than passed to the function for it to interpret differently.
        dropInvalidHeaderFields: true,
        desyncMitigationMode: "defensive",
    });
    const targets = new aws.lb.TargetGroup("api", { name: `${args.prefix}-api`, targetType: "lambda" });
    const permission = new aws.lambda.Permission("alb-invoke", {
        action: "lambda:InvokeFunction",
        function: args.fn.name,
        principal: "elasticloadbalancing.amazonaws.com",
        sourceArn: targets.arn,
    });
    new aws.lb.TargetGroupAttachment("api", { targetGroupArn: targets.arn, targetId: args.fn.arn }, { dependsOn: [permission] });
    new aws.lb.Listener("https", {
        loadBalancerArn: lb.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        certificateArn: certificate.certificateArn,
        defaultActions: [{ type: "forward", targetGroupArn: targets.arn }],
    });
    new aws.lb.Listener("http-redirect", {
        loadBalancerArn: lb.arn,
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    });
    alias("app", args.zoneId, args.appDomain, { name: lb.dnsName, zoneId: lb.zoneId });
    return lb;
}

/** An HTTP API on its own domain (TLS 1.2 minimum); the default execute-api endpoint is off. */
export function httpApi(args: FunctionEndpointsArgs, certificate: aws.acm.CertificateValidation): aws.apigatewayv2.Api {
    const api = new aws.apigatewayv2.Api("api", { name: `${args.prefix}-api`, protocolType: "HTTP", disableExecuteApiEndpoint: true });
    const integration = new aws.apigatewayv2.Integration("api", {
        apiId: api.id,
        integrationType: "AWS_PROXY",
        integrationUri: args.fn.arn,
        payloadFormatVersion: "2.0",
    });
    new aws.apigatewayv2.Route("api", { apiId: api.id, routeKey: "ANY /{proxy+}", target: pulumi.interpolate`integrations/${integration.id}` });
    const stage = new aws.apigatewayv2.Stage("api", { apiId: api.id, name: "$default", autoDeploy: true });
    new aws.lambda.Permission("api-invoke", {
        action: "lambda:InvokeFunction",
        function: args.fn.name,
        principal: "apigateway.amazonaws.com",
        sourceArn: pulumi.interpolate`${api.executionArn}/*/*`,
    });
    const domain = new aws.apigatewayv2.DomainName("api", {
        domainName: args.apiDomain,
        domainNameConfiguration: { certificateArn: certificate.certificateArn, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
    });
    new aws.apigatewayv2.ApiMapping("api", { apiId: api.id, domainName: domain.id, stage: stage.id });
    alias("api", args.zoneId, args.apiDomain, {
        name: domain.domainNameConfiguration.apply((c) => c.targetDomainName!),
        zoneId: domain.domainNameConfiguration.apply((c) => c.hostedZoneId!),
    });
    return api;
}

/**
 * CloudFront in front of the private bucket: origin access control signs every request to S3
 * (the bucket allows only this distribution), viewers are redirected to HTTPS, and the custom
 * domain is served with an ACM certificate from us-east-1 (where CloudFront requires it) and
 * TLS 1.2 at least.
 */
export function distribution(args: { prefix: string; zoneId: string; domain: string; bucket: aws.s3.Bucket }, certificate: aws.acm.CertificateValidation): aws.cloudfront.Distribution {
    const oac = new aws.cloudfront.OriginAccessControl("data", {
        name: `${args.prefix}-data`,
        description: "Signs CloudFront's requests to the data bucket",
        originAccessControlOriginType: "s3",
        signingBehavior: "always",
        signingProtocol: "sigv4",
    });
    const cdn = new aws.cloudfront.Distribution("cdn", {
        enabled: true,
        comment: `${args.prefix} private data bucket`,
        aliases: [args.domain],
        isIpv6Enabled: true,
        httpVersion: "http2and3",
        priceClass: "PriceClass_100",
        defaultRootObject: "index.html",
        origins: [{ originId: "data", domainName: args.bucket.bucketRegionalDomainName, originAccessControlId: oac.id }],
        defaultCacheBehavior: {
            targetOriginId: "data",
            viewerProtocolPolicy: "redirect-to-https",
            allowedMethods: ["GET", "HEAD"],
            cachedMethods: ["GET", "HEAD"],
            // The AWS managed CachingOptimized policy.
            cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
            compress: true,
        },
        viewerCertificate: {
            acmCertificateArn: certificate.certificateArn,
            sslSupportMethod: "sni-only",
            minimumProtocolVersion: "TLSv1.2_2021",
        },
        restrictions: { geoRestriction: { restrictionType: "none" } },
    });
    alias("cdn", args.zoneId, args.domain, { name: cdn.domainName, zoneId: cdn.hostedZoneId });
    return cdn;
}
