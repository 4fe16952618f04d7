import { redshiftServerlessRequireTls } from "../../policy-pack/redshift/serverless-require-tls";
import { caseTable } from "../lib/cases";
import { resource, unknown } from "../lib/fixtures";

const workgroupType = "aws:redshiftserverless/workgroup:Workgroup";
const requireSsl = (value: unknown) => ({ parameterKey: "require_ssl", parameterValue: value });
const compliant = { namespaceName: "analytics", workgroupName: "analytics", baseCapacity: 8, publiclyAccessible: false, configParameters: [{ parameterKey: "max_query_execution_time", parameterValue: "14400" }, requireSsl("true")] };
const workgroup = (name: string, change: Record<string, unknown> = {}) => resource(workgroupType, name, { ...compliant, ...change });

caseTable(redshiftServerlessRequireTls, [
    { name: "pass_baseline", resources: [workgroup("pass_baseline")], expect: [] },
    { name: "pass_upper_case_true", resources: [workgroup("pass_upper", { configParameters: [requireSsl("TRUE")] })], expect: [] },
    { name: "pass_last_value_wins", resources: [workgroup("pass_last", { configParameters: [requireSsl("false"), requireSsl("true")] })], expect: [] },
    { name: "fail_false", resources: [workgroup("fail_false", { configParameters: [requireSsl("false")] })], expect: [{ on: "fail_false", id: "notRequired" }] },
    { name: "fail_not_declared", resources: [workgroup("fail_not_declared", { configParameters: [{ parameterKey: "search_path", parameterValue: "$user, public" }] })], expect: [{ on: "fail_not_declared", id: "notRequired" }] },
    { name: "fail_no_config_parameters", resources: [workgroup("fail_none", { configParameters: undefined })], expect: [{ on: "fail_none", id: "notRequired" }] },
    { name: "na_other_type", resources: [resource("aws:redshiftserverless/namespace:Namespace", "na_namespace", { namespaceName: "analytics" })], expect: [], notApplicable: ["na_namespace"] },
    { name: "unknown_config_parameters", resources: [workgroup("unknown_all", { configParameters: unknown.array })], expect: [{ on: "unknown_all", id: "undecided" }] },
    { name: "unknown_value", resources: [workgroup("unknown_value", { configParameters: [requireSsl(unknown.string)] })], expect: [{ on: "unknown_value", id: "undecided" }] },
    { name: "unknown_key_after_false", resources: [workgroup("unknown_key", { configParameters: [requireSsl("false"), { parameterKey: unknown.string, parameterValue: "true" }] })], expect: [{ on: "unknown_key", id: "undecided" }] },
    { name: "pass_true_beside_unknown_key", resources: [workgroup("pass_beside_unknown", { configParameters: [{ parameterKey: unknown.string, parameterValue: "x" }, requireSsl("true")] })], expect: [] },
]);
