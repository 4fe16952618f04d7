// Security groups, rules and the load balancers that use them, for the security-group case table.
import { ResourceState } from "../../policy-pack/lib/runner";
import { resource } from "../lib/fixtures";

export const groupType = "aws:ec2/securityGroup:SecurityGroup";
export const ruleType = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const ingressRuleType = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const lbType = "aws:lb/loadBalancer:LoadBalancer";
export const legacyLbType = "aws:alb/loadBalancer:LoadBalancer";
export const listenerType = "aws:lb/listener:Listener";
export const legacyListenerType = "aws:alb/listener:Listener";
export const listenerRuleType = "aws:lb/listenerRule:ListenerRule";
export const classicType = "aws:elb/loadBalancer:LoadBalancer";

const vpcId = "vpc-0a1b2c3d4e5f67890";
const acmArn = "arn:aws:acm:us-east-1:111122223333:certificate/11111111-2222-3333-4444-555555555555";
const targetGroupArn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/73e2d6bc24d8a067";

export const groupId = (name: string) => `sg-${name}`;
export const lbArn = (name: string) => `arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/${name}/50dc6c495c0c9188`;
export const listenerArn = (name: string) => `arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/web/50dc6c495c0c9188/${name}`;

/** An inline (or rule-resource) TCP rule from the internet. */
export const tcp = (fromPort: unknown, toPort: unknown = fromPort, change: Record<string, unknown> = {}) => ({ protocol: "tcp", fromPort, toPort, cidrBlocks: ["0.0.0.0/0"], ...change });
export const https = tcp(443, 443, { ipv6CidrBlocks: ["::/0"] });
export const http = tcp(80);

export function group(name: string, ingress: unknown, extra: Partial<ResourceState> = {}): ResourceState {
    const inputs = { name, description: `${name} security group`, vpcId, ingress };
    return resource(groupType, name, inputs, { outputs: { ...inputs, id: groupId(name) }, ...extra });
}

export function rule(name: string, securityGroupId: unknown, change: Record<string, unknown> = {}, extra: Partial<ResourceState> = {}): ResourceState {
    return resource(ruleType, name, { type: "ingress", securityGroupId, ...tcp(443), ...change }, extra);
}

export function ingressRule(name: string, securityGroupId: unknown, change: Record<string, unknown> = {}, extra: Partial<ResourceState> = {}): ResourceState {
    return resource(ingressRuleType, name, { securityGroupId, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", ...change }, extra);
}

export function loadBalancer(name: string, securityGroups: unknown, change: Record<string, unknown> = {}, extra: Partial<ResourceState> = {}, type = lbType): ResourceState {
    const inputs = { name, loadBalancerType: "application", internal: false, securityGroups, subnets: ["subnet-0aa", "subnet-0bb"], ...change };
    return resource(type, name, inputs, { outputs: { ...inputs, arn: lbArn(name), id: lbArn(name) }, ...extra });
}

export const redirectToHttps = { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } };
export const forward = { type: "forward", targetGroupArn };

export function listener(name: string, loadBalancerArn: unknown, port: unknown, protocol: unknown, defaultActions: unknown[], extra: Partial<ResourceState> = {}, type = listenerType): ResourceState {
    const inputs: Record<string, unknown> = { loadBalancerArn, port, protocol, defaultActions };
    if (protocol === "HTTPS") {
        Object.assign(inputs, { certificateArn: acmArn, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" });
    }
    return resource(type, name, inputs, { outputs: { ...inputs, arn: listenerArn(name) }, ...extra });
}

/** A load balancer with a port-80 listener that redirects to HTTPS and a 443 listener, using `securityGroups`. */
export function redirectingLoadBalancer(name: string, securityGroups: unknown, types = { lb: lbType, listener: listenerType }): ResourceState[] {
    return [
        loadBalancer(name, securityGroups, {}, {}, types.lb),
        listener(`${name}-http`, lbArn(name), 80, "HTTP", [redirectToHttps], {}, types.listener),
        listener(`${name}-https`, lbArn(name), 443, "HTTPS", [forward], {}, types.listener),
    ];
}

export function instance(name: string, vpcSecurityGroupIds: unknown, extra: Partial<ResourceState> = {}): ResourceState {
    return resource("aws:ec2/instance:Instance", name, { ami: "ami-0abcdef1234567890", instanceType: "t3.micro", vpcSecurityGroupIds }, extra);
}
