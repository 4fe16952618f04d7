import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, Verdict, at, list, str } from "../lib/values";

/** What CloudFront applies when a custom certificate declares no minimumProtocolVersion. */
const defaultMinimumProtocolVersion = "TLSv1";

export const cloudfrontTlsPolicy = definePolicy<{ allowedMinimumProtocolVersions: string[]; recommendedMinimumProtocolVersion: string }>({
    name: "cloudfront-tls-policy",
    description:
        "A CloudFront distribution with aliases must serve them with an ACM certificate, SNI ('sni-only') and an allowed TLS 1.2+ security policy (minimumProtocolVersion).",
    rationale:
        "The viewer certificate's security policy decides which TLS versions and ciphers browsers may negotiate on the custom domain: the " +
        "default 'TLSv1' accepts TLS 1.0 and 1.1, which have practical attacks. Dedicated-IP ('vip') serving only exists for clients without SNI " +
        "and allows no policy newer than TLSv1, and certificates outside ACM are renewed by hand and expire. A distribution without aliases serves " +
        "only its *.cloudfront.net name with CloudFront's own certificate, whose security policy cannot be chosen, so it is not judged here.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "In the viewerCertificate of the aws.cloudfront.Distribution set acmCertificateArn to an aws.acm.Certificate in us-east-1 that covers " +
        "every alias, sslSupportMethod to 'sni-only' and minimumProtocolVersion to 'TLSv1.2_2021' (or 'TLSv1.2_2025' / 'TLSv1.3_2025').",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "CloudFront.8", specification: "CloudFront distributions should use SNI to serve HTTPS requests" },
    parameters: {
        allowedMinimumProtocolVersions: {
            type: "array",
            items: { type: "string" },
            description: "CloudFront viewer security policies (viewerCertificate.minimumProtocolVersion) a distribution with aliases may use.",
            default: ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"],
        },
        recommendedMinimumProtocolVersion: {
            type: "string",
            description: "The viewer security policy the fix at enforcement level remediate sets; it fixes nothing unless allowedMinimumProtocolVersions lists it.",
            default: "TLSv1.2_2021",
        },
    },
    messages: {
        notAcmCertificate:
            "CloudFront distribution '{{distribution}}' serves its aliases ({{aliases}}) with {{instead}}, not an ACM certificate. " +
            "Set viewerCertificate.acmCertificateArn to a us-east-1 ACM certificate that covers the aliases.",
        notSniOnly:
            "CloudFront distribution '{{distribution}}' serves HTTPS with sslSupportMethod {{method}}. Set viewerCertificate.sslSupportMethod to 'sni-only'.",
        protocolVersionNotAllowed:
            "CloudFront distribution '{{distribution}}' accepts viewers with security policy {{version}}, not one of the allowed {{allowed}}. " +
            "Set viewerCertificate.minimumProtocolVersion to one of them.",
    },
    resourceTypes: [...types.cloudfrontDistribution],
    remediation: {
        summary:
            "Sets viewerCertificate.minimumProtocolVersion to recommendedMinimumProtocolVersion on a distribution with aliases " +
            "whose certificate (ACM or IAM) uses a version not allowed (updated in place). The certificate and sslSupportMethod " +
            "are not changed: a fix never invents a certificate, and moving from a dedicated IP to SNI drops clients without SNI.",
        resourceTypes: [...types.cloudfrontDistribution],
        fix(props, config) {
            const aliases = list(at(props, "aliases"));
            const viewer = props.viewerCertificate;
            if (aliases === UNKNOWN || aliases.length === 0 || viewer === null || typeof viewer !== "object" || Array.isArray(viewer)) {
                return [];
            }
            if (!isDeclared(at(viewer, "acmCertificateArn")) && !isDeclared(at(viewer, "iamCertificateId"))) {
                return [];
            }
            const version = str(at(viewer, "minimumProtocolVersion"));
            const effective = version === undefined || version === "" ? defaultMinimumProtocolVersion : version;
            const allowed = config.allowedMinimumProtocolVersions;
            if (effective === UNKNOWN || allowed.includes(effective) || !allowed.includes(config.recommendedMinimumProtocolVersion)) {
                return [];
            }
            return [{ path: ["viewerCertificate", "minimumProtocolVersion"], value: config.recommendedMinimumProtocolVersion }];
        },
    },
    checkResource(distribution, ctx) {
        const aliases = list(at(distribution.props, "aliases"));
        // Without aliases, viewers reach only *.cloudfront.net, served with CloudFront's own certificate on a security
        // policy (TLSv1) that no setting changes: nothing on the distribution could be fixed, so the catalog judges only
        // distributions with aliases.
        if (aliases !== UNKNOWN && aliases.length === 0) {
            ctx.notApplicable("the distribution has no aliases: it serves only its *.cloudfront.net name, with CloudFront's default certificate and security policy");
        }
        const viewer = at(distribution.props, "viewerCertificate");
        const judgements: Judgement[] =
            viewer === UNKNOWN ? [{ verdict: "unknown", what: "viewerCertificate is unknown" }] : judgeViewerCertificate(viewer, ctx.config.allowedMinimumProtocolVersions);
        // With unknown aliases the distribution may have none, and then nothing here applies.
        if (aliases === UNKNOWN) {
            if (judgements.some((j) => j.verdict !== "pass")) {
                ctx.undecided("aliases are unknown");
            }
            return;
        }
        const known = aliases.map(str).filter((a): a is string => typeof a === "string");
        for (const j of judgements) {
            if (j.verdict === "fail") {
                ctx.report(j.messageId!, { distribution: distribution.name, aliases: known.length > 0 ? known.map((a) => `'${a}'`) : "unknown until deployment", ...j.data });
            } else if (j.verdict === "unknown") {
                ctx.undecided(j.what!);
            }
        }
    },
});

