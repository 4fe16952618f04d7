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
// children exist is one it does not know. A component whose children, from the inputs given, are
// of no type any policy of the pack judges (a VPC and its subnets, a container image) is declared
// so by its model: nothing in it is left unchecked.
import * as crypto from "crypto";

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
    /** The major version of the package the registration names (one of the model's `majors`). */
    major: number;
}

/** What a model answers when it does not build the children. */
export type ModelAnswer =
    /** An input that decides the children is not one it knows: the component stays unchecked. */
    | { declined: string }
    /** What the component builds from these inputs, none of it of a type any policy judges. */
    | { holdsNothingJudged: string };

export interface ComponentModel {
    /** The package's major versions whose constructor the model follows. */
    majors: number[];
    /**
     * Builds the children from the component's inputs as the program passed them; answers why
     * not (before building anything) when an input that decides the children is not one it knows,
     * or what it holds when none of that is judged by any policy.
     */
    build(name: string, inputs: Record<string, unknown>, context: ModelContext): ModelAnswer | undefined;
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
    /** Set when the component's model says it holds nothing a policy judges: what it holds, and by which version's constructor. */
    holdsNothingJudged?: { what: string; by: string };
    /** Why its contents were not checked, when they were not. */
    unchecked?: string;
}

/** The package of a type token: `awsx:lb:ApplicationLoadBalancer` → `awsx`. */
export function packageOf(type: string): string {
    return type.split(":")[0];
}

/**
 * awsx's ApplicationLoadBalancer (awsx/lb/applicationLoadBalancer.ts in pulumi-awsx, the same
 * from 2.x through 3.x): a security group open to the world on every port unless
 * `securityGroups` or `defaultSecurityGroup` says otherwise, the load balancer, a default target
 * group, and listeners that forward to it: one on HTTP:80 unless `listener` or `listeners` says
 * otherwise.
 */
const applicationLoadBalancer: ComponentModel = {
    majors: [2, 3],
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

/** A value the program states as a plain object (not an Output, not a list). */
function isStatedObject(pulumi: any, value: unknown): value is Record<string, any> {
    return typeof value === "object" && value !== null && !Array.isArray(value) && !pulumi.Output.isInstance(value);
}

/** The inputs that are set, as a resource's args (an unset input is left to the resource's own default). */
function setInputs(inputs: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined && v !== null));
}

/** The trust policy awsx gives the roles of a task definition (awsx/role.ts): ECS tasks may assume them. */
const ecsTasksTrustPolicy = {
    Version: "2012-10-17",
    Statement: [{ Action: "sts:AssumeRole", Principal: { Service: "ecs-tasks.amazonaws.com" }, Effect: "Allow", Sid: "" }],
};

/** The AWS managed policy awsx attaches to a task definition's execution role by default (awsx/role.ts). */
const taskExecutionRolePolicyArn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

/**
 * A role of a task definition as awsx builds it (awsx/role.ts, defaultRoleWithPolicies): none when
 * `skip` is set, the ARN given when `roleArn` is, else a role trusted by ECS tasks with `args`
 * over the defaults, and an attachment of each of its `policyArns` named after the role and a
 * short SHA-1 of the ARN. Answers the role's ARN, or why the inputs are not ones it knows.
 */
function taskRole(
    name: string,
    input: unknown,
    policyArns: string[],
    { aws, pulumi }: ModelContext,
    opts: { parent: unknown },
    inputName: string,
): { arn?: unknown } | { declined: string } {
    if (input === undefined || input === null) {
        input = {};
    }
    if (!isStatedObject(pulumi, input) || (input.args !== undefined && !isStatedObject(pulumi, input.args))) {
        return { declined: `its '${inputName}' input is not an object the program states` };
    }
    if (input.skip === true) {
        return {};
    }
    if (input.roleArn !== undefined) {
        return { arn: input.roleArn };
    }
    const { policyArns: givenArns, assumeRolePolicy, ...roleArgs } = { policyArns, assumeRolePolicy: ecsTasksTrustPolicy, ...(input.args ?? {}) } as Record<string, any>;
    if (!Array.isArray(givenArns) || givenArns.some((arn) => typeof arn !== "string") || pulumi.Output.isInstance(assumeRolePolicy)) {
        return { declined: `its '${inputName}.args' names policies or a trust policy the program does not state` };
    }
    const role = new aws.iam.Role(name, { ...roleArgs, assumeRolePolicy: typeof assumeRolePolicy === "string" ? assumeRolePolicy : JSON.stringify(assumeRolePolicy) }, opts);
    for (const policyArn of givenArns as string[]) {
        const hash = crypto.createHash("sha1").update(policyArn).digest("hex").slice(0, 8);
        new aws.iam.RolePolicyAttachment(`${name}-${hash}`, { role: role.name, policyArn }, opts);
    }
    return { arn: role.arn };
}

