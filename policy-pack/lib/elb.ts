// What the load-balancer policies need to know about listeners: which protocol a listener
// speaks (including the provider's default when none is declared), whether an action sends
// clients to HTTPS, and the listeners a classic ELB declares inline.
import { Node, StackGraph } from "./graph";
import { types } from "./types";
import { UNKNOWN, Unknown, Verdict, all, at, list, num, str, test } from "./values";

/** Listener protocols that terminate TLS on the load balancer. */
export const tlsProtocols = ["HTTPS", "TLS"];

/** NLB protocols that carry client traffic without TLS (TCP_QUIC accepts plain TCP besides QUIC). */
export const plaintextTransportProtocols = ["TCP", "UDP", "TCP_UDP", "TCP_QUIC"];

/** Redirect status codes that browsers follow for any method. */
export const httpsRedirectStatusCodes = ["HTTP_301", "HTTP_302"];

/** The declared protocol of an ALB/NLB listener, upper-cased; undefined when the program sets none. */
export function declaredProtocol(inputs: Record<string, unknown>): string | Unknown | undefined {
    const protocol = str(inputs.protocol);
    return typeof protocol === "string" ? protocol.toUpperCase() : protocol;
}

/**
 * The protocol a listener actually speaks. Without a declared protocol the provider defaults an
 * ALB listener to HTTP, while a Gateway Load Balancer listener has none (GENEVE): the load
 * balancer the listener belongs to tells which. A load balancer outside the stack is taken as an
 * ALB, the provider's default.
 */
export function effectiveProtocol(graph: StackGraph, listener: Node): string | Unknown | undefined {
    const declared = declaredProtocol(listener.inputs);
    if (declared !== undefined) {
        return declared;
    }
    const balancers = graph.targets(listener, "loadBalancerArn", [...types.loadBalancer]);
    if (balancers === UNKNOWN) {
        return UNKNOWN;
    }
    const kinds = balancers.map((lb) => str(lb.inputs.loadBalancerType) ?? "application");
    if (kinds.includes(UNKNOWN)) {
        return UNKNOWN;
    }
    if (kinds.includes("gateway")) {
        return "GENEVE";
    }
    // A network load balancer's listener must declare its protocol; none means nothing to judge.
    return kinds.includes("network") ? undefined : "HTTP";
}

/** Whether one listener or rule action sends the client to HTTPS with a 301/302 redirect. */
export function redirectsToHttps(action: unknown): Verdict {
    const type = str(at(action, "type"));
    if (type === UNKNOWN) {
        return "unknown";
    }
    if (type !== "redirect") {
        return "fail";
    }
    const redirect = at(action, "redirect");
    if (redirect === UNKNOWN) {
        return "unknown";
    }
    // An unset redirect protocol keeps the request's own protocol (#{protocol}), i.e. HTTP.
    const protocol = test(str(at(redirect, "protocol")) ?? "#{protocol}", (p) => typeof p === "string" && p.toUpperCase() === "HTTPS");
    const status = test(str(at(redirect, "statusCode")), (s) => typeof s === "string" && httpsRedirectStatusCodes.includes(s));
    return all([protocol, status]);
}

/** Every action of a list redirects to HTTPS; an empty list does not. */
export function allRedirectToHttps(actions: unknown): Verdict {
    const items = list(actions);
    if (items === UNKNOWN) {
        return "unknown";
    }
    if (items.length === 0) {
        return "fail";
    }
    return all(items.map(redirectsToHttps));
}

/** Whether a plaintext TCP/UDP port is one the configuration allows; unknown when the port is. */
export function plaintextPortAllowed(port: unknown, allowed: number[]): Verdict {
    if (allowed.length === 0) {
        return "fail";
    }
    return test(num(port), (p) => p !== undefined && allowed.includes(p));
}

/** One listener of a classic ELB, protocols lower-cased (the ELB API accepts any case). */
export interface ClassicListener {
    index: number;
    lbProtocol: string | Unknown | undefined;
    lbPort: unknown;
    instanceProtocol: string | Unknown | undefined;
    instancePort: unknown;
    sslCertificateId: unknown;
}

/** The inline listeners of a classic ELB, or UNKNOWN when the list itself is unknown. */
export function classicListeners(inputs: Record<string, unknown>): ClassicListener[] | Unknown {
    const listeners = list(inputs.listeners);
    if (listeners === UNKNOWN) {
        return UNKNOWN;
    }
    const lower = (v: unknown) => {
        const s = str(v);
        return typeof s === "string" ? s.toLowerCase() : s;
    };
    return listeners.map((l, index) => ({
        index,
        lbProtocol: lower(at(l, "lbProtocol")),
        lbPort: at(l, "lbPort"),
        instanceProtocol: lower(at(l, "instanceProtocol")),
        instancePort: at(l, "instancePort"),
        sslCertificateId: at(l, "sslCertificateId"),
    }));
}

/** Classic ELB protocols that terminate TLS. */
export const classicTlsProtocols = ["https", "ssl"];
