import { allRedirectToHttps, classicListeners, declaredProtocol, effectiveProtocol, plaintextPortAllowed, plaintextTransportProtocols } from "../lib/elb";
import { definePolicy } from "../lib/policy";
import { isOneOf, types } from "../lib/types";
import { UNKNOWN, num } from "../lib/values";

export const lbListenerHttpsOnly = definePolicy<{ allowedPlaintextPorts: number[] }>({
    name: "lb-listener-https-only",
    description: "Load balancer listeners must accept only encrypted connections; plain HTTP listeners may only redirect to HTTPS.",
    rationale:
        "A listener that serves HTTP or plain TCP sends requests, cookies and credentials in clear text across the internet, " +
        "where anyone on the path can read or change them. A redirect to HTTPS is the one thing a plain HTTP listener can safely do.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "Serve clients on an aws.lb.Listener with protocol 'HTTPS' (ALB) or 'TLS' (NLB). Keep an HTTP listener only with " +
        "defaultActions [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }] and no " +
        "aws.lb.ListenerRule that forwards on it. On a classic aws.elb.LoadBalancer use lbProtocol 'https' or 'ssl' and " +
        "instanceProtocol 'https' or 'ssl'.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "ELB.1", specification: "Application Load Balancer should be configured to redirect all HTTP requests to HTTPS" },
    parameters: {
        allowedPlaintextPorts: {
            type: "array",
            items: { type: "integer" },
            description: "Ports on which a TCP/UDP listener (NLB, or classic ELB 'tcp') may carry a protocol that is not TLS, e.g. one that encrypts by itself.",
            default: [],
        },
    },
    messages: {
        httpWithoutRedirect: "Listener '{{listener}}' serves plain HTTP: not every default action redirects to HTTPS with HTTP_301/HTTP_302. Switch it to protocol 'HTTPS', or make its only default action a redirect with protocol 'HTTPS'.",
        ruleServesHttp: "Listener rule '{{rule}}' on HTTP listener '{{listener}}' does not redirect to HTTPS, so it serves requests over plain HTTP. Move the rule to the HTTPS listener, or make its action a redirect with protocol 'HTTPS'.",
        plaintextTransport: "Listener '{{listener}}' accepts unencrypted {{protocol}} on port {{port}}. Use protocol 'TLS' with an ACM certificate, or add the port to allowedPlaintextPorts if the protocol encrypts by itself.",
        classicPlaintext: "Classic load balancer '{{loadBalancer}}' listener #{{index}} accepts clients over '{{protocol}}'. Set lbProtocol to 'https' (or 'ssl') with an ACM certificate in sslCertificateId.",
        classicPlaintextBackend: "Classic load balancer '{{loadBalancer}}' listener #{{index}} forwards to instances over '{{protocol}}'. Set instanceProtocol to 'https' (or 'ssl').",
    },
    resourceTypes: [...types.listener, ...types.classicLoadBalancer],
    remediation: {
        summary:
            "Makes the default action of a listener declared with protocol 'HTTP' a redirect to HTTPS on port 443 with " +
            "HTTP_301, in place. Listener rules, plaintext TCP/UDP listeners and classic load balancers are not changed: " +
            "serving them over TLS needs a certificate, which a fix never invents.",
        resourceTypes: [...types.listener],
        fix(props) {
            if (declaredProtocol(props) !== "HTTP" || allRedirectToHttps(props.defaultActions) !== "fail") {
                return [];
            }
            return [{ path: ["defaultActions"], value: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] }];
        },
    },
    checkResource(resource, ctx) {
        const allowed = ctx.config.allowedPlaintextPorts;
        if (isOneOf(resource.type, types.classicLoadBalancer)) {
            const listeners = classicListeners(resource.props);
            if (listeners === UNKNOWN) {
                ctx.undecided("the listeners are unknown");
                return;
            }
            for (const l of listeners) {
                const sides = [
                    { protocol: l.lbProtocol, port: l.lbPort, messageId: "classicPlaintext", what: "lbProtocol" },
                    { protocol: l.instanceProtocol, port: l.instancePort, messageId: "classicPlaintextBackend", what: "instanceProtocol" },
                ];
                for (const side of sides) {
                    const verdict = side.protocol === UNKNOWN ? "unknown" : side.protocol === "http" ? "fail" : side.protocol === "tcp" ? plaintextPortAllowed(side.port, allowed) : "pass";
                    if (verdict === "fail") {
                        ctx.report(side.messageId, { loadBalancer: resource.name, index: l.index + 1, protocol: side.protocol });
                    } else if (verdict === "unknown") {
                        ctx.undecided(`listener #${l.index + 1}'s ${side.what} or port is unknown`);
                    }
                }
            }
            return;
        }

        const protocol = declaredProtocol(resource.props);
        // Without a declared protocol, the load balancer's type decides: the stack check judges it.
        if (protocol === undefined) {
            return;
        }
        const redirects = allRedirectToHttps(resource.props.defaultActions);
        if (protocol === UNKNOWN) {
            if (redirects !== "pass") {
                ctx.undecided("the protocol is unknown");
            }
            return;
        }
        if (protocol === "HTTP") {
            if (redirects === "fail") {
                ctx.report("httpWithoutRedirect", { listener: resource.name });
            } else if (redirects === "unknown") {
                ctx.undecided("the default actions are unknown");
            }
        } else if (plaintextTransportProtocols.includes(protocol)) {
            const verdict = plaintextPortAllowed(resource.props.port, allowed);
            if (verdict === "fail") {
                ctx.report("plaintextTransport", { listener: resource.name, protocol, port: portLabel(resource.props.port) });
            } else if (verdict === "unknown") {
                ctx.undecided("the port is unknown");
            }
        }
    },
    // What needs other resources: a listener whose protocol comes from its load balancer's type,
    // and the rules of HTTP listeners.
    checkStack(stack, ctx) {
        for (const listener of stack.ofType(...types.listener)) {
            if (declaredProtocol(listener.inputs) !== undefined) {
                continue;
            }
            const protocol = effectiveProtocol(stack, listener);
            const redirects = allRedirectToHttps(listener.inputs.defaultActions);
            if (protocol === UNKNOWN && redirects !== "pass") {
                ctx.undecided("the load balancer (and so the default protocol) is unknown", listener.urn);
            } else if (protocol === "HTTP" && redirects === "fail") {
                ctx.report("httpWithoutRedirect", { listener: listener.name }, listener.urn);
            } else if (protocol === "HTTP" && redirects === "unknown") {
                ctx.undecided("the default actions are unknown", listener.urn);
            }
        }
        for (const rule of stack.ofType(...types.listenerRule)) {
            const listeners = stack.targets(rule, "listenerArn", [...types.listener]);
            if (listeners === UNKNOWN) {
                ctx.undecided("the rule's listener is unknown", rule.urn);
                continue;
            }
            for (const listener of listeners) {
                const protocol = effectiveProtocol(stack, listener);
                if (protocol !== "HTTP" && protocol !== UNKNOWN) {
                    continue;
                }
                const redirects = allRedirectToHttps(rule.inputs.actions);
                if (redirects === "pass") {
                    continue;
                }
                if (protocol === UNKNOWN) {
                    ctx.undecided("the listener's protocol is unknown", rule.urn);
                } else if (redirects === "fail") {
                    ctx.report("ruleServesHttp", { rule: rule.name, listener: listener.name }, rule.urn);
                } else {
                    ctx.undecided("the rule's actions are unknown", rule.urn);
                }
            }
        }
    },
});

/** The port as a message shows it; an unknown port (any port fails when none is allowed) is said so. */
function portLabel(port: unknown): string {
    const value = num(port);
    return value === UNKNOWN ? "(unknown until deployment)" : value === undefined ? "(unset)" : String(value);
}
