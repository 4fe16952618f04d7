import { lbDesyncMitigationMode } from "../../policy-pack/elb/desync-mitigation-mode";
import { caseTable } from "../lib/cases";
import { resource, unknown } from "../lib/fixtures";

const lbType = "aws:lb/loadBalancer:LoadBalancer";
const classicType = "aws:elb/loadBalancer:LoadBalancer";
const compliant = { name: "web", loadBalancerType: "application", subnets: ["subnet-a", "subnet-b"], securityGroups: ["sg-0123"], dropInvalidHeaderFields: true, desyncMitigationMode: "defensive" };
const lb = (name: string, change: Record<string, unknown> = {}, type = lbType) => resource(type, name, { ...compliant, ...change });
const classic = (name: string, change: Record<string, unknown> = {}) =>
    resource(classicType, name, { subnets: ["subnet-a"], listeners: [{ lbProtocol: "https", lbPort: 443, instanceProtocol: "https", instancePort: 8443, sslCertificateId: "arn:aws:acm:us-east-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0" }], ...change });

caseTable(lbDesyncMitigationMode, [
    { name: "pass_baseline", resources: [lb("pass_baseline")], expect: [] },
    { name: "pass_strictest", resources: [lb("pass_strictest", { desyncMitigationMode: "strictest" })], expect: [] },
    { name: "pass_unset_is_defensive", resources: [lb("pass_unset", { desyncMitigationMode: undefined })], expect: [] },
    { name: "pass_legacy_alb_token", resources: [lb("pass_legacy", {}, "aws:alb/loadBalancer:LoadBalancer")], expect: [] },
    { name: "pass_classic_unset", resources: [classic("pass_classic")], expect: [] },
    { name: "fail_monitor", resources: [lb("fail_monitor", { desyncMitigationMode: "monitor" })], expect: [{ on: "fail_monitor", id: "monitorOnly" }] },
    { name: "fail_monitor_type_unset", resources: [lb("fail_monitor_default_type", { loadBalancerType: undefined, desyncMitigationMode: "monitor" })], expect: [{ on: "fail_monitor_default_type", id: "monitorOnly" }] },
    { name: "fail_classic_monitor", resources: [classic("fail_classic", { desyncMitigationMode: "monitor" })], expect: [{ on: "fail_classic", id: "monitorOnly" }] },
    { name: "na_network_load_balancer", resources: [lb("na_network", { loadBalancerType: "network", desyncMitigationMode: undefined })], expect: [], notApplicable: ["na_network"] },
    { name: "na_other_type", resources: [resource("aws:lb/targetGroup:TargetGroup", "na_targets", { port: 8080, protocol: "HTTP" })], expect: [], notApplicable: ["na_targets"] },
    { name: "unknown_mode", resources: [lb("unknown_mode", { desyncMitigationMode: unknown.string })], expect: [{ on: "unknown_mode", id: "undecided" }] },
    { name: "unknown_type_with_monitor", resources: [lb("unknown_type", { loadBalancerType: unknown.string, desyncMitigationMode: "monitor" })], expect: [{ on: "unknown_type", id: "undecided" }] },
    { name: "pass_unknown_type_defensive", resources: [lb("pass_unknown_type", { loadBalancerType: unknown.string })], expect: [] },
]);
