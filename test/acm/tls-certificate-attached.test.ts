import { tlsCertificateAttached } from "../../policy-pack/acm/tls-certificate-attached";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { testCertificates } from "../lib/test-certificates";

const arnOf = (name: string) => `arn:aws:acm:us-east-1:111122223333:certificate/${name}`;
const iamArn = "arn:aws:iam::111122223333:server-certificate/web";
const listenerArn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2";
const forward = { type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/73e2d6bc24d8a067" };
const pems = testCertificates();

type State = ReturnType<typeof resource>;
/** A certificate whose ARN is known (an existing stack) or unknown (preview of a new one). */
const certificate = (name: string, arn: unknown = arnOf(name)) =>
    resource("aws:acm/certificate:Certificate", name, { domainName: "www.example.com", validationMethod: "DNS" }, { outputs: { arn, domainName: "www.example.com" } });
const validation = (cert: State) =>
    resource("aws:acm/certificateValidation:CertificateValidation", `${cert.name}-validation`, { certificateArn: unknown.string }, { propertyDependencies: dependsOn({ certificateArn: [cert] }) });
const listener = (name: string, certificateArn: unknown, deps: State[] = [], type = "aws:lb/listener:Listener") =>
    resource(type, name, { protocol: "HTTPS", port: 443, certificateArn, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", defaultActions: [forward] }, { propertyDependencies: dependsOn({ certificateArn: deps }) });
const distribution = (name: string, aliases: unknown, viewerCertificate: unknown, deps: State[] = []) =>
    resource("aws:cloudfront/distribution:Distribution", name, { enabled: true, aliases, viewerCertificate }, { propertyDependencies: dependsOn({ viewerCertificate: deps }) });
const restDomain = (name: string, inputs: Record<string, unknown>, deps: Record<string, State[]> = {}) =>
    resource("aws:apigateway/domainName:DomainName", name, { domainName: "api.example.com", securityPolicy: "TLS_1_2", ...inputs }, { propertyDependencies: dependsOn(deps) });
const httpDomain = (name: string, domainNameConfiguration: unknown, deps: State[] = []) =>
    resource("aws:apigatewayv2/domainName:DomainName", name, { domainName: "api.example.com", domainNameConfiguration }, { propertyDependencies: dependsOn({ domainNameConfiguration: deps }) });
const v2Configuration = (certificateArn: unknown) => ({ certificateArn, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" });

caseTable(tlsCertificateAttached, [
    { name: "pass_listener_uses_certificate_by_arn", resources: [certificate("pass_cert"), listener("web-https", arnOf("pass_cert"))], expect: [] },
    {
        name: "pass_listener_uses_validated_arn_at_preview",
        resources: (() => {
            const cert = certificate("pass_preview", unknown.string);
            const v = validation(cert);
            return [cert, v, listener("web-https", unknown.string, [v])];
        })(),
        expect: [],
    },
    { name: "pass_arn_as_secret", resources: [certificate("pass_secret"), listener("web-https", secret(arnOf("pass_secret")))], expect: [] },
    {
        name: "pass_listener_certificate_legacy_alb",
        resources: [certificate("pass_extra"), resource("aws:alb/listenerCertificate:ListenerCertificate", "extra-cert", { listenerArn, certificateArn: arnOf("pass_extra") })],
        expect: [],
    },
    {
        name: "pass_classic_elb_listener",
        resources: [certificate("pass_classic"), resource("aws:elb/loadBalancer:LoadBalancer", "classic", { listeners: [{ lbProtocol: "https", lbPort: 443, instanceProtocol: "https", instancePort: 443, sslCertificateId: arnOf("pass_classic") }] })],
        expect: [],
    },
    {
        name: "pass_cloudfront_with_aliases_at_preview",
        resources: (() => {
            const cert = certificate("pass_cdn", unknown.string);
            return [cert, distribution("cdn", ["www.example.com"], { acmCertificateArn: unknown.string, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" }, [cert])];
        })(),
        expect: [],
    },
    {
        name: "pass_rest_domain_regional_certificate",
        resources: (() => {
            const cert = certificate("pass_rest", unknown.string);
            return [cert, restDomain("api", { regionalCertificateArn: unknown.string, endpointConfiguration: { types: "REGIONAL" } }, { regionalCertificateArn: [cert] })];
        })(),
        expect: [],
    },
    {
        name: "pass_http_api_domain_at_preview",
        resources: (() => {
            const cert = certificate("pass_http_api", unknown.string);
            return [cert, httpDomain("http-api", v2Configuration(unknown.string), [cert])];
        })(),
        expect: [],
    },
    {
        name: "pass_used_by_cognito_domain",
        resources: [certificate("pass_auth"), resource("aws:cognito/userPoolDomain:UserPoolDomain", "auth", { domain: "auth.example.com", certificateArn: arnOf("pass_auth"), userPoolId: "us-east-1_abc" })],
        expect: [],
    },
    { name: "pass_cloudfront_without_aliases", resources: [distribution("pass_default_cdn", [], { cloudfrontDefaultCertificate: true })], expect: [] },
    { name: "pass_cloudfront_unknown_aliases_with_acm", resources: [distribution("pass_unknown_aliases", unknown.array, { acmCertificateArn: arnOf("elsewhere"), sslSupportMethod: "sni-only" })], expect: [] },
    { name: "pass_nothing_to_check", resources: [resource("aws:s3/bucket:Bucket", "bucket", {})], expect: [] },

    {
        name: "fail_certificate_only_validated",
        resources: (() => {
            const cert = certificate("fail_unused", unknown.string);
            return [cert, validation(cert)];
        })(),
        expect: [{ on: "fail_unused", id: "unattached" }],
    },
    {
        name: "fail_listener_uses_another_certificate",
        resources: [certificate("fail_spare"), certificate("pass_used"), listener("web-https", arnOf("pass_used"))],
        expect: [{ on: "fail_spare", id: "unattached" }],
    },
    { name: "fail_imported_certificate_unused", resources: [resource("aws:acm/certificate:Certificate", "fail_imported_unused", { certificateBody: pems.leaf.certificate, privateKey: secret(pems.leaf.privateKey) })], expect: [{ on: "fail_imported_unused", id: "unattached" }] },
    {
        name: "fail_cloudfront_aliases_default_certificate",
        resources: [distribution("fail_cdn_default", ["www.example.com"], { cloudfrontDefaultCertificate: true })],
        expect: [{ on: "fail_cdn_default", id: "endpointWithoutAcmCertificate" }],
    },
    {
        name: "fail_cloudfront_aliases_iam_certificate",
        resources: [distribution("fail_cdn_iam", "www.example.com", { iamCertificateId: "ASCAEXAMPLE", sslSupportMethod: "sni-only" })],
        expect: [{ on: "fail_cdn_iam", id: "endpointWithoutAcmCertificate" }],
    },
    {
        name: "fail_rest_domain_uploaded_certificate",
        resources: [restDomain("fail_rest_upload", { certificateBody: pems.leaf.certificate, certificatePrivateKey: secret(pems.leaf.privateKey), certificateName: "api" })],
        expect: [{ on: "fail_rest_upload", id: "endpointWithoutAcmCertificate" }],
    },
    {
        name: "fail_regional_rest_domain_with_edge_certificate_only",
        resources: [certificate("edge_cert"), restDomain("fail_regional_edge_field", { certificateArn: arnOf("edge_cert"), endpointConfiguration: { types: "REGIONAL" } })],
        expect: [{ on: "fail_regional_edge_field", id: "regionalDomainWithEdgeCertificate" }],
    },
    {
        name: "fail_regional_rest_domain_with_edge_certificate_only_list_shaped",
        resources: [certificate("edge_cert"), restDomain("fail_regional_edge_list", { certificateArn: arnOf("edge_cert"), endpointConfiguration: { types: ["REGIONAL"] } })],
        expect: [{ on: "fail_regional_edge_list", id: "regionalDomainWithEdgeCertificate" }],
    },
    { name: "pass_edge_rest_domain_with_certificate_arn", resources: [certificate("edge_ok"), restDomain("pass_edge", { certificateArn: arnOf("edge_ok"), endpointConfiguration: { types: "EDGE" } })], expect: [] },
    {
        name: "unknown_rest_domain_endpoint_type",
        resources: [certificate("edge_unknown"), restDomain("unknown_endpoint", { certificateArn: arnOf("edge_unknown"), endpointConfiguration: { types: unknown.string } })],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "fail_rest_domain_without_certificate", resources: [restDomain("fail_rest_none", {})], expect: [{ on: "fail_rest_none", id: "endpointWithoutAcmCertificate" }] },
    { name: "fail_http_api_domain_without_certificate", resources: [httpDomain("fail_http_none", v2Configuration(undefined))], expect: [{ on: "fail_http_none", id: "endpointWithoutAcmCertificate" }] },
    {
        name: "fail_listener_on_iam_certificate_leaves_acm_certificate_unused",
        resources: [certificate("fail_left_over"), listener("web-https", iamArn)],
        expect: [{ on: "fail_left_over", id: "unattached" }],
    },

    {
        name: "unknown_listener_arn_from_no_known_resource",
        resources: [certificate("unknown_use", unknown.string), listener("web-https", unknown.string)],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_certificate_arn_with_listener_by_known_arn",
        resources: [certificate("unknown_arn", unknown.string), listener("web-https", arnOf("unknown_arn"))],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "unknown_cloudfront_aliases", resources: [distribution("unknown_aliases", unknown.array, { cloudfrontDefaultCertificate: true })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_http_api_configuration", resources: [httpDomain("unknown_configuration", unknown.object)], expect: [{ on: "(stack)", id: "undecided" }] },
]);
