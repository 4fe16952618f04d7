import { expect } from "chai";
import { acmCertificateTrusted } from "../../policy-pack/acm/certificate-trusted";
import { caseTable, findings } from "../lib/cases";
import { resource, secret, unknown } from "../lib/fixtures";
import { TestCertificate, testCertificates } from "../lib/test-certificates";

const certificateType = "aws:acm/certificate:Certificate";
const privateCaArn = "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/12345678-1234-1234-1234-123456789012";
const pems = testCertificates();

const requested = (name: string, change: Record<string, unknown> = {}) => resource(certificateType, name, { domainName: "www.example.com", validationMethod: "DNS", ...change });
const imported = (name: string, pem: TestCertificate, change: Record<string, unknown> = {}) =>
    resource(certificateType, name, { certificateBody: pem.certificate, privateKey: secret(pem.privateKey), certificateChain: pems.ca.certificate, ...change });
const allowImported = { "acm-certificate-trusted": { allowImported: true } };

caseTable(acmCertificateTrusted, [
    { name: "pass_dns_validated", resources: [requested("pass_dns")], expect: [] },
    { name: "pass_dns_lower_case", resources: [requested("pass_dns_lower", { validationMethod: "dns" })], expect: [] },
    { name: "pass_email_validation_allowed", resources: [requested("pass_email")], config: { "acm-certificate-trusted": { allowEmailValidation: true } }, expect: [] },
    { name: "pass_imported_ca_signed_when_allowed", resources: [imported("pass_imported", pems.leaf)], config: allowImported, expect: [] },
    { name: "pass_imported_ecdsa_when_allowed", resources: [imported("pass_ecdsa", pems.ecdsaLeaf)], config: allowImported, expect: [] },
    { name: "pass_imported_body_as_secret", resources: [imported("pass_secret_body", pems.leaf, { certificateBody: secret(pems.leaf.certificate) })], config: allowImported, expect: [] },
    {
        name: "pass_private_ca_when_allowed",
        resources: [requested("pass_private", { validationMethod: undefined, certificateAuthorityArn: privateCaArn })],
        config: { "acm-certificate-trusted": { allowPrivateCa: true } },
        expect: [],
    },

    { name: "fail_email_validation", resources: [requested("fail_email", { validationMethod: "EMAIL" })], expect: [{ on: "fail_email", id: "notDnsValidated" }] },
    { name: "fail_validation_method_unset", resources: [requested("fail_no_method", { validationMethod: undefined })], expect: [{ on: "fail_no_method", id: "notDnsValidated" }] },
    { name: "fail_imported_by_default", resources: [imported("fail_imported", pems.leaf)], expect: [{ on: "fail_imported", id: "imported" }] },
    { name: "fail_imported_with_write_only_key", resources: [resource(certificateType, "fail_imported_wo", { certificateBody: pems.leaf.certificate, privateKeyWo: secret(pems.leaf.privateKey), privateKeyWoVersion: 1 })], expect: [{ on: "fail_imported_wo", id: "imported" }] },
    { name: "fail_self_signed", resources: [imported("fail_self_signed", pems.selfSigned)], config: allowImported, expect: [{ on: "fail_self_signed", id: "selfSigned" }] },
    {
        name: "fail_self_signed_and_imported_by_default",
        resources: [imported("fail_self_signed_default", pems.selfSigned)],
        expect: [
            { on: "fail_self_signed_default", id: "imported" },
            { on: "fail_self_signed_default", id: "selfSigned" },
        ],
    },
    { name: "fail_expired", resources: [imported("fail_expired", pems.expired)], config: allowImported, expect: [{ on: "fail_expired", id: "expired" }] },
    { name: "fail_sha1_signature", resources: [imported("fail_sha1", pems.sha1)], config: allowImported, expect: [{ on: "fail_sha1", id: "weakSignature" }] },
    { name: "fail_rsa_1536", resources: [imported("fail_rsa1536", pems.rsa1536)], config: allowImported, expect: [{ on: "fail_rsa1536", id: "weakRsaKey" }] },
    { name: "fail_rsa_1024", resources: [imported("fail_rsa1024", pems.rsa1024)], config: allowImported, expect: [{ on: "fail_rsa1024", id: "weakRsaKey" }] },
    { name: "fail_body_not_a_certificate", resources: [imported("fail_unreadable", pems.leaf, { certificateBody: "not a certificate" })], config: allowImported, expect: [{ on: "fail_unreadable", id: "unreadable" }] },
    { name: "fail_private_ca", resources: [requested("fail_private", { validationMethod: undefined, certificateAuthorityArn: privateCaArn })], expect: [{ on: "fail_private", id: "privateCa" }] },
    {
        name: "fail_private_ca_arn_unknown",
        resources: [requested("fail_private_unknown", { validationMethod: undefined, certificateAuthorityArn: unknown.string })],
        expect: [{ on: "fail_private_unknown", id: "privateCa" }],
    },
    {
        name: "fail_imported_body_unknown_but_imports_not_allowed",
        resources: [imported("fail_imported_unknown", pems.leaf, { certificateBody: unknown.string })],
        expect: [{ on: "fail_imported_unknown", id: "imported" }],
    },

    { name: "na_other_type", resources: [resource("aws:iam/serverCertificate:ServerCertificate", "na_server_cert", {})], expect: [], notApplicable: ["na_server_cert"] },
    { name: "unknown_validation_method", resources: [requested("unknown_method", { validationMethod: unknown.string })], expect: [{ on: "unknown_method", id: "undecided" }] },
    {
        name: "unknown_body_when_imports_allowed",
        resources: [imported("unknown_body", pems.leaf, { certificateBody: unknown.string })],
        config: allowImported,
        expect: [{ on: "unknown_body", id: "undecided" }],
    },
]);

describe("acm-certificate-trusted messages", () => {
    it("never contain certificate or private key material", async () => {
        const failing = [pems.selfSigned, pems.expired, pems.sha1, pems.rsa1024].map((pem, i) => imported(`fail_${i}`, pem));
        const { result } = await findings(acmCertificateTrusted, failing);
        const messages = result.diagnostics.filter((d) => d.policyName === "acm-certificate-trusted").map((d) => d.message);
        expect(messages).to.have.length(8);
        const material = [pems.selfSigned, pems.expired, pems.sha1, pems.rsa1024, pems.ca].flatMap((pem) =>
            [pem.certificate, pem.privateKey].flatMap((text) => text.split("\n").filter((line) => line.length >= 16)),
        );
        for (const message of messages) {
            expect(message).to.not.match(/BEGIN|PRIVATE KEY|CERTIFICATE-----/);
            for (const line of material) {
                expect(message).to.not.contain(line);
            }
        }
    });
});
