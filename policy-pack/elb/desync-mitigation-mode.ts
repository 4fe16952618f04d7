import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, Verdict, str } from "../lib/values";

/** The modes that block requests AWS classifies as severe desync risks; 'monitor' only records them. */
const protectiveModes = ["defensive", "strictest"];

export const lbDesyncMitigationMode = definePolicy({
    name: "lb-desync-mitigation-mode",
    description: "Application and Classic Load Balancers must use the 'defensive' or 'strictest' desync mitigation mode.",
    rationale:
        "HTTP desync (request smuggling) lets an attacker hide a second request inside the first, so that the load balancer " +
        "and the target see different requests: one user's response can go to another, and routing or authentication " +
        "checks are bypassed. In 'monitor' mode the load balancer lets every such request through and only counts it; " +
        "'defensive' (AWS's default) and 'strictest' block the ambiguous ones.",
    domain: "encryption-in-transit",
    severity: "medium",
    remediationSteps:
        "Leave desyncMitigationMode unset or set it to 'defensive' (or 'strictest' when every client is known to send " +
        "RFC 7230-compliant requests) on the aws.lb.LoadBalancer or aws.elb.LoadBalancer.",
    framework: {
        name: "AWS Foundational Security Best Practices",
        version: "1.0.0",
        reference: "ELB.12, ELB.14",
        specification: "Application Load Balancers and Classic Load Balancers should be configured with defensive or strictest desync mitigation mode",
    },
    messages: {
        monitorOnly:
            "{{kind}} '{{lb}}' has desyncMitigationMode '{{mode}}', which lets HTTP desync (request smuggling) attempts through to " +
            "its targets. Set desyncMitigationMode to 'defensive' or 'strictest'.",
    },
    resourceTypes: [...types.loadBalancer, ...types.classicLoadBalancer],
    remediation: {
        summary:
            "Raises a desyncMitigationMode that lets ambiguous requests through ('monitor') to 'defensive', AWS's default, on an " +
            "application or classic load balancer: a load balancer attribute updated in place. 'strictest' is not chosen, as it " +
            "also refuses requests that are merely not RFC 7230-compliant.",
        resourceTypes: [...types.loadBalancer, ...types.classicLoadBalancer],
        fix(props) {
            // The fix does not get the type: a classic load balancer has no loadBalancerType, and an
            // aws.lb.LoadBalancer without one is an application load balancer, so unset is fixable on both.
            const kind = str(props.loadBalancerType) ?? "application";
            if (kind !== "application" || modeVerdict(props.desyncMitigationMode) !== "fail") {
                return [];
            }
            return [{ path: ["desyncMitigationMode"], value: "defensive" }];
        },
    },
    checkResource(lb, ctx) {
        const classic = (types.classicLoadBalancer as readonly string[]).includes(lb.type);
        if (!classic) {
            // The provider creates an application load balancer when loadBalancerType is unset.
            const kind = str(lb.props.loadBalancerType) ?? "application";
            if (kind === UNKNOWN) {
                if (modeVerdict(lb.props.desyncMitigationMode) !== "pass") {
                    ctx.undecided("loadBalancerType is unknown");
                }
                return;
            }
            if (kind !== "application") {
                ctx.notApplicable(`desync mitigation applies to HTTP load balancers; this one is a ${kind} load balancer`);
            }
        }
        const verdict = modeVerdict(lb.props.desyncMitigationMode);
        if (verdict === "unknown") {
            ctx.undecided("desyncMitigationMode is unknown");
        } else if (verdict === "fail") {
            ctx.report("monitorOnly", { kind: classic ? "Classic Load Balancer" : "Application Load Balancer", lb: lb.name, mode: str(lb.props.desyncMitigationMode) });
        }
    },
});

/**
 * Unset is AWS's default, 'defensive' (Elastic Load Balancing User Guide for Application Load
 * Balancers, "Desync mitigation mode"; the same for Classic Load Balancers).
 */
function modeVerdict(value: unknown): Verdict {
    const mode = str(value);
    if (mode === UNKNOWN) {
        return "unknown";
    }
    return mode === undefined || mode === "" || protectiveModes.includes(mode.toLowerCase()) ? "pass" : "fail";
}
