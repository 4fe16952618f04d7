import { BaselinePolicy } from "../lib/policy";

export const elbPolicies: BaselinePolicy[] = [];
