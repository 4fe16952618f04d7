import { lbDropInvalidHeaderFields } from "../../policy-pack/elb/drop-invalid-header-fields";
import { caseTable } from "../lib/cases";
import { resource, unknown } from "../lib/fixtures";

const lbType = "aws:lb/loadBalancer:LoadBalancer";
const compliant = { name: "web", loadBalancerType: "application", internal: false, subnets: ["subnet-a", "subnet-b"], securityGroups: ["sg-0123"], dropInvalidHeaderFields: true };
const lb = (name: string, change: Record<string, unknown> = {}, type = lbType) => resource(type, name, { ...compliant, ...change });

caseTable(lbDropInvalidHeaderFields, [
    { name: "pass_baseline", resources: [lb("pass_baseline")], expect: [] },
    { name: "pass_type_unset_means_application", resources: [lb("pass_unset_type", { loadBalancerType: undefined })], expect: [] },
    { name: "pass_legacy_alb_token", resources: [lb("pass_legacy", {}, "aws:alb/loadBalancer:LoadBalancer")], expect: [] },
    { name: "pass_as_string", resources: [lb("pass_string", { dropInvalidHeaderFields: "true" })], expect: [] },
    { name: "fail_unset", resources: [lb("fail_unset", { dropInvalidHeaderFields: undefined })], expect: [{ on: "fail_unset", id: "notDropped" }] },
    { name: "fail_false", resources: [lb("fail_false", { dropInvalidHeaderFields: false })], expect: [{ on: "fail_false", id: "notDropped" }] },
    { name: "fail_type_unset_and_not_dropping", resources: [lb("fail_default_type", { loadBalancerType: undefined, dropInvalidHeaderFields: undefined })], expect: [{ on: "fail_default_type", id: "notDropped" }] },
    { name: "na_network_load_balancer", resources: [lb("na_network", { loadBalancerType: "network", dropInvalidHeaderFields: undefined })], expect: [], notApplicable: ["na_network"] },
    { name: "na_gateway_load_balancer", resources: [lb("na_gateway", { loadBalancerType: "gateway", dropInvalidHeaderFields: undefined })], expect: [], notApplicable: ["na_gateway"] },
    { name: "na_other_type", resources: [resource("aws:lb/listener:Listener", "na_listener", { port: 443, protocol: "HTTPS" })], expect: [], notApplicable: ["na_listener"] },
    { name: "unknown_drop_flag", resources: [lb("unknown_flag", { dropInvalidHeaderFields: unknown.bool })], expect: [{ on: "unknown_flag", id: "undecided" }] },
    { name: "unknown_type_not_dropping", resources: [lb("unknown_type", { loadBalancerType: unknown.string, dropInvalidHeaderFields: false })], expect: [{ on: "unknown_type", id: "undecided" }] },
    { name: "pass_unknown_type_but_dropping", resources: [lb("pass_unknown_type", { loadBalancerType: unknown.string })], expect: [] },
]);
