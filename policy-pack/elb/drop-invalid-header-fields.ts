import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, bool, str } from "../lib/values";

export const lbDropInvalidHeaderFields = definePolicy({
    name: "lb-drop-invalid-header-fields",
    description: "Application Load Balancers must drop HTTP header fields whose names are not valid.",
    rationale:
        "An Application Load Balancer passes header fields with invalid names (characters outside letters, digits and " +
        "hyphens) on to its targets unless told otherwise. Servers and proxies behind it disagree on how to read such " +
        "headers, which is what request smuggling and header-injection attacks exploit to slip a request past the checks " +
        "the load balancer and the target each make.",
    domain: "encryption-in-transit",
    severity: "medium",
    remediationSteps: "Set dropInvalidHeaderFields: true on the aws.lb.LoadBalancer (application load balancers only; it takes effect without replacement).",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "ELB.4", specification: "Application Load Balancer should be configured to drop invalid http headers" },
    messages: {
        notDropped:
            "Application Load Balancer '{{lb}}' forwards header fields with invalid names to its targets ({{why}}). Set dropInvalidHeaderFields to true.",
    },
    resourceTypes: [...types.loadBalancer],
    remediation: {
        summary:
            "Sets dropInvalidHeaderFields: true on an application load balancer (loadBalancerType unset or 'application'), a load " +
            "balancer attribute updated in place. Header fields whose names hold anything but letters, digits and hyphens (an " +
            "underscore included) then no longer reach the targets.",
        resourceTypes: [...types.loadBalancer],
        fix(props) {
            const kind = str(props.loadBalancerType) ?? "application";
            const drop = bool(props.dropInvalidHeaderFields);
            if (kind !== "application" || drop === UNKNOWN || drop === true) {
                return [];
            }
            return [{ path: ["dropInvalidHeaderFields"], value: true }];
        },
    },
    checkResource(lb, ctx) {
        // The provider creates an application load balancer when loadBalancerType is unset.
        const kind = str(lb.props.loadBalancerType) ?? "application";
        if (kind === UNKNOWN) {
            if (bool(lb.props.dropInvalidHeaderFields) !== true) {
                ctx.undecided("loadBalancerType is unknown");
            }
            return;
        }
        if (kind !== "application") {
            ctx.notApplicable(`only Application Load Balancers read HTTP headers; this one is a ${kind} load balancer`);
        }
        const drop = bool(lb.props.dropInvalidHeaderFields);
        if (drop === UNKNOWN) {
            ctx.undecided("dropInvalidHeaderFields is unknown");
        } else if (drop !== true) {
            // AWS's default for routing.http.drop_invalid_header_fields.enabled is false.
            ctx.report("notDropped", { lb: lb.name, why: drop === false ? "dropInvalidHeaderFields is false" : "dropInvalidHeaderFields is unset, and AWS's default is false" });
        }
    },
});
