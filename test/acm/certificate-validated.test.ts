import { acmCertificateValidated } from "../../policy-pack/acm/certificate-validated";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { testCertificates } from "../lib/test-certificates";

const certificateType = "aws:acm/certificate:Certificate";
const validationType = "aws:acm/certificateValidation:CertificateValidation";
const arnOf = (name: string) => `arn:aws:acm:us-east-1:111122223333:certificate/${name}`;
const pems = testCertificates();

const certificate = (name: string, change: Record<string, unknown> = {}, outputs: Record<string, unknown> = { arn: arnOf(name) }) =>
    resource(certificateType, name, { domainName: "www.example.com", validationMethod: "DNS", ...change }, { outputs: { ...outputs, domainName: "www.example.com" } });
const validation = (name: string, certificateArn: unknown, extra = {}) => resource(validationType, name, { certificateArn, validationRecordFqdns: ["_x1.www.example.com"] }, extra);

caseTable(acmCertificateValidated, [
    { name: "pass_validated_by_arn", resources: [certificate("pass_cert"), validation("pass_cert-validation", arnOf("pass_cert"))], expect: [] },
    {
        name: "pass_unknown_arn_joined_by_dependencies",
        resources: (() => {
            const c = certificate("pass_preview", {}, { arn: unknown.string });
            return [c, validation("pass_preview-validation", unknown.string, { propertyDependencies: dependsOn({ certificateArn: [c] }) })];
        })(),
        expect: [],
    },
    { name: "pass_validated_arn_as_secret", resources: [certificate("pass_secret"), validation("pass_secret-validation", secret(arnOf("pass_secret")))], expect: [] },
    { name: "pass_imported_needs_no_validation", resources: [certificate("pass_imported", { validationMethod: undefined, certificateBody: pems.leaf.certificate, privateKey: secret(pems.leaf.privateKey) })], expect: [] },
    { name: "pass_private_ca_needs_no_validation", resources: [certificate("pass_private", { validationMethod: undefined, certificateAuthorityArn: "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/1" })], expect: [] },
    { name: "pass_no_certificates", resources: [validation("orphan-validation", arnOf("elsewhere"))], expect: [] },

    {
        name: "unknown_arn_validation_by_known_arn",
        resources: [certificate("unknown_arn", {}, { arn: unknown.string }), validation("unknown_arn-validation", arnOf("unknown_arn"))],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "fail_no_validation", resources: [certificate("fail_pending")], expect: [{ on: "fail_pending", id: "notValidated" }] },
    { name: "fail_email_validated_without_validation", resources: [certificate("fail_email", { validationMethod: "EMAIL" })], expect: [{ on: "fail_email", id: "notValidated" }] },
    {
        name: "fail_validation_for_another_certificate",
        resources: [certificate("fail_other"), certificate("pass_mine"), validation("pass_mine-validation", arnOf("pass_mine"))],
        expect: [{ on: "fail_other", id: "notValidated" }],
    },
    {
        name: "fail_validation_joined_to_another_certificate",
        resources: (() => {
            const mine = certificate("pass_joined", {}, { arn: unknown.string });
            const other = certificate("fail_not_joined", {}, { arn: unknown.string });
            return [mine, other, validation("pass_joined-validation", unknown.string, { propertyDependencies: dependsOn({ certificateArn: [mine] }) })];
        })(),
        expect: [{ on: "fail_not_joined", id: "notValidated" }],
    },

    {
        name: "unknown_validation_arn_without_dependencies",
        resources: [certificate("unknown_cert", {}, { arn: unknown.string }), validation("unknown-validation", unknown.string)],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
]);
