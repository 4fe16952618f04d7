import { CertificateResolver, classifyCertificateArn } from "../lib/certificates";
import { classicListeners, classicTlsProtocols, declaredProtocol, tlsProtocols } from "../lib/elb";
import { CheckContext, definePolicy, urnName } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { isOneOf, types } from "../lib/types";
import { UNKNOWN, Unknown, isUnknown } from "../lib/values";

export const lbListenerAcmCertificate = definePolicy({
    name: "lb-listener-acm-certificate",
    description: "HTTPS and TLS listeners must serve a certificate from AWS Certificate Manager.",
    rationale:
        "ACM certificates are issued by a public CA, renewed automatically and their private keys never leave AWS. A listener " +
        "without a certificate cannot serve TLS, and an IAM server certificate is uploaded key material that nobody renews.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "Create an aws.acm.Certificate with validationMethod 'DNS' and an aws.acm.CertificateValidation, and set the listener's " +
        "certificateArn (or the aws.lb.ListenerCertificate's certificateArn, or the classic listener's sslCertificateId) to " +
        "the validation's certificateArn. Remove aws.iam.ServerCertificate resources.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "ELB.2", specification: "Classic Load Balancers with SSL/HTTPS listeners should use a certificate provided by AWS Certificate Manager" },
    noRemediation: noSafeFix.certificate,
    messages: {
        noCertificate: "{{slot}} terminates TLS but has no certificate. Set {{property}} to the ARN of an aws.acm.Certificate.",
        iamCertificate: "{{slot}} serves an IAM server certificate{{source}}, not one from ACM. Set {{property}} to the ARN of an aws.acm.Certificate.",
        notAcmCertificate: "{{slot}} serves a certificate that is not from ACM (not an ACM certificate ARN). Set {{property}} to the ARN of an aws.acm.Certificate.",
    },
    resourceTypes: [...types.listener, ...types.listenerCertificate, ...types.classicLoadBalancer],
    // Known certificate ARNs are judged here; unknown ones wait for the stack check, which can
    // tell from propertyDependencies which resource they come from.
    checkResource(resource, ctx) {
        const slots = certificateSlots(resource.type, resource.name, resource.props);
        if (slots.length > 0 && slots.every((s) => s.terminatesTls === false)) {
            ctx.notApplicable("no listener here terminates TLS");
        }
        for (const slot of slots) {
            if (slot.terminatesTls === false || isUnknown(slot.value)) {
                continue;
            }
            const kind = isAbsent(slot.value) ? "absent" : typeof slot.value === "string" ? classifyCertificateArn(slot.value) : "other";
            judge(ctx, slot, kind, resource.urn, "");
        }
    },
    checkStack(stack, ctx) {
        const resolver = new CertificateResolver(stack);
        for (const node of stack.ofType(...types.listener, ...types.listenerCertificate, ...types.classicLoadBalancer)) {
            for (const slot of certificateSlots(node.type, node.name, node.inputs)) {
                if (slot.terminatesTls === false || !isUnknown(slot.value)) {
                    continue;
                }
                const origin = resolver.origin(node, slot.dependencyProp, slot.value);
                if (origin.kind === "acm") {
                    continue;
                }
                if (origin.kind === "iam") {
                    const source = origin.serverCertificates.length > 0 ? ` ('${origin.serverCertificates.map((c) => urnName(c.urn)).join("', '")}')` : "";
                    judge(ctx, slot, "iam", node.urn, source);
                } else {
                    ctx.undecided("the certificate ARN is unknown and comes from no in-stack certificate resource", node.urn);
                }
            }
        }
    },
});

/** A place that holds one certificate: a listener, a listener certificate, or one classic listener. */
interface CertificateSlot {
    label: string;
    property: string;
    /** The top-level input the certificate ARN sits under, for propertyDependencies. */
    dependencyProp: string;
    value: unknown;
    terminatesTls: boolean | Unknown;
}

function certificateSlots(type: string, name: string, inputs: Record<string, unknown>): CertificateSlot[] {
    if (isOneOf(type, types.listenerCertificate)) {
        return [{ label: `Listener certificate '${name}'`, property: "certificateArn", dependencyProp: "certificateArn", value: inputs.certificateArn, terminatesTls: true }];
    }
    if (isOneOf(type, types.classicLoadBalancer)) {
        const listeners = classicListeners(inputs);
        if (listeners === UNKNOWN) {
            return [{ label: `A listener of classic load balancer '${name}'`, property: "sslCertificateId", dependencyProp: "listeners", value: UNKNOWN, terminatesTls: UNKNOWN }];
        }
        return listeners.map((l) => ({
            label: `Listener #${l.index + 1} of classic load balancer '${name}'`,
            property: "sslCertificateId",
            dependencyProp: "listeners",
            value: l.sslCertificateId,
            terminatesTls: l.lbProtocol === UNKNOWN ? UNKNOWN : typeof l.lbProtocol === "string" && classicTlsProtocols.includes(l.lbProtocol),
        }));
    }
    const protocol = declaredProtocol(inputs);
    return [
        {
            label: `${typeof protocol === "string" ? `${protocol} listener` : "Listener"} '${name}'`,
            property: "certificateArn",
            dependencyProp: "certificateArn",
            value: inputs.certificateArn,
            terminatesTls: protocol === UNKNOWN ? UNKNOWN : typeof protocol === "string" && tlsProtocols.includes(protocol),
        },
    ];
}

/** Reports what is known to be wrong; when the slot may not terminate TLS at all, only says so. */
function judge(ctx: CheckContext<object>, slot: CertificateSlot, kind: "absent" | "acm" | "iam" | "other", urn: string, source: string): void {
    if (kind === "acm") {
        return;
    }
    if (slot.terminatesTls === UNKNOWN) {
        ctx.undecided(`the protocol of ${slot.label} is unknown`, urn);
        return;
    }
    const data = { slot: slot.label, property: slot.property, source };
    ctx.report(kind === "absent" ? "noCertificate" : kind === "iam" ? "iamCertificate" : "notAcmCertificate", data, urn);
}

function isAbsent(value: unknown): boolean {
    return value === undefined || value === null || value === "";
}