interface Judgement {
    verdict: Verdict;
    messageId?: string;
    data?: Record<string, unknown>;
    what?: string;
}

function judgeViewerCertificate(viewer: unknown, allowed: string[]): Judgement[] {
    // acmCertificateArn takes only ACM ARNs, so a declared one is an ACM certificate even while its value is unknown.
    if (!isDeclared(at(viewer, "acmCertificateArn"))) {
        const iamCertificate = isDeclared(at(viewer, "iamCertificateId"));
        const notAcm: Judgement = {
            verdict: "fail",
            messageId: "notAcmCertificate",
            data: { instead: iamCertificate ? "an IAM server certificate (iamCertificateId)" : "the default *.cloudfront.net certificate" },
        };
        // The default certificate has no security policy to choose; an IAM certificate has, so it is judged too.
        if (!iamCertificate) {
            return [notAcm];
        }
        return [notAcm, ...judgeSecurityPolicy(viewer, allowed)];
    }
    return judgeSecurityPolicy(viewer, allowed);
}

function judgeSecurityPolicy(viewer: unknown, allowed: string[]): Judgement[] {
    const method = str(at(viewer, "sslSupportMethod"));
    const version = str(at(viewer, "minimumProtocolVersion"));
    // The provider sends an empty version as no version: CloudFront applies its default.
    const effective = version === undefined || version === "" ? defaultMinimumProtocolVersion : version;
    return [
        method === UNKNOWN
            ? { verdict: "unknown", what: "viewerCertificate.sslSupportMethod is unknown" }
            : { verdict: method === "sni-only" ? "pass" : "fail", messageId: "notSniOnly", data: { method: method === undefined ? "unset" : `'${method}'` } },
        effective === UNKNOWN
            ? { verdict: "unknown", what: "viewerCertificate.minimumProtocolVersion is unknown" }
            : {
                  verdict: allowed.includes(effective) ? "pass" : "fail",
                  messageId: "protocolVersionNotAllowed",
                  data: {
                      version:
                          version === undefined
                              ? `'${defaultMinimumProtocolVersion}' (the default when minimumProtocolVersion is unset)`
                              : version === ""
                                ? `'${defaultMinimumProtocolVersion}' (the default: minimumProtocolVersion is empty)`
                                : `'${effective}'`,
                      allowed: allowed.map((v) => `'${v}'`),
                  },
              },
    ];
}

function isDeclared(value: unknown): boolean {
    return value !== undefined && value !== null && value !== "";
}
