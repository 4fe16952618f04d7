// The named cases of remediation at enforcement level `remediate`: a resource as the program
// declares it, the changes the policy's fix makes, and what stays reported. The runner's tests and
// the harness (the real analyzer server over gRPC) replay the same table.
import { ResourceState } from "../../policy-pack/lib/runner";
import { resource, secret, unknown } from "./fixtures";

export const key = "aws:kms/key:Key";
const listener = "aws:lb/listener:Listener";
const distribution = "aws:cloudfront/distribution:Distribution";
const instance = "aws:ec2/instance:Instance";
const launchTemplate = "aws:ec2/launchTemplate:LaunchTemplate";
const loadBalancer = "aws:lb/loadBalancer:LoadBalancer";
const classicLoadBalancer = "aws:elb/loadBalancer:LoadBalancer";
export const sseConfig = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";

export interface Case {
    name: string;
    policy: string;
    type: string;
    inputs: Record<string, unknown>;
    /** The changes as reports print them; [] when nothing is remediated. */
    changes: string[];
    /** The message ids still reported (mandatory) on the resource after the fix. */
    left: string[];
    level?: "remediate" | "mandatory";
}

export const cases: Case[] = [
    { name: "rotation off is turned on", policy: "kms-key-rotation-enabled", type: key, inputs: { enableKeyRotation: false }, changes: ["enableKeyRotation: false → true"], left: [] },
    {
        name: "a secret input of the key stays secret",
        policy: "kms-key-rotation-enabled",
        type: key,
        inputs: { enableKeyRotation: false, description: secret("key for the payroll export") },
        changes: ["enableKeyRotation: false → true"],
        left: [],
    },
    { name: "rotation unset is turned on", policy: "kms-key-rotation-enabled", type: key, inputs: {}, changes: ["enableKeyRotation: (unset) → true"], left: [] },
    {
        name: "a slow rotation period is lowered to the maximum",
        policy: "kms-key-rotation-enabled",
        type: key,
        inputs: { enableKeyRotation: true, rotationPeriodInDays: 730 },
        changes: ["rotationPeriodInDays: 730 → 365"],
        left: [],
    },
    { name: "an asymmetric key is not changed", policy: "kms-key-rotation-enabled", type: key, inputs: { customerMasterKeySpec: "RSA_2048" }, changes: [], left: [] },
    { name: "an unknown rotation flag is left alone", policy: "kms-key-rotation-enabled", type: key, inputs: { enableKeyRotation: unknown.bool }, changes: [], left: [] },
    { name: "a compliant key is not changed", policy: "kms-key-rotation-enabled", type: key, inputs: { enableKeyRotation: true }, changes: [], left: [] },
    {
        name: "at mandatory the fix does not run",
        policy: "kms-key-rotation-enabled",
        type: key,
        inputs: { enableKeyRotation: false },
        changes: [],
        left: ["rotationDisabled"],
        level: "mandatory",
    },
    { name: "a short deletion window is raised", policy: "kms-key-safe-deletion", type: key, inputs: { deletionWindowInDays: 7 }, changes: ["deletionWindowInDays: 7 → 30"], left: [] },
    {
        name: "a forwarding HTTP listener redirects to HTTPS",
        policy: "lb-listener-https-only",
        type: listener,
        inputs: { protocol: "HTTP", port: 80, defaultActions: [{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef" }] },
        changes: [
            'defaultActions[0].type: "forward" → "redirect"',
            'defaultActions[0].targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef" → (unset)',
            'defaultActions[0].redirect: (unset) → {"protocol":"HTTPS","port":"443","statusCode":"HTTP_301"}',
        ],
        left: [],
    },
    { name: "a plaintext TCP listener is not changed", policy: "lb-listener-https-only", type: listener, inputs: { protocol: "TCP", port: 5432 }, changes: [], left: ["plaintextTransport"] },
    {
        name: "an HTTPS listener without a policy gets the recommended one",
        policy: "lb-listener-tls-policy",
        type: listener,
        inputs: { protocol: "HTTPS", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" },
        changes: ['sslPolicy: (unset) → "ELBSecurityPolicy-TLS13-1-2-2021-06"'],
        left: [],
    },
    {
        name: "viewer policies allowing HTTP redirect to HTTPS",
        policy: "cloudfront-viewer-https",
        type: distribution,
        inputs: { defaultCacheBehavior: { viewerProtocolPolicy: "allow-all" }, orderedCacheBehaviors: [{ pathPattern: "/a/*", viewerProtocolPolicy: "https-only" }, { pathPattern: "/b/*", viewerProtocolPolicy: "allow-all" }] },
        changes: ['defaultCacheBehavior.viewerProtocolPolicy: "allow-all" → "redirect-to-https"', 'orderedCacheBehaviors[1].viewerProtocolPolicy: "allow-all" → "redirect-to-https"'],
        left: [],
    },
    {
        name: "an old viewer TLS version is raised; the dedicated-IP method stays a finding",
        policy: "cloudfront-tls-policy",
        type: distribution,
        inputs: { aliases: ["www.example.com"], viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc", sslSupportMethod: "vip", minimumProtocolVersion: "TLSv1" } },
        changes: ['viewerCertificate.minimumProtocolVersion: "TLSv1" → "TLSv1.2_2021"'],
        left: ["notSniOnly"],
    },
    {
        name: "the default certificate is not replaced",
        policy: "cloudfront-tls-policy",
        type: distribution,
        inputs: { aliases: ["www.example.com"], viewerCertificate: { cloudfrontDefaultCertificate: true } },
        changes: [],
        left: ["notAcmCertificate"],
    },
    {
        name: "an API Gateway domain on TLS 1.0 gets TLS_1_2",
        policy: "apigateway-tls",
        type: "aws:apigateway/domainName:DomainName",
        inputs: { domainName: "api.example.com", securityPolicy: "TLS_1_0", regionalCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" },
        changes: ['securityPolicy: "TLS_1_0" → "TLS_1_2"'],
        left: [],
    },
    {
        name: "an HTTP API domain's configuration gets TLS_1_2",
        policy: "apigateway-tls",
        type: "aws:apigatewayv2/domainName:DomainName",
        inputs: { domainName: "api.example.com", domainNameConfiguration: { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc", endpointType: "REGIONAL", securityPolicy: "TLS_1_0" } },
        changes: ['domainNameConfiguration.securityPolicy: "TLS_1_0" → "TLS_1_2"'],
        left: [],
    },
    {
        name: "a search domain enforces HTTPS with TLS 1.2; node-to-node encryption stays a finding",
        policy: "opensearch-domain-tls",
        type: "aws:opensearch/domain:Domain",
        inputs: { domainEndpointOptions: { enforceHttps: false, tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07" } },
        changes: ["domainEndpointOptions.enforceHttps: false → true", 'domainEndpointOptions.tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07" → "Policy-Min-TLS-1-2-2019-07"'],
        left: ["nodeToNodeDisabled"],
    },
    { name: "IMDSv1 allowed on an instance is refused", policy: "ec2-imdsv2-required", type: instance, inputs: { ami: "ami-0abcdef1234567890", instanceType: "t3.micro", metadataOptions: { httpTokens: "optional" } }, changes: ["metadataOptions.httpTokens: \"optional\" → \"required\""], left: [] },
    { name: "a launch template without metadata options requires IMDSv2", policy: "ec2-imdsv2-required", type: launchTemplate, inputs: { imageId: "ami-0abcdef1234567890" }, changes: ['metadataOptions: (unset) → {"httpTokens":"required"}'], left: [] },
    { name: "a list-shaped block (@pulumi/aws 6 state) is fixed in place", policy: "ec2-imdsv2-required", type: instance, inputs: { metadataOptions: [{ httpTokens: "optional" }] }, changes: ["metadataOptions[0].httpTokens: \"optional\" → \"required\""], left: [] },
    { name: "an instance that takes its launch template's setting is fixed on the template, not itself", policy: "ec2-imdsv2-required", type: instance, inputs: { launchTemplate: { id: "lt-0123456789abcdef0" } }, changes: [], left: [] },
    { name: "unknown httpTokens are left alone", policy: "ec2-imdsv2-required", type: instance, inputs: { metadataOptions: { httpTokens: unknown.string } }, changes: [], left: [] },
    { name: "an application load balancer that keeps invalid headers drops them", policy: "lb-drop-invalid-header-fields", type: loadBalancer, inputs: { loadBalancerType: "application", dropInvalidHeaderFields: false }, changes: ["dropInvalidHeaderFields: false → true"], left: [] },
    { name: "a load balancer of no declared type (an ALB) drops invalid headers", policy: "lb-drop-invalid-header-fields", type: loadBalancer, inputs: {}, changes: ["dropInvalidHeaderFields: (unset) → true"], left: [] },
    { name: "a load balancer that drops invalid headers is not changed", policy: "lb-drop-invalid-header-fields", type: loadBalancer, inputs: { dropInvalidHeaderFields: true }, changes: [], left: [] },
    { name: "a network load balancer is not changed", policy: "lb-drop-invalid-header-fields", type: loadBalancer, inputs: { loadBalancerType: "network" }, changes: [], left: [] },
    { name: "an unknown dropInvalidHeaderFields is left alone", policy: "lb-drop-invalid-header-fields", type: loadBalancer, inputs: { dropInvalidHeaderFields: unknown.bool }, changes: [], left: [] },
    { name: "an unknown load balancer type is left alone", policy: "lb-drop-invalid-header-fields", type: loadBalancer, inputs: { loadBalancerType: unknown.string }, changes: [], left: [] },
    { name: "an application load balancer in monitor mode becomes defensive", policy: "lb-desync-mitigation-mode", type: loadBalancer, inputs: { desyncMitigationMode: "monitor" }, changes: ['desyncMitigationMode: "monitor" → "defensive"'], left: [] },
    { name: "a classic load balancer in monitor mode becomes defensive", policy: "lb-desync-mitigation-mode", type: classicLoadBalancer, inputs: { desyncMitigationMode: "monitor" }, changes: ['desyncMitigationMode: "monitor" → "defensive"'], left: [] },
    { name: "a strictest load balancer is not changed", policy: "lb-desync-mitigation-mode", type: loadBalancer, inputs: { desyncMitigationMode: "strictest" }, changes: [], left: [] },
    { name: "a load balancer on AWS's default mode is not changed", policy: "lb-desync-mitigation-mode", type: classicLoadBalancer, inputs: {}, changes: [], left: [] },
    { name: "an unknown desync mode is left alone", policy: "lb-desync-mitigation-mode", type: loadBalancer, inputs: { desyncMitigationMode: unknown.string }, changes: [], left: [] },
];

/** The bucket the S3 stack checks judge, with its configuration resource. */
const bucket = resource("aws:s3/bucket:Bucket", "data", {});
const sseInputs = (rule: Record<string, unknown>) => ({ bucket: "data-bucket", rules: [rule] });
const kmsRule = { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:us-east-1:123456789012:key/1" } };

cases.push(
    { name: "a KMS rule gets a bucket key", policy: "s3-bucket-key-enabled", type: sseConfig, inputs: sseInputs({ ...kmsRule, blockedEncryptionTypes: ["SSE-C"] }), changes: ["rules[0].bucketKeyEnabled: (unset) → true"], left: [] },
    {
        name: "SSE-C is added to the blocked types",
        policy: "s3-bucket-block-sse-c",
        type: sseConfig,
        inputs: sseInputs({ ...kmsRule, bucketKeyEnabled: true, blockedEncryptionTypes: ["NONE"] }),
        changes: ['rules[0].blockedEncryptionTypes[1]: (unset) → "SSE-C"'],
        left: [],
    },
);

/** The resources a case previews: the subject, and for an S3 configuration the bucket it names. */
export function resourcesOf(c: Case): { subject: ResourceState; resources: ResourceState[] } {
    const subject = resource(c.type, "subject", c.inputs);
    if (c.type !== sseConfig) {
        return { subject, resources: [subject] };
    }
    // The configuration names its bucket by the bucket's id, as a real program does.
    const named = { ...subject, inputs: { ...c.inputs, bucket: bucket.urn }, propertyDependencies: { bucket: [bucket.urn] } };
    return { subject: named, resources: [{ ...bucket, outputs: { id: bucket.urn, bucket: bucket.urn } }, named] };
}
