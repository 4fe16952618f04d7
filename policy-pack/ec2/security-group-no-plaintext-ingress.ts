import { IngressRule, exposure, groupOfRule, ingressHolderTypes, ingressRules, onlyRedirectingLoadBalancers } from "../lib/ec2";
import { Node } from "../lib/graph";
import { definePolicy } from "../lib/policy";
import { isOneOf, types } from "../lib/types";
import { UNKNOWN } from "../lib/values";

/** The one plaintext port a group may open to the internet: for load balancers that redirect it to HTTPS. */
const redirectPort = 80;

export const ec2SecurityGroupNoPlaintextIngress = definePolicy<{ plaintextPorts: number[] }>({
    name: "ec2-security-group-no-plaintext-ingress",
    description:
        "Security groups must not open plaintext-protocol ports, or all ports, to the internet (0.0.0.0/0 or ::/0); port 80 only on groups used solely by load balancers that redirect it to HTTPS.",
    rationale:
        "HTTP, FTP, Telnet, SMTP, POP3 and IMAP on their standard ports carry passwords and data in clear text, and a rule open to 0.0.0.0/0 " +
        "or ::/0 invites every client on the internet to use them that way; a rule for all ports opens them all at once. Port 80 is the one " +
        "exception browsers need: a load balancer that answers it only with a redirect to HTTPS never serves content over it.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "In the ingress of the aws.ec2.SecurityGroup, aws.ec2.SecurityGroupRule or aws.vpc.SecurityGroupIngressRule, open only TLS ports " +
        "(443, or the TLS port of the service) to 0.0.0.0/0 and ::/0, or restrict cidrBlocks / cidrIpv4 / cidrIpv6 to known networks; never use " +
        "protocol '-1' with an internet source. Keep port 80 open only on a group attached to nothing but aws.lb.LoadBalancer resources whose " +
        "port-80 aws.lb.Listener has a single default action { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }.",
    framework: {
        name: "AWS Foundational Security Best Practices",
        version: "1.0.0",
        reference: "EC2.19",
        specification: "Security groups should not allow unrestricted access to ports with high risk",
    },
    parameters: {
        plaintextPorts: {
            type: "array",
            items: { type: "integer" },
            description:
                "TCP ports of plaintext protocols that no rule may open to the internet. Port 80 in the list is allowed on groups used solely by load balancers that redirect it to HTTPS.",
            default: [80, 8080, 8000, 21, 23, 25, 110, 143],
        },
    },
    noRemediation: "removing a rule cuts off whatever connects through it, and which encrypted port replaces it is the service's own; a fix cannot tell",
    messages: {
        allPortsOpen:
            "{{rule}} opens every protocol and port to {{source}}, plaintext services included. " +
            "Open only the TLS ports the service needs (e.g. 443), or restrict the source to known networks.",
        everyTcpPortOpen:
            "{{rule}} opens every TCP port ({{range}}) to {{source}}: all of them are open, plaintext port(s) {{ports}} included. " +
            "Open only the TLS ports the service needs (e.g. 443), or restrict the source to known networks.",
        plaintextPortsOpen:
            "{{rule}} opens plaintext port(s) {{ports}} to {{source}}. " +
            "Serve the service over TLS on its TLS port instead (e.g. 443 for HTTP), or restrict the source to known networks.",
        port80Open:
            "{{rule}} opens port 80 to {{source}}, and {{reason}}. Port 80 may face the internet only on a group used solely by load balancers " +
            "whose port-80 listeners redirect to HTTPS: restrict the source, or attach the group only to such load balancers.",
    },
    resourceTypes: ingressHolderTypes,
    // Every plaintext port but 80, and rules for all ports: nothing outside the rule changes the verdict.
    checkResource(resource, ctx) {
        const rules = ingressRules(resource.type, resource.name, resource.props);
        if (rules === UNKNOWN) {
            ctx.undecided("the ingress rules are unknown");
            return;
        }
        if (rules.length === 0 && isOneOf(resource.type, types.securityGroupRule)) {
            ctx.notApplicable("an egress rule opens nothing to incoming traffic");
        }
        const ports = ctx.config.plaintextPorts.filter((p) => p !== redirectPort);
        for (const rule of rules) {
            const found = exposure(rule, ports);
            if (found.kind === "unknown") {
                ctx.undecided(`${rule.label}: ${found.what}`);
            } else if (found.kind === "open" && found.allPorts) {
                ctx.report("allPortsOpen", { rule: rule.label, source: found.source });
            } else if (found.kind === "open") {
                // The message names every plaintext port the rule opens, 80 among them: the stack check leaves such a rule to this one.
                const opened = exposure(rule, ctx.config.plaintextPorts);
                const named = opened.kind === "open" ? opened.ports : found.ports;
                if (found.everyTcpPort !== undefined) {
                    ctx.report("everyTcpPortOpen", { rule: rule.label, range: found.everyTcpPort, ports: named, source: found.source });
                } else {
                    ctx.report("plaintextPortsOpen", { rule: rule.label, ports: named, source: found.source });
                }
            }
        }
    },
    // Port 80 needs the stack: which resources use the group, and what their port-80 listeners do.
    checkStack(stack, ctx) {
        if (!ctx.config.plaintextPorts.includes(redirectPort)) {
            return;
        }
        const otherPorts = ctx.config.plaintextPorts.filter((p) => p !== redirectPort);
        const judge = (holder: Node, rule: IngressRule, group: Node | "outside" | typeof UNKNOWN) => {
            // A rule the resource check reports, or cannot decide, on its other ports is answered there already.
            if (exposure(rule, otherPorts).kind !== "closed") {
                return;
            }
            const found = exposure(rule, [redirectPort]);
            if (found.kind === "closed" || (found.kind === "open" && found.allPorts)) {
                return;
            }
            const exempt =
                group === UNKNOWN
                    ? { verdict: "unknown" }
                    : group === "outside"
                      ? { verdict: "fail", reason: "the group is not in this stack, so nothing shows that only redirecting load balancers use it" }
                      : onlyRedirectingLoadBalancers(stack, group);
            if (exempt.verdict === "pass") {
                return;
            }
            if (found.kind === "unknown") {
                ctx.undecided(`${rule.label}: ${found.what}`, holder.urn);
            } else if (group === UNKNOWN) {
                ctx.undecided(`${rule.label}: which security group the rule belongs to is unknown`, holder.urn);
            } else if (exempt.verdict === "unknown") {
                ctx.undecided(`${rule.label}: which resources use the security group, or what their port-80 listeners do, is unknown`, holder.urn);
            } else {
                ctx.report("port80Open", { rule: rule.label, source: found.source, reason: exempt.reason }, holder.urn);
            }
        };

        for (const holder of stack.ofType(...ingressHolderTypes)) {
            const rules = ingressRules(holder.type, holder.name, holder.inputs);
            if (rules === UNKNOWN) {
                continue;
            }
            const group = isOneOf(holder.type, types.securityGroup) ? holder : rules.length > 0 ? groupOfRule(stack, holder) : undefined;
            if (group !== undefined) {
                rules.forEach((rule) => judge(holder, rule, group));
            }
        }
    },
});
