import { tlsNoSelfSignedCertificates } from "../../policy-pack/acm/tls-no-self-signed-certificates";
import { caseTable } from "../lib/cases";
import { resource, secret, unknown } from "../lib/fixtures";
import { testCertificates } from "../lib/test-certificates";

const pems = testCertificates();
const selfSigned = (name: string, inputs: Record<string, unknown> = {}) =>
    resource("tls:index/selfSignedCert:SelfSignedCert", name, { privateKeyPem: secret(pems.selfSigned.privateKey), validityPeriodHours: 720, allowedUses: ["server_auth"], subject: { commonName: "self.example.com" }, ...inputs });
const locallySigned = (name: string) =>
    resource("tls:index/locallySignedCert:LocallySignedCert", name, {
        certRequestPem: "(csr)",
        caCertPem: pems.ca.certificate,
        caPrivateKeyPem: secret(pems.ca.privateKey),
        validityPeriodHours: 720,
        allowedUses: ["server_auth"],
    });
const serverCertificate = (name: string) => resource("aws:iam/serverCertificate:ServerCertificate", name, { certificateBody: pems.leaf.certificate, privateKey: secret(pems.leaf.privateKey) });

caseTable(tlsNoSelfSignedCertificates, [
    { name: "pass_acm_certificate_not_checked", resources: [resource("aws:acm/certificate:Certificate", "pass_acm", { domainName: "www.example.com", validationMethod: "DNS" })], expect: [], notApplicable: ["pass_acm"] },
    { name: "pass_private_key_alone", resources: [resource("tls:index/privateKey:PrivateKey", "pass_key", { algorithm: "ECDSA" })], expect: [], notApplicable: ["pass_key"] },
    { name: "fail_self_signed_cert", resources: [selfSigned("fail_self_signed")], expect: [{ on: "fail_self_signed", id: "selfSigned" }] },
    { name: "fail_locally_signed_cert", resources: [locallySigned("fail_locally_signed")], expect: [{ on: "fail_locally_signed", id: "locallySigned" }] },
    { name: "fail_iam_server_certificate_ca_signed", resources: [serverCertificate("fail_server_cert")], expect: [{ on: "fail_server_cert", id: "iamServerCertificate" }] },
    { name: "fail_self_signed_with_unknown_inputs", resources: [selfSigned("fail_unknown_inputs", { privateKeyPem: unknown.string, subject: unknown.object })], expect: [{ on: "fail_unknown_inputs", id: "selfSigned" }] },
    { name: "na_other_type", resources: [resource("aws:s3/bucket:Bucket", "na_bucket", {})], expect: [], notApplicable: ["na_bucket"] },
]);
