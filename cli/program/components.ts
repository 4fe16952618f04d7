// Multi-language components (`remote: true`: @pulumi/awsx's lb, ecs and ec2, @pulumi/eks,
// @pulumi/aws-apigateway, @pulumi/synced-folder) are built by their package's plugin, which does
// not run offline: the program registers the component and nothing inside it. A component's
// children that follow from its documented defaults and the inputs the program gave it can
// still be checked. A model here states, for one major version of the component's package, the
// children the component's own constructor builds from its inputs, and builds them with the
// program's own @pulumi/aws as children of the component, so that they are registered,
// serialized, captured and checked exactly like the program's own resources (unknowns,
// secrets and property dependencies included), and nothing of the AWS provider is imitated.
// A model declines (and the component stays "not checked") whenever an input that decides which
// children exist is one it does not know.

/** What a model builds with: the program's own SDKs, and the component as the children's parent. */
export interface ModelContext {
    /** The program's @pulumi/aws. */
    aws: any;
    /** The program's @pulumi/pulumi. */
    pulumi: any;
    /** An output whose value is unknown, as a value the plugin would compute (a looked-up VPC id) is at preview. */
    unknown(): any;
    /** Options for a child: the component as parent (providers follow from it as for any child). */
    opts: { parent: unknown };
}

export interface ComponentModel {
    /** The package's major versions whose constructor the model follows. */
    majors: number[];
    /**
     * Builds the children from the component's inputs as the program passed them; answers why
     * not (before building anything) when an input that decides the children is not one it knows.
     */
    build(name: string, inputs: Record<string, unknown>, context: ModelContext): { declined: string } | undefined;
}

/** Why a component's contents were or were not checked, for the reports. */
export interface ComponentRecord {
    urn: string;
    type: string;
    name: string;
    /** The package version the registration names (generated SDKs send their own), when it does. */
    version?: string;
    /** Set when a model built the component's default children: which package version's defaults. */
    modelled?: string;
    /** Why its contents were not checked, when they were not. */
    unchecked?: string;
}

/** The package of a type token: `awsx:lb:ApplicationLoadBalancer` → `awsx`. */
export function packageOf(type: string): string {
    return type.split(":")[0];
}

/**
 * awsx's ApplicationLoadBalancer (awsx/lb/applicationLoadBalancer.ts in pulumi-awsx 2.x): a
 * security group open to the world on every port unless `securityGroups` or
 * `defaultSecurityGroup` says otherwise, the load balancer, a default target group, and
 * listeners that forward to it: one on HTTP:80 unless `listener` or `listeners` says otherwise.
 */
const applicationLoadBalancer: ComponentModel = {
    majors: [2],
    build(name, inputs, { aws, pulumi, unknown, opts }) {
        const defined = (key: string) => inputs[key] !== undefined && inputs[key] !== null;
        const { subnetIds, subnets, defaultTargetGroup, defaultTargetGroupPort, defaultSecurityGroup, listener, listeners, loadBalancer: _lb, vpcId: _vpc, ...rest } = inputs as Record<string, any>;
        if (defined("listeners") && !Array.isArray(listeners)) {
            return { declined: "its 'listeners' input is not a list the program states" };
        }
        if (defined("listener") && (typeof listener !== "object" || pulumi.Output.isInstance(listener))) {
            return { declined: "its 'listener' input is not an object the program states" };
        }
        if (defined("defaultSecurityGroup") && (typeof defaultSecurityGroup !== "object" || pulumi.Output.isInstance(defaultSecurityGroup) || (defaultSecurityGroup.skip !== undefined && typeof defaultSecurityGroup.skip !== "boolean"))) {
            return { declined: "its 'defaultSecurityGroup' input is not an object the program states" };
        }
        const lbArgs: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
        let vpcId: unknown;
        if (defined("subnets")) {
            lbArgs.subnets = pulumi.output(subnets).apply((list: any[]) => list.map((s) => s.id));
            vpcId = pulumi.output(subnets).apply((list: any[]) => list[0]?.vpcId);
        } else if (defined("subnetIds")) {
            lbArgs.subnets = subnetIds;
            vpcId = unknown();
        } else {
            // Subnet mappings, or the default VPC's public subnets: looked up by the plugin.
            if (!defined("subnetMappings")) {
                lbArgs.subnets = unknown();
            }
            vpcId = unknown();
        }
        if (!defined("securityGroups") && defaultSecurityGroup?.skip !== true) {
            if (defaultSecurityGroup?.securityGroupId !== undefined) {
                lbArgs.securityGroups = [defaultSecurityGroup.securityGroupId];
            } else {
                const everywhere = { cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] };
                const group = new aws.ec2.SecurityGroup(
                    name,
                    defaultSecurityGroup?.args ?? {
                        vpcId,
                        ingress: [{ fromPort: 0, toPort: 0, protocol: "-1", ...everywhere }],
                        egress: [{ fromPort: 0, toPort: 65535, protocol: "tcp", ...everywhere }],
                    },
                    opts,
                );
                lbArgs.securityGroups = [group.id];
            }
        }
        lbArgs.loadBalancerType = "application";
        const lb = new aws.lb.LoadBalancer(name, lbArgs, opts);
        const portAndProtocol = (of: any): { port: unknown; protocol: unknown } | undefined => {
            if (of) {
                if (of.port !== undefined && of.protocol !== undefined) {
                    return { port: of.port, protocol: of.protocol };
                }
                if (of.port !== undefined) {
                    return { port: of.port, protocol: pulumi.output(of.port).apply((p: number) => (p === 443 ? "HTTPS" : "HTTP")) };
                }
                if (of.protocol !== undefined) {
                    return { protocol: of.protocol, port: pulumi.output(of.protocol).apply((p: string) => (p === "HTTPS" ? 443 : 80)) };
                }
            }
            return undefined;
        };
        // As awsx does: one default for the target group, from the one listener (none when `listeners` holds exactly one).
        const defaultProtocol = Array.isArray(listeners)
            ? listeners.length === 1
                ? undefined
                : portAndProtocol(listeners[0]) ?? { port: defaultTargetGroupPort ?? 80, protocol: "HTTP" }
            : portAndProtocol(listener) ?? { port: defaultTargetGroupPort ?? 80, protocol: "HTTP" };
        const targetGroup = new aws.lb.TargetGroup(name, { vpcId, targetType: "ip", ...defaultProtocol, ...(defaultTargetGroup ?? {}) }, opts);
        const defaultActions = [{ type: "forward", targetGroupArn: targetGroup.arn }];
        const listenerArgs: any[] = Array.isArray(listeners)
            ? listeners.map((l) => ({ defaultActions, ...(portAndProtocol(l) ?? { port: 80, protocol: "HTTP" }), ...l }))
            : [{ defaultActions, ...defaultProtocol, ...(listener ?? {}) }];
        listenerArgs.forEach((args, i) => new aws.lb.Listener(`${name}-${i}`, { ...args, loadBalancerArn: lb.arn }, opts));
        return undefined;
    },
};

/** The components whose default children can be built offline, by type token. */
export const componentModels: ReadonlyMap<string, ComponentModel> = new Map([["awsx:lb:ApplicationLoadBalancer", applicationLoadBalancer]]);
