import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { isOneOf, types } from "../lib/types";

export const tlsNoSelfSignedCertificates = definePolicy({
    name: "tls-no-self-signed-certificates",
    description: "The stack must not create self-signed or locally signed certificates, nor IAM server certificates: endpoint certificates come from ACM.",
    rationale:
        "A self-signed or locally signed certificate is trusted by no client, so it either breaks clients or teaches them to skip " +
        "certificate checks, which opens the door to interception. An IAM server certificate carries a private key that passed " +
        "through the program and its state, and nobody renews it.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "Replace tls.SelfSignedCert, tls.LocallySignedCert and aws.iam.ServerCertificate with an aws.acm.Certificate " +
        "(validationMethod 'DNS') plus an aws.acm.CertificateValidation, and point the endpoint's certificate ARN at it.",
    noRemediation: noSafeFix.certificate,
    messages: {
        selfSigned: "Self-signed certificate '{{certificate}}' (tls.SelfSignedCert) is trusted by no client. Use an aws.acm.Certificate validated by DNS instead.",
        locallySigned: "Certificate '{{certificate}}' (tls.LocallySignedCert) is signed by a private local CA that clients do not trust. Use an aws.acm.Certificate validated by DNS instead.",
        iamServerCertificate: "IAM server certificate '{{certificate}}' holds uploaded key material that nobody renews. Use an aws.acm.Certificate validated by DNS instead.",
    },
    resourceTypes: [...types.tlsSelfSignedCert, ...types.tlsLocallySignedCert, ...types.iamServerCertificate],
    checkResource(certificate, ctx) {
        const data = { certificate: certificate.name };
        if (isOneOf(certificate.type, types.tlsSelfSignedCert)) {
            ctx.report("selfSigned", data);
        } else if (isOneOf(certificate.type, types.tlsLocallySignedCert)) {
            ctx.report("locallySigned", data);
        } else {
            ctx.report("iamServerCertificate", data);
        }
    },
});
