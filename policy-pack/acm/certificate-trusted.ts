import { inspectPem, isImported, isPrivateCa } from "../lib/certificates";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { types } from "../lib/types";
import { UNKNOWN, at, str } from "../lib/values";

export const acmCertificateTrusted = definePolicy<{ allowImported: boolean; allowPrivateCa: boolean; allowEmailValidation: boolean }>({
    name: "acm-certificate-trusted",
    description: "ACM certificates must be publicly trusted, DNS-validated and issued by ACM; imported certificates, when allowed, must be CA-signed, current, SHA-256 or stronger and at least RSA-2048.",
    rationale:
        "Clients trust a certificate only when a public CA vouches for it: a self-signed, expired or SHA-1 certificate either breaks " +
        "clients or trains them to click through warnings, and a short RSA key can be factored. Imported certificates are never " +
        "renewed by ACM and their private keys were handled outside AWS; DNS validation renews unattended, email validation does not.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "Request the aws.acm.Certificate from ACM: set domainName and validationMethod 'DNS', and drop certificateBody, " +
        "privateKey and certificateChain. If a certificate must be imported (allowImported: true), import one issued by a " +
        "trusted CA, signed with SHA-256 or stronger, with an RSA key of at least 2048 bits (or ECDSA), and not expired.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "ACM.2", specification: "RSA certificates managed by ACM should use a key length of at least 2,048 bits" },
    parameters: {
        allowImported: { type: "boolean", description: "Allow certificates imported into ACM (certificateBody/privateKey); their PEM is still checked.", default: false },
        allowPrivateCa: { type: "boolean", description: "Allow certificates issued by an AWS Private CA (certificateAuthorityArn), e.g. for internal endpoints.", default: false },
        allowEmailValidation: { type: "boolean", description: "Allow Amazon-issued certificates validated by email instead of DNS.", default: false },
    },
    noRemediation: noSafeFix.certificate,
    messages: {
        imported: "ACM certificate '{{certificate}}' is imported (certificateBody/privateKey): ACM never renews it. Request it from ACM instead (domainName with validationMethod 'DNS'), or set allowImported.",
        selfSigned: "ACM certificate '{{certificate}}' imports a self-signed certificate, which clients do not trust. Import a certificate issued by a trusted CA, or request one from ACM.",
        expired: "ACM certificate '{{certificate}}' imports a certificate that expired on {{date}}. Import a current certificate, or request one from ACM, which renews it.",
        weakSignature: "ACM certificate '{{certificate}}' imports a certificate signed with {{algorithm}}, which allows forged certificates. Import one signed with SHA-256 or stronger.",
        weakRsaKey: "ACM certificate '{{certificate}}' imports a certificate with a {{bits}}-bit RSA key; at least 2048 bits are required. Import one with an RSA-2048 (or ECDSA) key.",
        unreadable: "ACM certificate '{{certificate}}' has a certificateBody that is not a PEM certificate, so it cannot be shown to be trusted. Set certificateBody to the PEM-encoded certificate.",
        privateCa: "ACM certificate '{{certificate}}' is issued by a private CA (certificateAuthorityArn), which public clients do not trust. Request a public certificate, or set allowPrivateCa for internal endpoints.",
        notDnsValidated: "ACM certificate '{{certificate}}' uses validationMethod '{{method}}' instead of 'DNS', so it cannot be validated and renewed unattended. Set validationMethod to 'DNS' and add an aws.acm.CertificateValidation.",
    },
    resourceTypes: [...types.acmCertificate],
    checkResource(certificate, ctx) {
        const data = { certificate: certificate.name };
        if (isImported(certificate.props)) {
            if (!ctx.config.allowImported) {
                ctx.report("imported", data);
            }
            const body = at(certificate.props, "certificateBody");
            if (body === UNKNOWN) {
                ctx.undecided("certificateBody is unknown");
            } else if (typeof body === "string" && body !== "") {
                const findings = inspectPem(body, new Date());
                if (!findings) {
                    ctx.report("unreadable", data);
                    return;
                }
                if (findings.selfSigned) {
                    ctx.report("selfSigned", data);
                }
                if (findings.expiredOn) {
                    ctx.report("expired", { ...data, date: findings.expiredOn.toISOString().slice(0, 10) });
                }
                if (findings.weakSignature) {
                    ctx.report("weakSignature", { ...data, algorithm: findings.weakSignature });
                }
                if (findings.weakRsaBits !== undefined) {
                    ctx.report("weakRsaKey", { ...data, bits: findings.weakRsaBits });
                }
            }
            return;
        }
        if (isPrivateCa(certificate.props)) {
            if (!ctx.config.allowPrivateCa) {
                ctx.report("privateCa", data);
            }
            return;
        }
        const method = str(certificate.props.validationMethod);
        if (method === UNKNOWN) {
            ctx.undecided("validationMethod is unknown");
            return;
        }
        const upper = method?.toUpperCase();
        if (upper !== "DNS" && !(upper === "EMAIL" && ctx.config.allowEmailValidation)) {
            ctx.report("notDnsValidated", { ...data, method: method ?? "(unset)" });
        }
    },
});