/**
 * awsx's FargateService and EC2Service (awsx/ecs/fargateService.ts, ec2Service.ts, and the task
 * definitions they build from `taskDefinitionArgs`: fargateTaskDefinition.ts, ec2TaskDefinition.ts,
 * in pulumi-awsx 2.x and 3.x). From `taskDefinitionArgs`, a task definition component holding a
 * CloudWatch log group (unless `logGroup` skips it or names an existing one), a task role with no
 * policies and an execution role with the AWS managed policy AmazonECSTaskExecutionRolePolicy
 * attached (unless `taskRole`/`executionRole` skip them or name existing roles), and the ECS task
 * definition; a Fargate service without `networkConfiguration` gets a security group open to the
 * world on every port, in the default VPC's subnets; then the ECS service.
 */
function ecsService(launch: "FARGATE" | "EC2"): ComponentModel {
    return {
        majors: [2, 3],
        build(name, inputs, context) {
            const { aws, pulumi, unknown, opts, major } = context;
            const { taskDefinitionArgs, networkConfiguration, assignPublicIp, continueBeforeSteadyState, ...serviceInputs } = inputs as Record<string, any>;
            const stated = (key: string) => inputs[key] !== undefined && inputs[key] !== null;
            if (stated("taskDefinitionArgs") === stated("taskDefinition")) {
                // The plugin refuses both, and neither: such a program fails `pulumi preview`.
                return { declined: "it is given neither or both of 'taskDefinition' and 'taskDefinitionArgs'" };
            }
            if (launch === "FARGATE" && stated("networkConfiguration") && stated("assignPublicIp")) {
                return { declined: "it is given both 'networkConfiguration' and 'assignPublicIp', which the plugin refuses" };
            }
            if (stated("taskDefinitionArgs") && !isStatedObject(pulumi, taskDefinitionArgs)) {
                return { declined: "its 'taskDefinitionArgs' input is not an object the program states" };
            }
            for (const key of ["logGroup", "taskRole", "executionRole"]) {
                const value = taskDefinitionArgs?.[key];
                if (value !== undefined && value !== null && (!isStatedObject(pulumi, value) || (value.args !== undefined && !isStatedObject(pulumi, value.args)))) {
                    return { declined: `its 'taskDefinitionArgs.${key}' input is not an object the program states` };
                }
            }
            let taskDefinition: unknown = inputs.taskDefinition;
            if (taskDefinitionArgs) {
                const kind = launch === "FARGATE" ? "FargateTaskDefinition" : "EC2TaskDefinition";
                const component = new pulumi.ComponentResource(`awsx:ecs:${kind}`, name, {}, opts);
                const child = { parent: component };
                const { logGroup, taskRole: taskRoleInput, executionRole, ...definitionArgs } = taskDefinitionArgs;
                if (logGroup?.skip !== true && logGroup?.existing === undefined) {
                    new aws.cloudwatch.LogGroup(name, logGroup?.args ?? {}, child);
                }
                const task = taskRole(`${name}-task`, taskRoleInput, [], context, child, "taskDefinitionArgs.taskRole");
                const execution = taskRole(`${name}-execution`, executionRole, [taskExecutionRolePolicyArn], context, child, "taskDefinitionArgs.executionRole");
                if ("declined" in task || "declined" in execution) {
                    return "declined" in task ? task : (execution as { declined: string });
                }
                // The container definitions (and, when not given, the family and Fargate's CPU and
                // memory) are computed from the log group's name, which is unknown until it exists.
                const computed = unknown;
                taskDefinition = new aws.ecs.TaskDefinition(
                    name,
                    {
                        ...(launch === "EC2" ? { networkMode: "awsvpc" } : {}),
                        ...setInputs(definitionArgs),
                        ...(launch === "FARGATE" ? { networkMode: "awsvpc", cpu: definitionArgs.cpu ?? computed(), memory: definitionArgs.memory ?? computed() } : {}),
                        requiresCompatibilities: [launch],
                        taskRoleArn: task.arn,
                        executionRoleArn: execution.arn,
                        family: definitionArgs.family ?? computed(),
                        containerDefinitions: computed(),
                    },
                    child,
                ).arn;
            }
            let network = networkConfiguration;
            if (launch === "FARGATE" && !stated("networkConfiguration")) {
                const everywhere = { cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] };
                const group = new aws.ec2.SecurityGroup(
                    `${name}-sg`,
                    { vpcId: unknown(), ingress: [{ fromPort: 0, toPort: 0, protocol: "-1", ...everywhere }], egress: [{ fromPort: 0, toPort: 65535, protocol: "tcp", ...everywhere }] },
                    opts,
                );
                // The default VPC's public or private subnets, looked up by the plugin.
                network = { subnets: unknown(), assignPublicIp: assignPublicIp ?? false, securityGroups: [group.id] };
            }
            // From 3.x, a capacity provider strategy replaces the launch type.
            const byStrategy = major >= 3 && (stated("capacityProviderStrategies") || serviceInputs.useClusterDefaultCapacityProviderStrategy === true);
            new aws.ecs.Service(
                name,
                {
                    ...(launch === "FARGATE" ? { desiredCount: 1 } : {}),
                    ...setInputs(serviceInputs),
                    ...(network !== undefined ? { networkConfiguration: network } : {}),
                    launchType: byStrategy ? undefined : launch,
                    // Computed from the containers' port mappings' target groups when not given.
                    loadBalancers: serviceInputs.loadBalancers ?? (taskDefinitionArgs ? unknown() : undefined),
                    waitForSteadyState: pulumi.output(continueBeforeSteadyState).apply((c: boolean | undefined) => c !== true),
                    taskDefinition,
                },
                opts,
            );
            return undefined;
        },
    };
}

