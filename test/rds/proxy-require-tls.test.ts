import { rdsProxyRequireTls } from "../../policy-pack/rds/proxy-require-tls";
import { caseTable } from "../lib/cases";
import { resource, unknown } from "../lib/fixtures";

const proxyType = "aws:rds/proxy:Proxy";
const compliant = {
    name: "orders-proxy",
    engineFamily: "POSTGRESQL",
    roleArn: "arn:aws:iam::111122223333:role/orders-proxy",
    vpcSubnetIds: ["subnet-a", "subnet-b"],
    auths: [{ authScheme: "SECRETS", iamAuth: "REQUIRED", secretArn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:orders-AbCdEf" }],
    requireTls: true,
};
const proxy = (name: string, change: Record<string, unknown> = {}) => resource(proxyType, name, { ...compliant, ...change });

caseTable(rdsProxyRequireTls, [
    { name: "pass_baseline", resources: [proxy("pass_baseline")], expect: [] },
    { name: "pass_as_string", resources: [proxy("pass_string", { requireTls: "true" })], expect: [] },
    { name: "fail_false", resources: [proxy("fail_false", { requireTls: false })], expect: [{ on: "fail_false", id: "notRequired" }] },
    { name: "fail_unset", resources: [proxy("fail_unset", { requireTls: undefined })], expect: [{ on: "fail_unset", id: "notRequired" }] },
    { name: "na_other_type", resources: [resource("aws:rds/proxyEndpoint:ProxyEndpoint", "na_endpoint", { dbProxyName: "orders-proxy" })], expect: [], notApplicable: ["na_endpoint"] },
    { name: "unknown_require_tls", resources: [proxy("unknown_tls", { requireTls: unknown.bool })], expect: [{ on: "unknown_tls", id: "undecided" }] },
]);
