import { lbListenerAcmCertificate } from "../../policy-pack/elb/listener-acm-certificate";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";

const listenerType = "aws:lb/listener:Listener";
const legacyListenerType = "aws:alb/listener:Listener";
const listenerCertificateType = "aws:lb/listenerCertificate:ListenerCertificate";
const legacyListenerCertificateType = "aws:alb/listenerCertificate:ListenerCertificate";
const classicType = "aws:elb/loadBalancer:LoadBalancer";
const acmArn = "arn:aws:acm:us-east-1:111122223333:certificate/11111111-2222-3333-4444-555555555555";
const govAcmArn = "arn:aws-us-gov:acm:us-gov-west-1:111122223333:certificate/11111111-2222-3333-4444-555555555555";
const iamArn = "arn:aws:iam::111122223333:server-certificate/web-2024";
const listenerArn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2";
const forward = { type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/73e2d6bc24d8a067" };

const listener = (name: string, change: Record<string, unknown> = {}, type = listenerType, extra = {}) =>
    resource(type, name, { protocol: "HTTPS", port: 443, certificateArn: acmArn, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", defaultActions: [forward], ...change }, extra);
const listenerCertificate = (name: string, certificateArn: unknown, type = listenerCertificateType, extra = {}) => resource(type, name, { listenerArn, certificateArn }, extra);
const classicListener = (change: Record<string, unknown> = {}) => ({ lbProtocol: "https", lbPort: 443, instanceProtocol: "https", instancePort: 8443, sslCertificateId: acmArn, ...change });
const classic = (name: string, listeners: unknown, extra = {}) => resource(classicType, name, { listeners }, extra);

const acmCertificate = (name: string) => resource("aws:acm/certificate:Certificate", name, { domainName: "www.example.com", validationMethod: "DNS" }, { outputs: { arn: unknown.string } });
const validation = (name: string, cert: ReturnType<typeof acmCertificate>) =>
    resource("aws:acm/certificateValidation:CertificateValidation", name, { certificateArn: unknown.string }, { propertyDependencies: dependsOn({ certificateArn: [cert] }) });
const serverCertificate = (name: string) => resource("aws:iam/serverCertificate:ServerCertificate", name, { certificateBody: "(pem)", privateKey: secret("(key)") }, { outputs: { arn: unknown.string } });
const randomString = resource("random:index/randomString:RandomString", "suffix", { length: 8 });

caseTable(lbListenerAcmCertificate, [
    { name: "pass_https_acm_arn", resources: [listener("pass_https")], expect: [] },
    { name: "pass_tls_acm_arn_gov_partition", resources: [listener("pass_tls_gov", { protocol: "TLS", certificateArn: govAcmArn })], expect: [] },
    { name: "pass_acm_arn_as_secret_legacy_alb", resources: [listener("pass_secret_alb", { certificateArn: secret(acmArn) }, legacyListenerType)], expect: [] },
    { name: "pass_listener_certificate_acm", resources: [listenerCertificate("pass_extra_cert", acmArn)], expect: [] },
    { name: "pass_classic_ssl_acm", resources: [classic("pass_classic", [classicListener(), classicListener({ lbProtocol: "http", lbPort: 80, sslCertificateId: undefined })])], expect: [] },
    {
        name: "pass_unknown_arn_from_in_stack_acm_certificate",
        resources: (() => {
            const cert = acmCertificate("site-cert");
            return [cert, listener("pass_joined", { certificateArn: unknown.string }, listenerType, { propertyDependencies: dependsOn({ certificateArn: [cert] }) })];
        })(),
        expect: [],
    },
    {
        name: "pass_unknown_arn_through_certificate_validation",
        resources: (() => {
            const cert = acmCertificate("site-cert");
            const v = validation("site-cert-validation", cert);
            return [cert, v, listenerCertificate("pass_via_validation", unknown.string, legacyListenerCertificateType, { propertyDependencies: dependsOn({ certificateArn: [v] }) })];
        })(),
        expect: [],
    },
    {
        name: "pass_classic_unknown_listeners_from_acm_certificate",
        resources: (() => {
            const cert = acmCertificate("classic-cert");
            return [cert, classic("pass_classic_joined", [classicListener({ sslCertificateId: unknown.string })], { propertyDependencies: dependsOn({ listeners: [cert] }) })];
        })(),
        expect: [],
    },
    { name: "pass_unknown_protocol_with_acm_arn", resources: [listener("pass_unknown_protocol", { protocol: unknown.string })], expect: [] },

    { name: "fail_https_without_certificate", resources: [listener("fail_no_cert", { certificateArn: undefined })], expect: [{ on: "fail_no_cert", id: "noCertificate" }] },
    { name: "fail_tls_without_certificate_legacy_alb", resources: [listener("fail_no_cert_alb", { protocol: "TLS", certificateArn: undefined }, legacyListenerType)], expect: [{ on: "fail_no_cert_alb", id: "noCertificate" }] },
    { name: "fail_iam_server_certificate_arn", resources: [listener("fail_iam_arn", { certificateArn: iamArn })], expect: [{ on: "fail_iam_arn", id: "iamCertificate" }] },
    { name: "fail_listener_certificate_iam_arn", resources: [listenerCertificate("fail_extra_iam", iamArn)], expect: [{ on: "fail_extra_iam", id: "iamCertificate" }] },
    { name: "fail_not_an_acm_arn", resources: [listener("fail_other_arn", { certificateArn: "my-certificate" })], expect: [{ on: "fail_other_arn", id: "notAcmCertificate" }] },
    {
        name: "fail_unknown_arn_from_iam_server_certificate",
        resources: (() => {
            const cert = serverCertificate("legacy-cert");
            return [cert, listener("fail_iam_joined", { certificateArn: unknown.string }, listenerType, { propertyDependencies: dependsOn({ certificateArn: [cert] }) })];
        })(),
        expect: [{ on: "fail_iam_joined", id: "iamCertificate" }],
    },
    { name: "fail_classic_https_iam_certificate", resources: [classic("fail_classic_iam", [classicListener({ sslCertificateId: iamArn })])], expect: [{ on: "fail_classic_iam", id: "iamCertificate" }] },
    { name: "fail_classic_ssl_without_certificate", resources: [classic("fail_classic_none", [classicListener({ lbProtocol: "SSL", sslCertificateId: undefined })])], expect: [{ on: "fail_classic_none", id: "noCertificate" }] },

    { name: "na_http_listener", resources: [listener("na_http", { protocol: "HTTP", port: 80, certificateArn: undefined })], expect: [], notApplicable: ["na_http"] },
    { name: "na_classic_http_only", resources: [classic("na_classic_http", [classicListener({ lbProtocol: "http", sslCertificateId: undefined })])], expect: [], notApplicable: ["na_classic_http"] },
    { name: "na_other_type", resources: [resource("aws:s3/bucket:Bucket", "na_bucket", {})], expect: [], notApplicable: ["na_bucket"] },
    { name: "unknown_arn_from_no_known_resource", resources: [listener("unknown_arn", { certificateArn: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_arn_from_unrelated_resource",
        resources: [randomString, listenerCertificate("unknown_from_random", unknown.string, listenerCertificateType, { propertyDependencies: dependsOn({ certificateArn: [randomString] }) })],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "unknown_protocol_without_certificate", resources: [listener("unknown_protocol", { protocol: unknown.string, certificateArn: undefined })], expect: [{ on: "unknown_protocol", id: "undecided" }] },
    { name: "unknown_classic_listeners", resources: [classic("unknown_classic", unknown.array)], expect: [{ on: "(stack)", id: "undecided" }] },
]);