/**
 * awsx's ecr.Repository (awsx/ecr/repository.ts in pulumi-awsx 2.x and 3.x): an ECR repository
 * named after the component in lower case, with the inputs given, and unless `lifecyclePolicy`
 * skips it a lifecycle policy that expires untagged images beyond one.
 */
const ecrRepository: ComponentModel = {
    majors: [2, 3],
    build(name, inputs, { aws, pulumi, unknown, opts }) {
        const { lifecyclePolicy, ...repositoryInputs } = inputs as Record<string, any>;
        if (lifecyclePolicy !== undefined && lifecyclePolicy !== null && !isStatedObject(pulumi, lifecyclePolicy)) {
            return { declined: "its 'lifecyclePolicy' input is not an object the program states" };
        }
        const repository = new aws.ecr.Repository(name.toLowerCase(), setInputs(repositoryInputs), opts);
        if (lifecyclePolicy?.skip !== true) {
            const untagged = { rules: [{ rulePriority: 1, description: "remove untagged images", selection: { tagStatus: "untagged", countType: "imageCountMoreThan", countNumber: 1 }, action: { type: "expire" } }] };
            // No policy judges a lifecycle policy: custom rules are left as the plugin would compute them, unknown here.
            const policy = lifecyclePolicy?.rules === undefined ? untagged : unknown();
            new aws.ecr.LifecyclePolicy(name.toLowerCase(), { repository: repository.name, policy, ...(repositoryInputs.region !== undefined ? { region: repositoryInputs.region } : {}) }, opts);
        }
        return undefined;
    },
};

/**
 * awsx's ecr.Image (awsx/ecr/image.ts in pulumi-awsx 2.x and 3.x): a container image built with
 * Docker and pushed to a repository. No policy judges an image.
 */
const ecrImage: ComponentModel = {
    majors: [2, 3],
    build: () => ({ holdsNothingJudged: "a container image built and pushed with Docker" }),
};

/**
 * awsx's ec2.Vpc (awsx/ec2/vpc.ts in pulumi-awsx 2.x and 3.x): a VPC, its subnets, route tables and
 * routes, an internet gateway, NAT gateways with their Elastic IPs, none of which a policy judges,
 * and a VPC endpoint (with, in 3.x, a security group) for each of `vpcEndpointSpecs`, whose
 * policies and security groups are judged and not modelled.
 */
const vpc: ComponentModel = {
    majors: [2, 3],
    build(_name, inputs) {
        const endpoints = inputs.vpcEndpointSpecs;
        if (endpoints !== undefined && endpoints !== null && !(Array.isArray(endpoints) && endpoints.length === 0)) {
            return { declined: "it declares VPC endpoints ('vpcEndpointSpecs'), whose policies and security groups the model does not build" };
        }
        return { holdsNothingJudged: "a VPC, its subnets, route tables, routes and internet and NAT gateways" };
    },
};

/** The components whose default children can be built offline, by type token. */
export const componentModels: ReadonlyMap<string, ComponentModel> = new Map([
    ["awsx:lb:ApplicationLoadBalancer", applicationLoadBalancer],
    ["awsx:ecs:FargateService", ecsService("FARGATE")],
    ["awsx:ecs:EC2Service", ecsService("EC2")],
    ["awsx:ecr:Repository", ecrRepository],
    ["awsx:ecr:Image", ecrImage],
    ["awsx:ec2:Vpc", vpc],
]);
