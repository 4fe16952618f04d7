import { CertificateResolver, certificateReferences } from "../lib/certificates";
import { Node, StackGraph } from "../lib/graph";
import { CheckContext, definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { types } from "../lib/types";
import { UNKNOWN, at, isUnknown, list } from "../lib/values";

export const tlsCertificateAttached = definePolicy({
    name: "tls-certificate-attached",
    description: "Every ACM certificate in the stack must be attached to an endpoint, and every endpoint that serves a custom domain must have an ACM certificate.",
    rationale:
        "A certificate that nothing uses protects nothing: usually the endpoint it was made for still serves HTTP, the default " +
        "certificate, or an uploaded one. An endpoint that answers on a custom domain without an ACM certificate cannot offer " +
        "clients a valid, automatically renewed certificate for that name.",
    domain: "encryption-in-transit",
    severity: "medium",
    remediationSteps:
        "Point the endpoint at the certificate: aws.lb.Listener certificateArn (or aws.lb.ListenerCertificate), CloudFront " +
        "viewerCertificate.acmCertificateArn (a us-east-1 certificate), API Gateway DomainName certificateArn (edge) or " +
        "regionalCertificateArn, or apigatewayv2 DomainName domainNameConfiguration.certificateArn. Delete certificates that " +
        "no endpoint needs.",
    noRemediation: noSafeFix.certificate,
    messages: {
        unattached: "ACM certificate '{{certificate}}' is attached to nothing: no load balancer listener, listener certificate, CloudFront distribution or API Gateway domain in the stack uses it. Attach it to its endpoint, or delete it.",
        endpointWithoutAcmCertificate: "{{endpoint}} '{{name}}' serves a custom domain with {{instead}} instead of an ACM certificate. Set {{property}} to the ARN of an aws.acm.Certificate.",
        regionalDomainWithEdgeCertificate:
            "API Gateway domain '{{name}}' is REGIONAL but names its certificate only in certificateArn, the field of edge-optimized domains; a regional " +
            "domain serves the certificate in regionalCertificateArn. Set regionalCertificateArn to the ARN of an aws.acm.Certificate in the domain's region.",
    },
    checkStack(stack, ctx) {
        checkCertificatesAreUsed(stack, ctx);
        for (const distribution of stack.ofType(...types.cloudfrontDistribution)) {
            checkDistribution(distribution, ctx);
        }
        for (const domain of stack.ofType(...types.apiGatewayDomainName)) {
            const arns = [at(domain.inputs, "certificateArn"), at(domain.inputs, "regionalCertificateArn")];
            if (!arns.some(isPresent)) {
                const instead = isPresent(at(domain.inputs, "certificateBody")) ? "an uploaded certificate (certificateBody)" : "no certificate";
                reportEndpoint(ctx, domain, "API Gateway domain", instead, "certificateArn (edge) or regionalCertificateArn (regional)");
            } else if (isPresent(arns[0]) && !isPresent(arns[1])) {
                // The endpoint type is a string in @pulumi/aws 6 and later, a list of one before.
                const endpointTypes = list(at(domain.inputs, "endpointConfiguration", "types"));
                if (endpointTypes === UNKNOWN || endpointTypes.some(isUnknown)) {
                    ctx.undecided("the domain's endpoint type (endpointConfiguration.types) is unknown", domain.urn);
                } else if (endpointTypes.includes("REGIONAL")) {
                    ctx.report("regionalDomainWithEdgeCertificate", { name: domain.name }, domain.urn);
                }
            }
        }
        for (const domain of stack.ofType(...types.apiGatewayV2DomainName)) {
            const configuration = at(domain.inputs, "domainNameConfiguration");
            if (configuration === UNKNOWN) {
                ctx.undecided("domainNameConfiguration is unknown", domain.urn);
            } else if (!isPresent(at(configuration, "certificateArn"))) {
                reportEndpoint(ctx, domain, "API Gateway v2 domain", "no certificate", "domainNameConfiguration.certificateArn");
            }
        }
    },
});

/**
 * A certificate counts as used when an endpoint's certificate input resolves to it; a
 * validation's reference is not a use. One unresolvable reference may point at any certificate,
 * so it leaves the unused ones undecided rather than failed.
 */
function checkCertificatesAreUsed(stack: StackGraph, ctx: CheckContext<object>): void {
    const resolver = new CertificateResolver(stack);
    const used = new Set<Node>();
    let unresolved = false;
    for (const reference of certificateReferences(stack)) {
        const origin = resolver.origin(reference.node, reference.dependencyProp, reference.value);
        if (origin.kind === "acm") {
            origin.certificates.forEach((c) => used.add(c));
            unresolved ||= !origin.fullyResolved;
        } else if (origin.kind === "unknown") {
            unresolved = true;
        }
    }
    for (const certificate of stack.ofType(...types.acmCertificate)) {
        if (used.has(certificate)) {
            continue;
        }
        if (unresolved) {
            ctx.undecided("an endpoint's certificate ARN is unknown and may be this certificate's", certificate.urn);
        } else {
            ctx.report("unattached", { certificate: certificate.name }, certificate.urn);
        }
    }
}

/**
 * Only aliases make a distribution serve a custom domain; without them the default
 * *.cloudfront.net certificate is the right one. acmCertificateArn holds only ACM ARNs, so a
 * declared one (even unknown) is an ACM certificate.
 */
function checkDistribution(distribution: Node, ctx: CheckContext<object>): void {
    const viewer = at(distribution.inputs, "viewerCertificate");
    const aliases = list(at(distribution.inputs, "aliases"));
    if (viewer !== UNKNOWN && isPresent(at(viewer, "acmCertificateArn"))) {
        return;
    }
    if (aliases !== UNKNOWN && aliases.length === 0) {
        return;
    }
    if (viewer === UNKNOWN || aliases === UNKNOWN) {
        ctx.undecided(viewer === UNKNOWN ? "viewerCertificate is unknown" : "aliases are unknown", distribution.urn);
        return;
    }
    const instead = isPresent(at(viewer, "iamCertificateId")) ? "an IAM server certificate (iamCertificateId)" : "the default *.cloudfront.net certificate";
    reportEndpoint(ctx, distribution, "CloudFront distribution", instead, "viewerCertificate.acmCertificateArn");
}

function reportEndpoint(ctx: CheckContext<object>, endpoint: Node, kind: string, instead: string, property: string): void {
    ctx.report("endpointWithoutAcmCertificate", { endpoint: kind, name: endpoint.name, instead, property }, endpoint.urn);
}

/** Declared, even if unknown until another resource exists. */
function isPresent(value: unknown): boolean {
    return value !== undefined && value !== null && value !== "";
}
