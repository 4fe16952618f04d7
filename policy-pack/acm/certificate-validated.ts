import { isImported, isPrivateCa } from "../lib/certificates";
import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";

export const acmCertificateValidated = definePolicy({
    name: "acm-certificate-validated",
    description: "Every Amazon-issued ACM certificate must be validated in the stack by an aws.acm.CertificateValidation.",
    rationale:
        "ACM issues a certificate only after its domain is validated. Without a CertificateValidation (and its DNS records) in the " +
        "program, the certificate sits in PENDING_VALIDATION after `pulumi up`, endpoints cannot use it, and someone has to " +
        "finish the job by hand, outside the code.",
    domain: "encryption-in-transit",
    severity: "medium",
    remediationSteps:
        "Create the DNS records from the certificate's domainValidationOptions (aws.route53.Record) and an " +
        "aws.acm.CertificateValidation with certificateArn set to the certificate's arn and validationRecordFqdns to the " +
        "records' fqdns; have endpoints use the validation's certificateArn so they wait for it.",
    noRemediation: "validation needs DNS records in a zone (or e-mail approval) that the fix cannot know",
    messages: {
        notValidated: "ACM certificate '{{certificate}}' is issued by Amazon but no aws.acm.CertificateValidation in the stack validates it, so it stays PENDING_VALIDATION. Add a CertificateValidation with certificateArn set to its arn.",
    },
    checkStack(stack, ctx) {
        const validationTypes = [...types.acmCertificateValidation];
        for (const certificate of stack.ofType(...types.acmCertificate)) {
            // Imported and private-CA certificates are issued without domain validation.
            if (isImported(certificate.inputs) || isPrivateCa(certificate.inputs)) {
                continue;
            }
            if (stack.referrers(certificate, validationTypes, "certificateArn").length > 0) {
                continue;
            }
            if (stack.unresolvedReferrers(validationTypes, "certificateArn", certificate.type).length > 0) {
                ctx.undecided("a certificate validation's certificateArn is unknown", certificate.urn);
            } else {
                ctx.report("notValidated", { certificate: certificate.name }, certificate.urn);
            }
        }
    },
});
