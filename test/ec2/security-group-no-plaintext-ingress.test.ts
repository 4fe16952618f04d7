import { ec2SecurityGroupNoPlaintextIngress } from "../../policy-pack/ec2/security-group-no-plaintext-ingress";
import { expect } from "chai";
import { caseTable, findings } from "../lib/cases";
import { dependsOn, resource, secret, unknown, urn } from "../lib/fixtures";
import {
    classicType,
    forward,
    group,
    groupId,
    http,
    https,
    ingressRule,
    instance,
    lbArn,
    legacyLbType,
    legacyListenerType,
    listener,
    listenerArn,
    listenerRuleType,
    loadBalancer,
    redirectToHttps,
    redirectingLoadBalancer,
    rule,
    tcp,
} from "./ec2-fixtures";

const policy = "ec2-security-group-no-plaintext-ingress";

caseTable(ec2SecurityGroupNoPlaintextIngress, [
    // Plaintext ports other than 80 and all-port rules: decided on the rule alone.
    { name: "pass_https_only_inline", resources: [group("pass_https", [https])], expect: [] },
    { name: "pass_plaintext_port_from_private_network", resources: [group("pass_private", [tcp(8080, 8080, { cidrBlocks: ["10.0.0.0/8"] })])], expect: [] },
    { name: "pass_plaintext_port_from_security_group", resources: [rule("pass_from_group", groupId("app"), { ...tcp(8080), cidrBlocks: undefined, sourceSecurityGroupId: groupId("lb") })], expect: [] },
    { name: "pass_udp_range_over_plaintext_ports", resources: [group("pass_udp", [tcp(0, 65535, { protocol: "udp" })])], expect: [] },
    { name: "pass_icmp_from_internet", resources: [ingressRule("pass_icmp", groupId("app"), { ipProtocol: "icmp", fromPort: -1, toPort: -1 })], expect: [] },
    { name: "pass_private_cidr_as_lone_string", resources: [group("pass_lone_cidr", [tcp(23, 23, { cidrBlocks: "10.1.0.0/16" })])], expect: [] },
    { name: "pass_private_cidrs_as_secret", resources: [group("pass_secret_cidrs", [tcp(23, 23, { cidrBlocks: secret(["10.1.0.0/16"]) })])], expect: [] },
    { name: "pass_unknown_cidr_on_tls_port", resources: [ingressRule("pass_unknown_cidr_443", groupId("app"), { cidrIpv4: unknown.string })], expect: [] },
    { name: "pass_port_not_in_configured_list", resources: [group("pass_configured", [tcp(8080)])], config: { [policy]: { plaintextPorts: [21, 23] } }, expect: [] },

    { name: "fail_inline_telnet", resources: [group("fail_telnet", [https, tcp(23)])], expect: [{ on: "fail_telnet", id: "plaintextPortsOpen" }] },
    { name: "fail_rule_resource_ftp", resources: [rule("fail_ftp", groupId("app"), tcp(21))], expect: [{ on: "fail_ftp", id: "plaintextPortsOpen" }] },
    { name: "fail_vpc_rule_smtp", resources: [ingressRule("fail_smtp", groupId("app"), { fromPort: 25, toPort: 25 })], expect: [{ on: "fail_smtp", id: "plaintextPortsOpen" }] },
    { name: "fail_inline_ipv6_only", resources: [group("fail_ipv6", [tcp(8080, 8080, { cidrBlocks: [], ipv6CidrBlocks: ["::/0"] })])], expect: [{ on: "fail_ipv6", id: "plaintextPortsOpen" }] },
    {
        name: "fail_vpc_rule_ipv6_pop3",
        resources: [ingressRule("fail_pop3_v6", groupId("app"), { cidrIpv4: undefined, cidrIpv6: "::/0", fromPort: 110, toPort: 110 })],
        expect: [{ on: "fail_pop3_v6", id: "plaintextPortsOpen" }],
    },
    { name: "fail_range_covers_two_ports_one_finding", resources: [group("fail_range", [tcp(8000, 8100)])], expect: [{ on: "fail_range", id: "plaintextPortsOpen" }] },
    { name: "fail_every_tcp_port", resources: [group("fail_every_tcp", [tcp(0, 65535)])], expect: [{ on: "fail_every_tcp", id: "everyTcpPortOpen" }] },
    { name: "fail_every_tcp_port_from_1", resources: [rule("fail_every_tcp_rule", groupId("app"), tcp(1, 65535, { cidrBlocks: undefined, ipv6CidrBlocks: ["::/0"] }))], expect: [{ on: "fail_every_tcp_rule", id: "everyTcpPortOpen" }] },
    { name: "fail_protocol_as_number", resources: [rule("fail_proto_6", groupId("app"), tcp(143, 143, { protocol: "6" }))], expect: [{ on: "fail_proto_6", id: "plaintextPortsOpen" }] },
    { name: "fail_cidr_as_lone_string", resources: [group("fail_lone_cidr", [tcp(23, 23, { cidrBlocks: "0.0.0.0/0" })])], expect: [{ on: "fail_lone_cidr", id: "plaintextPortsOpen" }] },
    { name: "fail_cidr_as_secret", resources: [rule("fail_secret_cidr", groupId("app"), tcp(23, 23, { cidrBlocks: secret(["0.0.0.0/0"]) }))], expect: [{ on: "fail_secret_cidr", id: "plaintextPortsOpen" }] },
    { name: "fail_inline_all_protocols", resources: [group("fail_all_inline", [tcp(0, 0, { protocol: "-1" })])], expect: [{ on: "fail_all_inline", id: "allPortsOpen" }] },
    { name: "fail_rule_resource_all_protocols", resources: [rule("fail_all_rule", groupId("app"), tcp(0, 65535, { protocol: "all" }))], expect: [{ on: "fail_all_rule", id: "allPortsOpen" }] },
    {
        name: "fail_vpc_rule_all_protocols",
        resources: [ingressRule("fail_all_vpc", groupId("app"), { ipProtocol: "-1", fromPort: undefined, toPort: undefined })],
        expect: [{ on: "fail_all_vpc", id: "allPortsOpen" }],
    },
    {
        name: "fail_each_inline_rule_reported",
        resources: [group("fail_two_rules", [tcp(21), tcp(23, 23, { ipv6CidrBlocks: ["::/0"], cidrBlocks: [] })])],
        expect: [
            { on: "fail_two_rules", id: "plaintextPortsOpen" },
            { on: "fail_two_rules", id: "plaintextPortsOpen" },
        ],
    },
    {
        name: "fail_known_rule_beside_unknown_rule",
        resources: [group("fail_known_part", [tcp(23), tcp(8080, 8080, { cidrBlocks: [unknown.string] })])],
        expect: [{ on: "fail_known_part", id: "plaintextPortsOpen" }],
    },
    {
        // The rule already fails on 8000 and 8080; port 80 of the same rule is not judged apart.
        name: "fail_range_with_80_on_redirecting_load_balancer_group",
        resources: [group("fail_wide", [tcp(80, 8080)]), ...redirectingLoadBalancer("web", [groupId("fail_wide")])],
        expect: [{ on: "fail_wide", id: "plaintextPortsOpen" }],
    },

    // Port 80: only for groups used solely by load balancers that redirect it to HTTPS.
    { name: "pass_port80_load_balancer_redirects", resources: [group("pass_lb_group", [http, https]), ...redirectingLoadBalancer("web", [groupId("pass_lb_group")])], expect: [] },
    {
        name: "pass_port80_legacy_alb_tokens",
        resources: [group("pass_alb_group", [http]), ...redirectingLoadBalancer("web", [groupId("pass_alb_group")], { lb: legacyLbType, listener: legacyListenerType })],
        expect: [],
    },
    {
        name: "pass_port80_rule_resources_on_load_balancer_group",
        resources: [
            group("lb_group", []),
            rule("pass_rule_80", groupId("lb_group"), tcp(80)),
            ingressRule("pass_vpc_rule_80", groupId("lb_group"), { fromPort: 80, toPort: 80, cidrIpv4: undefined, cidrIpv6: "::/0" }),
            ...redirectingLoadBalancer("web", [groupId("lb_group")]),
        ],
        expect: [],
    },
    {
        // A group whose outputs do not repeat its id (aws-native, hand-written state): the engine still names it.
        name: "pass_port80_known_id_joined_by_dependencies",
        resources: (() => {
            const g = group("pass_dep_group", [http, https], { outputs: { name: "pass_dep_group", ingress: [http, https] } });
            const [lb, ...listeners] = redirectingLoadBalancer("web", [groupId("pass_dep_group")]);
            return [g, { ...lb, propertyDependencies: dependsOn({ securityGroups: [g] }) }, ...listeners];
        })(),
        expect: [],
    },
    {
        name: "fail_port80_known_id_naming_no_group",
        resources: [group("fail_no_id_group", [http, https], { outputs: { name: "fail_no_id_group", ingress: [http, https] } }), ...redirectingLoadBalancer("web", [groupId("fail_no_id_group")])],
        expect: [{ on: "fail_no_id_group", id: "port80Open" }],
    },
    {
        name: "pass_port80_unknown_ids_joined_by_dependencies",
        resources: (() => {
            const g = group("lb_group", [], { outputs: { id: unknown.string } });
            const lb = loadBalancer("web", [unknown.string], {}, { outputs: { arn: unknown.string }, propertyDependencies: dependsOn({ securityGroups: [g] }) });
            const joined = (l: ReturnType<typeof listener>) => ({ ...l, outputs: { ...l.inputs, arn: unknown.string }, propertyDependencies: dependsOn({ loadBalancerArn: [lb] }) });
            return [
                g,
                ingressRule("pass_joined_80", unknown.string, { fromPort: 80, toPort: 80 }, { propertyDependencies: dependsOn({ securityGroupId: [g] }) }),
                lb,
                joined(listener("web-http", unknown.string, 80, "HTTP", [redirectToHttps])),
                joined(listener("web-https", unknown.string, 443, "HTTPS", [forward])),
            ];
        })(),
        expect: [],
    },
    {
        name: "pass_port80_listener_rule_redirects_too",
        resources: [
            group("pass_rule_redirects", [http]),
            ...redirectingLoadBalancer("web", [groupId("pass_rule_redirects")]),
            resource(listenerRuleType, "web-http-rule", { listenerArn: listenerArn("web-http"), priority: 10, actions: [redirectToHttps], conditions: [{ pathPattern: { values: ["/old/*"] } }] }),
        ],
        expect: [],
    },
    {
        name: "pass_port80_nothing_listens_on_80",
        resources: [group("pass_no_80_listener", [http, https]), loadBalancer("web", [groupId("pass_no_80_listener")]), listener("web-https", lbArn("web"), 443, "HTTPS", [forward])],
        expect: [],
    },
    {
        name: "pass_port80_not_in_configured_list",
        resources: [group("pass_80_not_listed", [http]), instance("app", [groupId("pass_80_not_listed")])],
        config: { [policy]: { plaintextPorts: [21, 23] } },
        expect: [],
    },

    { name: "fail_port80_used_by_instance", resources: [group("fail_instance_80", [http]), instance("app", [groupId("fail_instance_80")])], expect: [{ on: "fail_instance_80", id: "port80Open" }] },
    {
        name: "fail_port80_used_by_load_balancer_and_instance",
        resources: [group("fail_shared_80", [http]), ...redirectingLoadBalancer("web", [groupId("fail_shared_80")]), instance("app", [groupId("fail_shared_80")])],
        expect: [{ on: "fail_shared_80", id: "port80Open" }],
    },
    {
        name: "fail_port80_used_by_service_through_nested_input",
        resources: [
            group("lb_group", []),
            ingressRule("fail_vpc_rule_80", groupId("lb_group"), { fromPort: 80, toPort: 80 }),
            ...redirectingLoadBalancer("web", [groupId("lb_group")]),
            resource("aws:ecs/service:Service", "api", { cluster: "main", networkConfiguration: { subnets: ["subnet-0aa"], securityGroups: [groupId("lb_group")] } }),
        ],
        expect: [{ on: "fail_vpc_rule_80", id: "port80Open" }],
    },
    {
        name: "fail_port80_listener_forwards",
        resources: [group("fail_forward_80", [http]), loadBalancer("web", [groupId("fail_forward_80")]), listener("web-http", lbArn("web"), 80, "HTTP", [forward])],
        expect: [{ on: "fail_forward_80", id: "port80Open" }],
    },
    {
        name: "fail_port80_listener_rule_forwards",
        resources: [
            group("fail_rule_forwards", [http]),
            ...redirectingLoadBalancer("web", [groupId("fail_rule_forwards")]),
            resource(listenerRuleType, "web-http-rule", { listenerArn: listenerArn("web-http"), priority: 10, actions: [forward], conditions: [{ pathPattern: { values: ["/api/*"] } }] }),
        ],
        expect: [{ on: "fail_rule_forwards", id: "port80Open" }],
    },
    {
        name: "fail_port80_network_load_balancer_tcp",
        resources: [
            group("fail_nlb_80", [http]),
            loadBalancer("edge", [groupId("fail_nlb_80")], { loadBalancerType: "network" }),
            listener("edge-tcp", lbArn("edge"), 80, "TCP", [forward]),
        ],
        expect: [{ on: "fail_nlb_80", id: "port80Open" }],
    },
    {
        name: "fail_port80_classic_load_balancer_http",
        resources: [
            group("fail_classic_80", [http]),
            resource(classicType, "legacy", { securityGroups: [groupId("fail_classic_80")], listeners: [{ lbProtocol: "http", lbPort: 80, instanceProtocol: "http", instancePort: 8080 }] }),
        ],
        expect: [{ on: "fail_classic_80", id: "port80Open" }],
    },
    {
        // The component hands the group to its load balancer, which redirects: the component itself attaches nothing.
        name: "pass_port80_group_handed_to_a_component_s_redirecting_load_balancer",
        resources: [
            group("pass_component_80", [http]),
            resource("awsx:lb:ApplicationLoadBalancer", "web", { securityGroups: [groupId("pass_component_80")] }),
            ...redirectingLoadBalancer("web", [groupId("pass_component_80")]).map((r) => ({ ...r, parent: urn("awsx:lb:ApplicationLoadBalancer", "web") })),
        ],
        expect: [],
    },
    {
        // A component whose children are not in the stack (a multi-language one at an offline preview) may attach it to anything.
        name: "unknown_port80_group_handed_to_a_component_without_children",
        resources: [
            group("unknown_component_80", [http]),
            ...redirectingLoadBalancer("web", [groupId("unknown_component_80")]),
            resource("awsx:ecs:FargateService", "app", { networkConfiguration: { subnets: ["subnet-1"], securityGroups: [groupId("unknown_component_80")] } }),
        ],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "fail_port80_group_used_by_nothing", resources: [group("fail_unused_80", [http])], expect: [{ on: "fail_unused_80", id: "port80Open" }] },
    { name: "fail_port80_rule_for_group_outside_stack", resources: [rule("fail_outside_80", "sg-0external1234", tcp(80))], expect: [{ on: "fail_outside_80", id: "port80Open" }] },
    { name: "fail_port80_range_79_to_81", resources: [group("fail_range_80", [tcp(79, 81)]), instance("app", [groupId("fail_range_80")])], expect: [{ on: "fail_range_80", id: "port80Open" }] },
    {
        name: "fail_port80_instance_joined_by_dependencies",
        resources: (() => {
            const g = group("fail_joined_80", [http], { outputs: { id: unknown.string } });
            return [g, instance("app", [unknown.string], { propertyDependencies: dependsOn({ vpcSecurityGroupIds: [g] }) })];
        })(),
        expect: [{ on: "fail_joined_80", id: "port80Open" }],
    },

    { name: "na_egress_rule", resources: [rule("na_egress", groupId("app"), { type: "egress", ...tcp(0, 0, { protocol: "-1" }) })], expect: [], notApplicable: ["na_egress"] },
    { name: "na_other_type", resources: [resource("aws:s3/bucket:Bucket", "na_bucket", {})], expect: [], notApplicable: ["na_bucket"] },

    { name: "unknown_cidr_on_plaintext_port", resources: [group("unknown_cidr", [tcp(23, 23, { cidrBlocks: unknown.array })])], expect: [{ on: "unknown_cidr", id: "undecided" }] },
    { name: "unknown_port_range", resources: [rule("unknown_ports", groupId("app"), tcp(unknown.number, 25))], expect: [{ on: "unknown_ports", id: "undecided" }] },
    // Not a name or a number: the provider rejects it, and it must not break the check.
    { name: "pass_protocol_of_another_type_names_none", resources: [rule("odd_protocol", groupId("app"), { protocol: [{ toString: "" }], fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] })], expect: [] },
    { name: "unknown_protocol", resources: [ingressRule("unknown_protocol", groupId("app"), { ipProtocol: unknown.string })], expect: [{ on: "unknown_protocol", id: "undecided" }] },
    { name: "unknown_ingress_list", resources: [group("unknown_ingress", unknown.array)], expect: [{ on: "unknown_ingress", id: "undecided" }] },
    { name: "unknown_rule_direction", resources: [rule("unknown_type", groupId("app"), { type: unknown.string, ...tcp(23) })], expect: [{ on: "unknown_type", id: "undecided" }] },
    {
        name: "unknown_port80_load_balancer_groups_without_dependencies",
        resources: [group("unknown_lb_join", [http]), ...redirectingLoadBalancer("web", [unknown.string]), instance("app", [groupId("other")])],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        // The group is being replaced: its new id is unknown, so the id the load balancer names may be its own.
        name: "unknown_port80_group_id_unknown_and_a_known_reference_to_no_group",
        resources: [group("unknown_replaced_id", [http], { outputs: { id: unknown.string } }), ...redirectingLoadBalancer("web", [groupId("unknown_replaced_id")])],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "fail_port80_group_id_unknown_but_every_reference_names_another_group",
        resources: [
            group("fail_replaced_id", [http], { outputs: { id: unknown.string } }),
            group("other_group", [https]),
            ...redirectingLoadBalancer("web", [groupId("other_group")]),
        ],
        expect: [{ on: "fail_replaced_id", id: "port80Open" }],
    },
    {
        name: "fail_port80_instance_while_load_balancer_join_unknown",
        resources: [group("fail_known_user", [http]), ...redirectingLoadBalancer("web", [unknown.string]), instance("app", [groupId("fail_known_user")])],
        expect: [{ on: "fail_known_user", id: "port80Open" }],
    },
    {
        name: "unknown_port80_listener_port",
        resources: [group("unknown_listener_port", [http]), loadBalancer("web", [groupId("unknown_listener_port")]), listener("web-any", lbArn("web"), unknown.number, "HTTP", [forward])],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_port80_rule_group_without_dependencies",
        resources: [ingressRule("unknown_group_80", unknown.string, { fromPort: 80, toPort: 80 })],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_port80_cidr_on_instance_group",
        resources: [group("unknown_cidr_80", [tcp(80, 80, { cidrBlocks: [unknown.string] })]), instance("app", [groupId("unknown_cidr_80")])],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "pass_port80_unknown_cidr_on_redirecting_load_balancer_group",
        resources: [group("pass_unknown_cidr_80", [tcp(80, 80, { cidrBlocks: [unknown.string] })]), ...redirectingLoadBalancer("web", [groupId("pass_unknown_cidr_80")])],
        expect: [],
    },
]);

