import { BaselinePolicy } from "../lib/policy";

export const apiGatewayPolicies: BaselinePolicy[] = [];
