import { lbListenerHttpsOnly } from "../../policy-pack/elb/listener-https-only";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";

const listenerType = "aws:lb/listener:Listener";
const legacyListenerType = "aws:alb/listener:Listener";
const ruleType = "aws:lb/listenerRule:ListenerRule";
const legacyRuleType = "aws:alb/listenerRule:ListenerRule";
const lbType = "aws:lb/loadBalancer:LoadBalancer";
const classicType = "aws:elb/loadBalancer:LoadBalancer";
const acmArn = "arn:aws:acm:us-east-1:111122223333:certificate/11111111-2222-3333-4444-555555555555";
const arnOf = (name: string) => `arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/web/50dc6c495c0c9188/${name}`;
const lbArnOf = (name: string) => `arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/${name}/50dc6c495c0c9188`;

const redirect = (protocol: unknown = "HTTPS", statusCode: unknown = "HTTP_301") => ({ type: "redirect", redirect: { protocol, port: "443", statusCode } });
const forward = { type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/73e2d6bc24d8a067" };

const listener = (name: string, inputs: Record<string, unknown>, type = listenerType, extra = {}) =>
    resource(type, name, { loadBalancerArn: lbArnOf("web"), ...inputs }, { outputs: { arn: arnOf(name), ...inputs }, ...extra });
const https = (name: string, change: Record<string, unknown> = {}, type = listenerType) =>
    listener(name, { protocol: "HTTPS", port: 443, certificateArn: acmArn, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", defaultActions: [forward], ...change }, type);
const httpRedirect = (name: string, change: Record<string, unknown> = {}, type = listenerType) => listener(name, { protocol: "HTTP", port: 80, defaultActions: [redirect()], ...change }, type);
const nlb = (name: string, protocol: string, port: unknown = 5432) => listener(name, { protocol, port, defaultActions: [forward] });
const rule = (name: string, listenerArn: unknown, actions: unknown[], type = ruleType, extra = {}) =>
    resource(type, name, { listenerArn, priority: 10, actions, conditions: [{ pathPattern: { values: ["/api/*"] } }] }, extra);
const loadBalancer = (name: string, loadBalancerType?: string) => resource(lbType, name, { loadBalancerType }, { outputs: { arn: lbArnOf(name), loadBalancerType } });
const classic = (name: string, listeners: unknown) => resource(classicType, name, { listeners });
const classicListener = (change: Record<string, unknown> = {}) => ({ lbProtocol: "https", lbPort: 443, instanceProtocol: "https", instancePort: 8443, sslCertificateId: acmArn, ...change });

caseTable(lbListenerHttpsOnly, [
    { name: "pass_https_listener", resources: [https("pass_https")], expect: [] },
    { name: "pass_http_redirects_301", resources: [httpRedirect("pass_redirect_301")], expect: [] },
    { name: "pass_http_redirects_302_legacy_alb", resources: [httpRedirect("pass_redirect_302", { defaultActions: [redirect("HTTPS", "HTTP_302")] }, legacyListenerType)], expect: [] },
    { name: "pass_redirect_values_as_secrets", resources: [httpRedirect("pass_secret", { defaultActions: [redirect(secret("HTTPS"), secret("HTTP_301"))] })], expect: [] },
    {
        name: "pass_rule_redirects_on_http_listener",
        resources: [httpRedirect("pass_http"), rule("pass_rule_redirect", arnOf("pass_http"), [redirect()])],
        expect: [],
    },
    { name: "pass_rule_forwards_on_https_listener", resources: [https("pass_tls"), rule("pass_rule_on_https", arnOf("pass_tls"), [forward])], expect: [] },
    {
        name: "pass_unknown_listener_arn_joined_to_https_listener",
        resources: (() => {
            const l = https("pass_joined");
            return [l, rule("pass_joined_rule", unknown.string, [forward], ruleType, { propertyDependencies: dependsOn({ listenerArn: [l] }) })];
        })(),
        expect: [],
    },
    { name: "pass_rule_on_listener_outside_stack", resources: [rule("pass_outside", arnOf("elsewhere"), [forward])], expect: [] },
    { name: "pass_nlb_tls", resources: [nlb("pass_nlb_tls", "TLS", 443)], expect: [] },
    {
        name: "pass_nlb_tcp_on_allowed_port",
        resources: [nlb("pass_nlb_allowed", "TCP", 5432)],
        config: { "lb-listener-https-only": { allowedPlaintextPorts: [5432] } },
        expect: [],
    },
    {
        name: "pass_classic_backend_tcp_on_allowed_port",
        resources: [classic("pass_classic_backend_tcp", [classicListener({ lbProtocol: "ssl", instanceProtocol: "tcp", instancePort: 6379 })])],
        config: { "lb-listener-https-only": { allowedPlaintextPorts: [6379] } },
        expect: [],
    },
    { name: "pass_classic_https_and_ssl", resources: [classic("pass_classic", [classicListener(), classicListener({ lbProtocol: "SSL", lbPort: 636, instanceProtocol: "ssl" })])], expect: [] },
    {
        name: "pass_unset_protocol_on_gateway_load_balancer",
        resources: [loadBalancer("gwlb", "gateway"), resource(listenerType, "pass_geneve", { loadBalancerArn: lbArnOf("gwlb"), defaultActions: [forward] })],
        expect: [],
    },
    {
        name: "unknown_gateway_load_balancer_arn_with_listener_by_known_arn",
        resources: [
            resource(lbType, "gwlb-new", { loadBalancerType: "gateway" }, { outputs: { arn: unknown.string, loadBalancerType: "gateway" } }),
            resource(listenerType, "unknown_geneve", { loadBalancerArn: lbArnOf("gwlb-new"), defaultActions: [forward] }),
        ],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "pass_unknown_protocol_but_every_action_redirects",
        resources: [httpRedirect("pass_unknown_protocol", { protocol: unknown.string })],
        expect: [],
    },

    { name: "fail_http_forwards", resources: [httpRedirect("fail_forward", { defaultActions: [forward] })], expect: [{ on: "fail_forward", id: "httpWithoutRedirect" }] },
    {
        name: "fail_http_forwards_legacy_alb",
        resources: [httpRedirect("fail_forward_alb", { defaultActions: [forward] }, legacyListenerType)],
        expect: [{ on: "fail_forward_alb", id: "httpWithoutRedirect" }],
    },
    {
        name: "fail_redirect_keeps_http",
        resources: [httpRedirect("fail_redirect_http", { defaultActions: [redirect("#{protocol}")] })],
        expect: [{ on: "fail_redirect_http", id: "httpWithoutRedirect" }],
    },
    {
        name: "fail_redirect_without_protocol_keeps_http",
        resources: [httpRedirect("fail_redirect_default", { defaultActions: [{ type: "redirect", redirect: { statusCode: "HTTP_301" } }] })],
        expect: [{ on: "fail_redirect_default", id: "httpWithoutRedirect" }],
    },
    {
        name: "fail_one_default_action_is_not_a_redirect",
        resources: [httpRedirect("fail_mixed", { defaultActions: [redirect(), { type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "200" } }] })],
        expect: [{ on: "fail_mixed", id: "httpWithoutRedirect" }],
    },
    {
        name: "fail_rule_forwards_on_redirecting_listener",
        resources: [httpRedirect("pass_http_redirect"), rule("fail_rule_forward", arnOf("pass_http_redirect"), [forward])],
        expect: [{ on: "fail_rule_forward", id: "ruleServesHttp" }],
    },
    {
        name: "fail_rule_forwards_legacy_alb_tokens",
        resources: [httpRedirect("pass_alb_redirect", {}, legacyListenerType), rule("fail_alb_rule", arnOf("pass_alb_redirect"), [forward], legacyRuleType)],
        expect: [{ on: "fail_alb_rule", id: "ruleServesHttp" }],
    },
    {
        name: "fail_rule_forwards_listener_joined_by_dependencies",
        resources: (() => {
            const l = httpRedirect("pass_http_joined");
            return [l, rule("fail_joined_rule", unknown.string, [forward], ruleType, { propertyDependencies: dependsOn({ listenerArn: [l] }) })];
        })(),
        expect: [{ on: "fail_joined_rule", id: "ruleServesHttp" }],
    },
    { name: "fail_nlb_tcp", resources: [nlb("fail_tcp", "TCP")], expect: [{ on: "fail_tcp", id: "plaintextTransport" }] },
    { name: "fail_nlb_udp", resources: [nlb("fail_udp", "UDP", 53)], expect: [{ on: "fail_udp", id: "plaintextTransport" }] },
    { name: "fail_nlb_tcp_udp", resources: [nlb("fail_tcp_udp", "TCP_UDP", 53)], expect: [{ on: "fail_tcp_udp", id: "plaintextTransport" }] },
    {
        name: "fail_nlb_tcp_on_port_not_allowed",
        resources: [nlb("fail_tcp_other_port", "TCP", 6379)],
        config: { "lb-listener-https-only": { allowedPlaintextPorts: [5432] } },
        expect: [{ on: "fail_tcp_other_port", id: "plaintextTransport" }],
    },
    { name: "fail_classic_http", resources: [classic("fail_classic_http", [classicListener({ lbProtocol: "http", lbPort: 80, instanceProtocol: "https" })])], expect: [{ on: "fail_classic_http", id: "classicPlaintext" }] },
    { name: "fail_classic_tcp_upper_case", resources: [classic("fail_classic_tcp", [classicListener({ lbProtocol: "TCP", lbPort: 25, instanceProtocol: "ssl" })])], expect: [{ on: "fail_classic_tcp", id: "classicPlaintext" }] },
    { name: "fail_classic_backend_http", resources: [classic("fail_classic_backend", [classicListener({ instanceProtocol: "http", instancePort: 80 })])], expect: [{ on: "fail_classic_backend", id: "classicPlaintextBackend" }] },
    { name: "fail_classic_backend_tcp_upper_case", resources: [classic("fail_classic_backend_tcp", [classicListener({ lbProtocol: "ssl", instanceProtocol: "TCP", instancePort: 5432 })])], expect: [{ on: "fail_classic_backend_tcp", id: "classicPlaintextBackend" }] },
    {
        name: "fail_classic_both_sides_plaintext",
        resources: [classic("fail_classic_both", [classicListener({ lbProtocol: "http", lbPort: 80, instanceProtocol: "http", instancePort: 8080 })])],
        expect: [{ on: "fail_classic_both", id: "classicPlaintext" }, { on: "fail_classic_both", id: "classicPlaintextBackend" }],
    },
    {
        name: "fail_classic_second_listener_backend",
        resources: [classic("fail_classic_second", [classicListener(), classicListener({ lbPort: 8443, instanceProtocol: "http", instancePort: 8080 })])],
        expect: [{ on: "fail_classic_second", id: "classicPlaintextBackend" }],
    },
    { name: "fail_classic_single_listener_object", resources: [classic("fail_classic_object", classicListener({ lbProtocol: "http" }))], expect: [{ on: "fail_classic_object", id: "classicPlaintext" }] },
    {
        name: "fail_unset_protocol_on_application_load_balancer",
        resources: [loadBalancer("alb", "application"), resource(listenerType, "fail_default_http", { loadBalancerArn: lbArnOf("alb"), port: 80, defaultActions: [forward] })],
        expect: [{ on: "fail_default_http", id: "httpWithoutRedirect" }],
    },
    {
        name: "fail_unset_protocol_load_balancer_outside_stack",
        resources: [resource(listenerType, "fail_default_outside", { loadBalancerArn: lbArnOf("elsewhere"), port: 80, defaultActions: [forward] })],
        expect: [{ on: "fail_default_outside", id: "httpWithoutRedirect" }],
    },
    {
        name: "fail_port_unknown_but_no_plaintext_port_allowed",
        resources: [nlb("fail_tcp_unknown_port", "TCP", unknown.number)],
        expect: [{ on: "fail_tcp_unknown_port", id: "plaintextTransport" }],
    },

    { name: "na_other_type", resources: [resource("aws:s3/bucket:Bucket", "na_bucket", {})], expect: [], notApplicable: ["na_bucket"] },
    { name: "unknown_protocol", resources: [https("unknown_protocol", { protocol: unknown.string })], expect: [{ on: "unknown_protocol", id: "undecided" }] },
    { name: "unknown_default_actions", resources: [httpRedirect("unknown_actions", { defaultActions: unknown.array })], expect: [{ on: "unknown_actions", id: "undecided" }] },
    { name: "unknown_redirect_protocol", resources: [httpRedirect("unknown_redirect", { defaultActions: [redirect(unknown.string)] })], expect: [{ on: "unknown_redirect", id: "undecided" }] },
    {
        name: "unknown_port_with_allowed_ports",
        resources: [nlb("unknown_port", "TCP", unknown.number)],
        config: { "lb-listener-https-only": { allowedPlaintextPorts: [5432] } },
        expect: [{ on: "unknown_port", id: "undecided" }],
    },
    { name: "unknown_classic_backend_protocol", resources: [classic("unknown_classic_backend", [classicListener({ instanceProtocol: unknown.string })])], expect: [{ on: "unknown_classic_backend", id: "undecided" }] },
    {
        name: "unknown_classic_backend_port_with_tcp",
        resources: [classic("unknown_classic_backend_port", [classicListener({ instanceProtocol: "tcp", instancePort: unknown.number })])],
        config: { "lb-listener-https-only": { allowedPlaintextPorts: [6379] } },
        expect: [{ on: "unknown_classic_backend_port", id: "undecided" }],
    },
    { name: "unknown_classic_listeners", resources: [classic("unknown_classic", unknown.array)], expect: [{ on: "unknown_classic", id: "undecided" }] },
    { name: "unknown_rule_listener_without_dependencies", resources: [httpRedirect("pass_http_only"), rule("unknown_rule", unknown.string, [forward])], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_load_balancer_of_unset_protocol",
        resources: [resource(listenerType, "unknown_lb", { loadBalancerArn: unknown.string, port: 80, defaultActions: [forward] })],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
]);