describe("ec2-security-group-no-plaintext-ingress: what the messages say", () => {
    const messagesOf = async (resources: Parameters<typeof findings>[1]) =>
        (await findings(ec2SecurityGroupNoPlaintextIngress, resources)).result.diagnostics.map((d) => d.message.slice(d.message.indexOf("\n") + 1));

    it("a TCP rule over every port says that every port is open, 80 included", async () => {
        expect(await messagesOf([group("web", [tcp(0, 65535)])])).to.deep.equal([
            "Ingress rule #1 of security group 'web' opens every TCP port (0-65535) to 0.0.0.0/0: all of them are open, plaintext port(s) 21, 23, 25, 80, 110, 143, 8000, 8080 included. " +
                "Open only the TLS ports the service needs (e.g. 443), or restrict the source to known networks.",
        ]);
    });

    it("a range over port 80 and other plaintext ports names 80 among them", async () => {
        expect(await messagesOf([group("web", [tcp(80, 8080)])])).to.deep.equal([
            "Ingress rule #1 of security group 'web' opens plaintext port(s) 80, 110, 143, 8000, 8080 to 0.0.0.0/0. " +
                "Serve the service over TLS on its TLS port instead (e.g. 443 for HTTP), or restrict the source to known networks.",
        ]);
    });

    it("a stack-wide advisory names the resources it is about", async () => {
        const { result } = await findings(ec2SecurityGroupNoPlaintextIngress, [
            group("tasks", [http]),
            resource("awsx:ecs:FargateService", "app", { networkConfiguration: { securityGroups: [groupId("tasks")] } }),
        ]);
        expect(result.diagnostics.map((d) => ({ urn: d.urn, about: d.about, level: d.enforcementLevel }))).to.deep.equal([
            { urn: undefined, about: [urn("aws:ec2/securityGroup:SecurityGroup", "tasks")], level: "advisory" },
        ]);
    });
});
