import { lbListenerTlsPolicy } from "../../policy-pack/elb/listener-tls-policy";
import { caseTable } from "../lib/cases";
import { resource, secret, unknown } from "../lib/fixtures";

const listenerType = "aws:lb/listener:Listener";
const legacyListenerType = "aws:alb/listener:Listener";
const acmArn = "arn:aws:acm:us-east-1:111122223333:certificate/11111111-2222-3333-4444-555555555555";
const forward = { type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/73e2d6bc24d8a067" };
const compliant = { protocol: "HTTPS", port: 443, certificateArn: acmArn, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", defaultActions: [forward] };
const listener = (name: string, change: Record<string, unknown> = {}, type = listenerType) => resource(type, name, { ...compliant, ...change });

caseTable(lbListenerTlsPolicy, [
    { name: "pass_https_tls13", resources: [listener("pass_https")], expect: [] },
    { name: "pass_nlb_tls_fips", resources: [listener("pass_tls_fips", { protocol: "TLS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04" })], expect: [] },
    { name: "pass_forward_secret_tls12_legacy_alb", resources: [listener("pass_fs_alb", { sslPolicy: "ELBSecurityPolicy-FS-1-2-Res-2020-10" }, legacyListenerType)], expect: [] },
    { name: "pass_policy_as_secret", resources: [listener("pass_secret", { sslPolicy: secret("ELBSecurityPolicy-TLS13-1-3-2021-06") })], expect: [] },
    {
        name: "pass_custom_allowed_list",
        resources: [listener("pass_custom", { sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06" })],
        config: { "lb-listener-tls-policy": { allowedSslPolicies: ["ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06"] } },
        expect: [],
    },
    { name: "pass_unknown_protocol_with_allowed_policy", resources: [listener("pass_unknown_protocol", { protocol: unknown.string })], expect: [] },

    { name: "fail_policy_unset", resources: [listener("fail_unset", { sslPolicy: undefined })], expect: [{ on: "fail_unset", id: "noSslPolicy" }] },
    { name: "fail_policy_2016_08", resources: [listener("fail_2016", { sslPolicy: "ELBSecurityPolicy-2016-08" })], expect: [{ on: "fail_2016", id: "sslPolicyNotAllowed" }] },
    { name: "fail_tls_listener_tls10_policy", resources: [listener("fail_nlb_tls10", { protocol: "TLS", sslPolicy: "ELBSecurityPolicy-TLS-1-0-2015-04" })], expect: [{ on: "fail_nlb_tls10", id: "sslPolicyNotAllowed" }] },
    { name: "fail_policy_unset_legacy_alb", resources: [listener("fail_unset_alb", { sslPolicy: undefined }, legacyListenerType)], expect: [{ on: "fail_unset_alb", id: "noSslPolicy" }] },
    {
        name: "fail_default_policy_not_in_custom_list",
        resources: [listener("fail_custom", { sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" })],
        config: { "lb-listener-tls-policy": { allowedSslPolicies: ["ELBSecurityPolicy-TLS13-1-3-2021-06"] } },
        expect: [{ on: "fail_custom", id: "sslPolicyNotAllowed" }],
    },

    { name: "na_http_listener", resources: [listener("na_http", { protocol: "HTTP", port: 80, sslPolicy: undefined, certificateArn: undefined })], expect: [], notApplicable: ["na_http"] },
    { name: "na_tcp_listener", resources: [listener("na_tcp", { protocol: "TCP", sslPolicy: undefined })], expect: [], notApplicable: ["na_tcp"] },
    { name: "na_unset_protocol", resources: [listener("na_unset", { protocol: undefined, sslPolicy: undefined })], expect: [], notApplicable: ["na_unset"] },
    { name: "na_other_type", resources: [resource("aws:elb/loadBalancer:LoadBalancer", "na_classic", { listeners: [] })], expect: [], notApplicable: ["na_classic"] },
    { name: "unknown_policy", resources: [listener("unknown_policy", { sslPolicy: unknown.string })], expect: [{ on: "unknown_policy", id: "undecided" }] },
    { name: "unknown_protocol_with_weak_policy", resources: [listener("unknown_protocol_weak", { protocol: unknown.string, sslPolicy: "ELBSecurityPolicy-2016-08" })], expect: [{ on: "unknown_protocol_weak", id: "undecided" }] },
    { name: "unknown_protocol_without_policy", resources: [listener("unknown_protocol", { protocol: unknown.string, sslPolicy: undefined })], expect: [{ on: "unknown_protocol", id: "undecided" }] },
]);
